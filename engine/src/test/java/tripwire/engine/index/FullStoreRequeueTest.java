package tripwire.engine.index;

import java.util.List;

import org.junit.jupiter.api.Test;

import tripwire.engine.EngineConfig;
import tripwire.engine.EngineHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One input that changes every account of a store filled to its capacity, one of them twice: a fill leaves its
 * account bankrupt, its early re-split cannot band it, and its check deleverages it against every other account
 * (each changed, so queued for a new split) before its own order queues it again. The index's queue is sized for
 * one entry per account: it must not take a second entry for an account already in it. The test runs with
 * Agrona's bounds checks on, so an entry beyond the queue's end throws.
 */
class FullStoreRequeueTest
{
    /** A multiple of 16: the queue (4 B per account) then ends exactly where its 64-byte-aligned buffer does. */
    private static final int ACCOUNTS = 16;

    @Test
    void shouldDeleverageEveryOtherAccountOfAFullStoreInOneFill()
    {
        final EngineHarness harness = new EngineHarness(EngineConfig.defaults().withMaxAccounts(ACCOUNTS));
        harness.apply(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"autoDeleverage\":true}",
            "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"10000\"}",
            // Account 1: long 1 BTC at the mark on 1000: E = 1000, MM = 500.
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"1\",\"price\":\"10000\"}");
        for (int account = 2; account <= ACCOUNTS; account++)
        {
            // Accounts 2..16: short 0.1 BTC at the mark on 1000 each, all ADL counterparties of account 1.
            harness.apply(
                "{\"type\":\"deposit\",\"account\":" + account + ",\"asset\":\"USDC\",\"amount\":\"1000\"}",
                "{\"type\":\"fill\",\"account\":" + account + ",\"market\":\"BTC-PERP\",\"size\":\"-0.1\",\"price\":\"10000\"}");
        }

        // Account 1 buys 1 more BTC at 12000 with the mark at 10000: E = 1000 - 2000 = -1000 < 0 and the fund is 0.
        // The 15 shorts take 0.1 each (1.5 of its 2 BTC); the remaining 0.5 gets a liquidation order.
        final List<String> outputs =
            harness.applyLine("{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"1\",\"price\":\"12000\"}");
        assertEquals(ACCOUNTS - 1, count(outputs, "deleverage"), String.join("\n", outputs));
        assertEquals(1, count(outputs, "liquidationOrder"), String.join("\n", outputs));
    }

    private static long count(final List<String> outputs, final String type)
    {
        return outputs.stream().filter(line -> line.contains("\"type\":\"" + type + "\"")).count();
    }
}

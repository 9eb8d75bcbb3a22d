package tripwire.engine.index;

import java.util.List;

import org.junit.jupiter.api.Test;

import tripwire.engine.EngineConfig;
import tripwire.engine.EngineHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tick that reaches every account of a store filled to its capacity. Each candidate is re-split as soon as
 * it is visited and queued again when its orders are written, so the index's queue would get two entries for
 * one account if it did not keep one at most: here that is twice the capacity it is sized for.
 */
class CrossingTickAtFullCapacityTest
{
    private static final int ACCOUNTS = 64;

    @Test
    void shouldLiquidateEveryDueAccountOfAFullStoreInOneTick()
    {
        final EngineHarness harness = new EngineHarness(EngineConfig.defaults().withMaxAccounts(ACCOUNTS));
        harness.apply(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"SOL-PERP\",\"initialMarginRate\":\"0.05\",\"maintenanceMarginRate\":\"0.005\",\"oracleSources\":[\"pyth\"]}",
            "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"SOL-PERP\",\"price\":\"200\"}");
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            // Long 50 at 200 on 500 (due below 9500 / 49.75 = 190.95...) or, one account in four, on 600 (due below
            // 9400 / 49.75 = 188.94...): equity 50 P - 10000 + cash against maintenance 0.25 P.
            final String amount = account % 4 == 0 ? "600" : "500";
            harness.apply(
                "{\"type\":\"deposit\",\"account\":" + account + ",\"asset\":\"USDC\",\"amount\":\"" + amount + "\"}",
                "{\"type\":\"fill\",\"account\":" + account + ",\"market\":\"SOL-PERP\",\"size\":\"50\",\"price\":\"200\"}");
        }

        final List<String> first = harness.applyLine("{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"SOL-PERP\",\"price\":\"190.5\"}");
        assertEquals(ACCOUNTS - ACCOUNTS / 4, count(first, "liquidationOrder"), String.join("\n", first));

        final List<String> second = harness.applyLine("{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"SOL-PERP\",\"price\":\"188\"}");
        assertEquals(ACCOUNTS / 4, count(second, "liquidationOrder"), String.join("\n", second));
    }

    private static long count(final List<String> outputs, final String type)
    {
        return outputs.stream().filter(line -> line.contains("\"type\":\"" + type + "\"")).count();
    }
}

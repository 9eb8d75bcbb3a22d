package tripwire.engine.risk;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.codecs.DeleverageDecoder;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ADL path allocates nothing in steady state: cycles of two shorts opening, a long filled far above the
 * mark (bankrupt at once: deleveraged against both shorts, its remainder ordered) and the order's fill are
 * applied on this thread, and the bytes it allocates are counted with {@code com.sun.management.ThreadMXBean}.
 *
 * <p>The bound is fewer bytes than cycles: one object allocated per cycle would be at least 16 bytes per cycle.
 * It is not exactly 0 because the JVM itself now and then charges a few hundred bytes to a thread (measured
 * here even across windows that only read the counter), which would make an exact-zero bound flaky on a run
 * this short.
 */
class AutoDeleverageAllocationTest
{
    private static final int WARM_UP_CYCLES = 20_000;
    private static final int MEASURED_CYCLES = 20_000;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerDeleveraging()
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<ScenarioEvent> setup = new ArrayList<>();
        int line = 0;
        for (final String text : new String[] {
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"autoDeleverage\":true}",
            "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"10000\"}"})
        {
            setup.add(parser.parseLine(++line, text));
        }
        // each cycle ends in the state it started from: account 1 (E = 200 - 2 x 1000 = -1800 after its fill) is
        // deleveraged against accounts 2 and 3 (0.5 each) at bk 10000 + 1800 / 2 = 10900, the remaining 1 gets
        // order n, filled at 10900 (account 1: 200 - 22000 + 10900 + 10900 = 0); accounts 2 and 3:
        // 450 + 5000 - 5450 = 0)
        final List<ScenarioEvent> cycles = new ArrayList<>();
        for (int cycle = 1; cycle <= WARM_UP_CYCLES + MEASURED_CYCLES; cycle++)
        {
            for (final String text : new String[] {
                "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"450\"}",
                "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"450\"}",
                "{\"type\":\"fill\",\"account\":2,\"market\":\"BTC-PERP\",\"size\":\"-0.5\",\"price\":\"10000\"}",
                "{\"type\":\"fill\",\"account\":3,\"market\":\"BTC-PERP\",\"size\":\"-0.5\",\"price\":\"10000\"}",
                "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"200\"}",
                "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"2\",\"price\":\"11000\"}",
                "{\"type\":\"liquidationFill\",\"order\":" + cycle + ",\"size\":\"1\",\"price\":\"10900\"}"})
            {
                cycles.add(parser.parseLine(++line, text));
            }
        }
        final long[] counts = new long[3];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final LiquidationEngine engine = new LiquidationEngine(
            EngineConfig.defaults().withMaxAccounts(16),
            (outSeq, timeNs, buffer, offset, length) ->
            {
                header.wrap(buffer, offset);
                final int templateId = header.templateId();
                counts[templateId == DeleverageDecoder.TEMPLATE_ID ? 0 : templateId == LiquidationOrderDecoder.TEMPLATE_ID ? 1 : 2]++;
            });
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        feed(engine, frame, setup, 0, setup.size());
        final int perCycle = cycles.size() / (WARM_UP_CYCLES + MEASURED_CYCLES);
        feed(engine, frame, cycles, 0, WARM_UP_CYCLES * perCycle);

        final long threadId = Thread.currentThread().getId();
        THREADS.getThreadAllocatedBytes(threadId);
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        feed(engine, frame, cycles, WARM_UP_CYCLES * perCycle, cycles.size());
        final long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;

        final long cyclesRun = WARM_UP_CYCLES + MEASURED_CYCLES;
        assertEquals(2 * cyclesRun, counts[0], "two deleverage events per cycle");
        assertEquals(cyclesRun, counts[1], "one remainder order per cycle");
        assertEquals(0, counts[2], "no other output");
        assertTrue(allocated < MEASURED_CYCLES,
            allocated + " bytes allocated over " + MEASURED_CYCLES + " deleveraging cycles: at least one object per cycle");
    }

    private static void feed(
        final LiquidationEngine engine, final UnsafeBuffer frame, final List<ScenarioEvent> events, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final ScenarioEvent event = events.get(i);
            frame.wrap(event.frame());
            engine.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
        }
    }
}

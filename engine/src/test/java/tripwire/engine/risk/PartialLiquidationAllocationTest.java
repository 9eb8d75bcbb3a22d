package tripwire.engine.risk;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.codecs.DepositEncoder;
import tripwire.codecs.FillEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillEncoder;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.TickEncoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partial-liquidation path allocates nothing in steady state. Accounts go through the same cycle again and
 * again: the mark falls to 95 and each gets partial-01's first step (48.4004128 of its 100 contracts); the
 * order is filled at 95; the mark returns to 100; the account deposits the 5 per contract it lost and buys the
 * contracts back at 100, which restores its book exactly. The bytes allocated by the test thread while the
 * engine applies the measured cycles are counted with {@code com.sun.management.ThreadMXBean}.
 *
 * <p>The bound is "far below one byte per event", not zero: with the JIT on, the thread is occasionally charged
 * a few hundred bytes once (seen: 0 to 840) while code is compiled or deoptimised, whereas one object per
 * event or per order would cost at least 16 bytes × 100,000. Run interpreted ({@code -Xint}, no escape analysis
 * to hide a {@code new}), the measured cycles allocate exactly 0 bytes.
 */
class PartialLiquidationAllocationTest
{
    private static final long ONE = 100_000_000L;
    private static final int ACCOUNTS = 100;
    private static final int WARM_UP_CYCLES = 1_000;
    private static final int MEASURED_CYCLES = 1_000;
    private static final long PARTIAL_STEP_E8 = 4_840_041_280L;
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder outputHeader = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final TickEncoder tick = new TickEncoder();
    private final LiquidationFillEncoder liquidationFill = new LiquidationFillEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
    private final long[] orderIdByAccount = new long[ACCOUNTS + 1];
    private final long[] orderSizeByAccount = new long[ACCOUNTS + 1];
    private long orders;
    private long ordersOfAnotherSize;
    private long seq;
    private long timeNs;

    @Test
    void shouldAllocateNothingPerEventWhileSizingPartialLiquidations()
    {
        final OutputSink sink = this::onOutput;
        final LiquidationEngine engine = new LiquidationEngine(EngineConfig.defaults().withMaxAccounts(ACCOUNTS + 1), sink);
        setUp(engine);
        for (int i = 0; i < WARM_UP_CYCLES; i++)
        {
            cycle(engine);
        }
        orders = 0;
        ordersOfAnotherSize = 0;

        final long threadId = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < MEASURED_CYCLES; i++)
        {
            cycle(engine);
        }
        final long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;

        assertEquals((long)ACCOUNTS * MEASURED_CYCLES, orders, "one partial order per account and cycle");
        assertEquals(0, ordersOfAnotherSize, "every order is partial-01's first step");
        final long events = MEASURED_CYCLES * (3L * ACCOUNTS + 2);
        assertTrue(allocated < events / 100, "bytes allocated over " + events + " events: " + allocated);
    }

    private void setUp(final LiquidationEngine engine)
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<String> lines = new ArrayList<>(List.of(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"partialLiquidation\":true,\"liquidationBuffer\":\"0.02\"}",
            "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"100\"}"));
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            lines.add("{\"type\":\"deposit\",\"account\":" + account + ",\"asset\":\"USDC\",\"amount\":\"1000\"}");
            lines.add("{\"type\":\"fill\",\"account\":" + account + ",\"market\":\"BTC-PERP\",\"size\":\"100\",\"price\":\"100\"}");
        }
        for (final ScenarioEvent event : parser.parseAll(lines))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(event.frame());
            engine.onInput(++seq, timeNs, buffer, 0, event.frame().length);
        }
        assertEquals(0, orders, "setup liquidates nobody");
    }

    /** One cycle; the book is the same after it as before. */
    private void cycle(final LiquidationEngine engine)
    {
        apply(engine, marketTick(95 * ONE));
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            liquidationFill.wrapAndApplyHeader(frame, 0, header).orderId(orderIdByAccount[account]);
            liquidationFill.size().mantissa(orderSizeByAccount[account]).exponent((byte)-8);
            liquidationFill.price().mantissa(95 * ONE).exponent((byte)-8);
            apply(engine, liquidationFill.encodedLength());
        }
        apply(engine, marketTick(100 * ONE));
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            deposit.wrapAndApplyHeader(frame, 0, header).accountId(account).assetId(0);
            deposit.amount().mantissa(5 * orderSizeByAccount[account]).exponent((byte)-8);
            apply(engine, deposit.encodedLength());
            fill.wrapAndApplyHeader(frame, 0, header).accountId(account).marketId(0);
            fill.size().mantissa(orderSizeByAccount[account]).exponent((byte)-8);
            fill.price().mantissa(100 * ONE).exponent((byte)-8);
            apply(engine, fill.encodedLength());
        }
    }

    private int marketTick(final long priceE8)
    {
        tick.wrapAndApplyHeader(frame, 0, header).sourceId(0).instrumentKind(InstrumentKind.MARKET).instrumentId(0);
        tick.price().mantissa(priceE8).exponent((byte)-8);
        return tick.encodedLength();
    }

    private void apply(final LiquidationEngine engine, final int bodyLength)
    {
        timeNs += 1_000;
        engine.onInput(++seq, timeNs, frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private void onOutput(final long outSeq, final long outTimeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        outputHeader.wrap(buffer, offset);
        if (outputHeader.templateId() != LiquidationOrderDecoder.TEMPLATE_ID)
        {
            throw new AssertionError("unexpected output template " + outputHeader.templateId());
        }
        order.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, outputHeader.blockLength(), outputHeader.version());
        final int account = (int)order.accountId();
        orderIdByAccount[account] = order.orderId();
        orderSizeByAccount[account] = order.sizeE8();
        orders++;
        if (order.sizeE8() != PARTIAL_STEP_E8)
        {
            ordersOfAnotherSize++;
        }
    }
}

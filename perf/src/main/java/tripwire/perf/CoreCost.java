package tripwire.perf;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;

/**
 * The business logic alone, single-threaded: a fresh {@link LiquidationEngine} fed a {@link LoadStream} by
 * {@code onInput} in a plain loop, no ring, no journal. Setup and warm-up are applied untimed. Over the measured
 * window it times the whole loop (ns/event), and each tick alone ({@link System#nanoTime()} before and after a
 * tick only, so a fill pays nothing): the tick's cost, split into ticks that emitted no order (crossed no
 * account) and ticks that did, and tick-to-order (start of the tick to the emission of each order it caused).
 * The two clock reads per tick (about 20-50 ns) are inside the figures.
 *
 * <p>It also measures what the engine holds once set up: heap ({@code used heap after a GC} with the engine
 * minus before it) and direct buffers (the JVM's direct pool just after the engine's construction, which allocates every off-heap table,
 * minus before it), to show what grows with
 * accounts. Runs on the caller's thread.
 */
final class CoreCost implements OutputSink
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Histogram tickToOrderNs = LatencyRecorder.newHistogram();
    private long tickStartNs;
    private long orders;
    private long rejections;

    /** One measured configuration: per-event cost, tick cost histograms and the engine's footprint. */
    static final class Result
    {
        final LogicBaseline.Result logic;
        final Histogram quietTickNs;
        final Histogram crossingTickNs;
        final Histogram tickToOrderNs;
        /** Sum of the timed ticks' durations, ns (clock reads included). */
        final long tickTotalNs;
        final long engineHeapBytes;
        final long engineDirectBytes;
        final int recordLengthBytes;

        Result(
            final LogicBaseline.Result logic, final Histogram quietTickNs, final Histogram crossingTickNs,
            final Histogram tickToOrderNs, final long tickTotalNs, final long engineHeapBytes, final long engineDirectBytes,
            final int recordLengthBytes)
        {
            this.tickTotalNs = tickTotalNs;
            this.logic = logic;
            this.quietTickNs = quietTickNs;
            this.crossingTickNs = crossingTickNs;
            this.tickToOrderNs = tickToOrderNs;
            this.engineHeapBytes = engineHeapBytes;
            this.engineDirectBytes = engineDirectBytes;
            this.recordLengthBytes = recordLengthBytes;
        }

        /** Mean cost of the measured inputs other than ticks (deposits, fills, liquidation fills), ns. */
        double nonTickNsPerEvent()
        {
            final long nonTicks = logic.events - quietTickNs.getTotalCount() - crossingTickNs.getTotalCount();
            return nonTicks <= 0 ? 0 : (double)(logic.elapsedNs - tickTotalNs) / nonTicks;
        }
    }

    static Result measure(final LoadStream stream, final EngineConfig config)
    {
        final CoreCost sink = new CoreCost();
        final long heapBeforeBytes = usedHeapAfterGc();
        final long directBeforeBytes = settledDirectBytes();
        final LiquidationEngine engine = new LiquidationEngine(config, sink);
        final long engineDirectBytes = usedDirectBytes() - directBeforeBytes;
        final UnsafeBuffer frames = stream.frames();
        final int measuredFrom = stream.measuredFrom();
        final int count = stream.count();
        for (int i = 0; i < measuredFrom; i++)
        {
            engine.onInput(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i));
        }
        final long engineHeapBytes = usedHeapAfterGc() - heapBeforeBytes;
        final Histogram quietTickNs = LatencyRecorder.newHistogram();
        final Histogram crossingTickNs = LatencyRecorder.newHistogram();
        sink.tickToOrderNs.reset();
        long tickTotalNs = 0;
        final long startNs = System.nanoTime();
        for (int i = measuredFrom; i < count; i++)
        {
            if (stream.templateId(i) == TickDecoder.TEMPLATE_ID)
            {
                final long ordersBefore = sink.orders;
                final long tickStartNs = System.nanoTime();
                sink.tickStartNs = tickStartNs;
                engine.onInput(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i));
                final long tickNs = System.nanoTime() - tickStartNs;
                tickTotalNs += tickNs;
                (sink.orders == ordersBefore ? quietTickNs : crossingTickNs).recordValue(tickNs);
                sink.tickStartNs = 0;
            }
            else
            {
                engine.onInput(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i));
            }
        }
        final long elapsedNs = System.nanoTime() - startNs;
        final int recordLengthBytes = recordLength(config);
        return new Result(
            new LogicBaseline.Result(count - measuredFrom, elapsedNs, sink.orders, sink.rejections),
            quietTickNs, crossingTickNs, sink.tickToOrderNs, tickTotalNs, engineHeapBytes, engineDirectBytes, recordLengthBytes);
    }

    /** Bytes of one account's off-heap record (the engine's AccountStore layout for this config). */
    static int recordLength(final EngineConfig config)
    {
        return new tripwire.engine.state.AccountStore(1, config.maxAssets(), config.maxMarkets()).recordLength();
    }

    @Override
    public void onOutput(final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = header.wrap(buffer, offset).templateId();
        if (templateId == LiquidationOrderDecoder.TEMPLATE_ID)
        {
            orders++;
            if (tickStartNs != 0)
            {
                tickToOrderNs.recordValue(System.nanoTime() - tickStartNs);
            }
        }
        else if (templateId == RejectionDecoder.TEMPLATE_ID)
        {
            rejections++;
        }
    }

    /**
     * Direct bytes once the buffers of earlier runs that a GC found unreachable have been freed (their cleaner
     * runs on another thread, after the GC): collects and polls until four reads 25 ms apart agree, at most
     * about a second. A figure can still be off by buffers freed later (reported as measured).
     */
    private static long settledDirectBytes()
    {
        long previous = -1;
        long current = usedDirectBytes();
        int stableReads = 0;
        for (int attempt = 0; attempt < 40 && stableReads < 3; attempt++)
        {
            try
            {
                System.gc();
                Thread.sleep(25);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
            previous = current;
            current = usedDirectBytes();
            stableReads = current == previous ? stableReads + 1 : 0;
        }
        return current;
    }

    /** Bytes of direct (off-heap) buffers allocated and not yet freed in this JVM. */
    private static long usedDirectBytes()
    {
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    private static long usedHeapAfterGc()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

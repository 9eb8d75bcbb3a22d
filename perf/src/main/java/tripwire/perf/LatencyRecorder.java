package tripwire.perf;

import org.agrona.DirectBuffer;
import org.HdrHistogram.Histogram;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.engine.ring.PipelineListener;

/**
 * Records one run's latencies on the business-logic thread, from each input's intended send time
 * ({@link System#nanoTime()} at which the publisher's schedule said it should go, so a late publisher or a full
 * ring counts against the system: no coordinated omission):
 * <ul>
 *   <li>input latency: intended send to input applied, for every measured input;</li>
 *   <li>tick-to-order latency: intended send of a tick to each liquidation order it triggers, as the order is
 *       emitted (an order behind others of the same tick waits for them).</li>
 * </ul>
 * Inputs published with {@code intendedSendNanos == 0} (setup) and inputs before the measured window (warm-up)
 * are not recorded. Values are nanoseconds, clamped to {@link #HIGHEST_TRACKABLE_NS}.
 *
 * <p>Threading: the callbacks run on the business-logic thread only and allocate nothing (histograms are
 * preallocated and never resize). The accessors may be read by another thread once the pipeline's
 * {@code awaitProcessed()} has returned (the ring's sequence publishes these plain writes).
 */
final class LatencyRecorder implements PipelineListener
{
    /** Largest latency recorded as itself, in nanoseconds (one hour); larger values are clamped. */
    static final long HIGHEST_TRACKABLE_NS = 3_600_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 3;

    private final LoadStream stream;
    private final int measuredFrom;
    private final int lastIndex;
    private final Histogram inputLatencyNs = newHistogram();
    private final Histogram tickToOrderNs = newHistogram();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private long orders;
    private long rejections;
    private long lastAppliedNanos;
    private long measuredStartAllocatedBytes = ThreadAllocation.UNKNOWN;
    private long measuredEndAllocatedBytes = ThreadAllocation.UNKNOWN;

    LatencyRecorder(final LoadStream stream)
    {
        this.stream = stream;
        this.measuredFrom = stream.measuredFrom();
        this.lastIndex = stream.count() - 1;
    }

    static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    @Override
    public void onInputApplied(final long seq, final long intendedSendNanos)
    {
        final long nowNs = System.nanoTime();
        lastAppliedNanos = nowNs;
        final int index = LoadStream.indexOf(seq);
        if (intendedSendNanos != 0 && index >= measuredFrom)
        {
            record(inputLatencyNs, nowNs - intendedSendNanos);
        }
        // The measured window on this thread: from after the first measured input to after the last.
        if (index == measuredFrom)
        {
            measuredStartAllocatedBytes = ThreadAllocation.currentThreadAllocatedBytes();
        }
        if (index == lastIndex)
        {
            measuredEndAllocatedBytes = ThreadAllocation.currentThreadAllocatedBytes();
        }
    }

    @Override
    public void onOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final long intendedSendNanos)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId == LiquidationOrderDecoder.TEMPLATE_ID)
        {
            final long nowNs = System.nanoTime();
            orders++;
            order.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            final int triggerIndex = LoadStream.indexOf(order.triggerSeq());
            if (intendedSendNanos != 0 && triggerIndex >= measuredFrom &&
                stream.templateId(triggerIndex) == TickDecoder.TEMPLATE_ID)
            {
                record(tickToOrderNs, nowNs - intendedSendNanos);
            }
        }
        else if (templateId == RejectionDecoder.TEMPLATE_ID)
        {
            rejections++;
        }
    }

    /** Intended send to input applied, ns, measured inputs only. */
    Histogram inputLatencyNs()
    {
        return inputLatencyNs;
    }

    /** Intended send of a tick to each order it triggered, ns, measured ticks only. */
    Histogram tickToOrderNs()
    {
        return tickToOrderNs;
    }

    /** Liquidation orders emitted in the whole run (setup, warm-up and measured). */
    long orders()
    {
        return orders;
    }

    long rejections()
    {
        return rejections;
    }

    /** {@link System#nanoTime()} when the last input was applied. */
    long lastAppliedNanos()
    {
        return lastAppliedNanos;
    }

    /**
     * Heap bytes the business-logic thread allocated while applying the measured inputs (after the first, up to the
     * last), or {@link ThreadAllocation#UNKNOWN}.
     */
    long measuredAllocatedBytes()
    {
        return ThreadAllocation.between(measuredStartAllocatedBytes, measuredEndAllocatedBytes);
    }

    private static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(Math.max(1, Math.min(valueNs, HIGHEST_TRACKABLE_NS)));
    }
}

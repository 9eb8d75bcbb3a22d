package tripwire.perf;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one pipeline run at one offered rate (or saturation). Immutable once built; histograms are in
 * nanoseconds and owned by this result.
 */
final class RunResult
{
    final String name;
    /** Offered events/s, or {@link PacedPublisher#AS_FAST_AS_POSSIBLE} for saturation. */
    final long offeredPerSecond;
    final int measuredEvents;
    /** From the intended send of the first measured input to the last input applied, in ns. */
    final long elapsedNs;
    final Histogram inputLatencyNs;
    final Histogram tickToOrderNs;
    /** How late the publisher handed each measured input to the ring, ns; empty for saturation. */
    final Histogram sendLagNs;
    final long orders;
    final long rejections;
    /** Heap bytes the publisher's timed loop allocated, or {@link ThreadAllocation#UNKNOWN}. */
    final long publisherAllocatedBytes;
    /** Heap bytes the business-logic thread allocated over the measured inputs, or {@link ThreadAllocation#UNKNOWN}. */
    final long logicAllocatedBytes;

    RunResult(
        final String name,
        final long offeredPerSecond,
        final int measuredEvents,
        final long elapsedNs,
        final Histogram inputLatencyNs,
        final Histogram tickToOrderNs,
        final Histogram sendLagNs,
        final long orders,
        final long rejections,
        final long publisherAllocatedBytes,
        final long logicAllocatedBytes)
    {
        this.name = name;
        this.offeredPerSecond = offeredPerSecond;
        this.measuredEvents = measuredEvents;
        this.elapsedNs = elapsedNs;
        this.inputLatencyNs = inputLatencyNs;
        this.tickToOrderNs = tickToOrderNs;
        this.sendLagNs = sendLagNs;
        this.orders = orders;
        this.rejections = rejections;
        this.publisherAllocatedBytes = publisherAllocatedBytes;
        this.logicAllocatedBytes = logicAllocatedBytes;
    }

    boolean isSaturation()
    {
        return offeredPerSecond == PacedPublisher.AS_FAST_AS_POSSIBLE;
    }

    /** Measured inputs applied per second. */
    long achievedPerSecond()
    {
        return elapsedNs <= 0 ? 0 : measuredEvents * 1_000_000_000L / elapsedNs;
    }
}

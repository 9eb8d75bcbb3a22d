package tripwire.perf;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.ring.EnginePipeline;

/**
 * The publisher's timed loop: publishes a range of a {@link LoadStream} into an {@link EnginePipeline}, either
 * on a schedule (event {@code i} at its intended time {@code start + i x 10^9 / rate} ns; spins until then, and
 * when late publishes at once, never skipping) or as fast as the ring takes them (saturation). Each input carries
 * its intended send time ({@link System#nanoTime()} base) so latency is measured from the schedule, not from
 * when the publisher got round to it.
 *
 * <p>The publisher spins ({@link Thread#onSpinWait()}) while early and never yields: on a loaded machine a
 * yielding thread can wait milliseconds for its core back, and that lateness would be charged to the pipeline.
 * How late the publisher itself was (its send lag) is recorded separately, so a reader can tell the harness's
 * lateness from the pipeline's.
 *
 * <p>Runs on the calling thread, the pipeline's one publisher. Allocates nothing.
 */
final class PacedPublisher
{
    /** Saturation: no schedule; the intended time is the moment of publishing. */
    static final long AS_FAST_AS_POSSIBLE = 0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private PacedPublisher()
    {
    }

    /**
     * Publishes setup inputs as fast as possible, unmeasured ({@code intendedSendNanos = 0}).
     *
     * @param toExclusive end of the range of stream indices, from 0.
     */
    static void publishUnmeasured(final EnginePipeline pipeline, final LoadStream stream, final int toExclusive)
    {
        final UnsafeBuffer frames = stream.frames();
        for (int i = 0; i < toExclusive; i++)
        {
            pipeline.publish(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i), 0);
        }
    }

    /**
     * Publishes stream indices {@code [from, to)} at {@code ratePerSecond}, or as fast as possible for
     * {@link #AS_FAST_AS_POSSIBLE}.
     *
     * @param measuredFrom first index of the measured window, in {@code [from, to)}.
     * @param sendLagNs    records, for each measured input on a schedule, how late it was handed to the ring
     *                     (ns after its intended time; 0 when on time); untouched for saturation.
     * @return the intended send time of input {@code measuredFrom}, {@link System#nanoTime()} base.
     */
    static long publish(
        final EnginePipeline pipeline, final LoadStream stream, final int from, final int to, final int measuredFrom,
        final long ratePerSecond, final Histogram sendLagNs)
    {
        final UnsafeBuffer frames = stream.frames();
        final long startNs = System.nanoTime();
        long measuredStartNs = startNs;
        for (int i = from; i < to; i++)
        {
            final long intendedNs;
            if (ratePerSecond == AS_FAST_AS_POSSIBLE)
            {
                intendedNs = System.nanoTime();
            }
            else
            {
                intendedNs = startNs + (i - from) * NANOS_PER_SECOND / ratePerSecond;
                final long sendNs = awaitTime(intendedNs);
                if (i >= measuredFrom)
                {
                    sendLagNs.recordValue(Math.min(sendNs - intendedNs, LatencyRecorder.HIGHEST_TRACKABLE_NS));
                }
            }
            if (i == measuredFrom)
            {
                measuredStartNs = intendedNs;
            }
            pipeline.publish(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i), intendedNs);
        }
        return measuredStartNs;
    }

    /** Spins until {@code deadlineNs}; returns the first {@link System#nanoTime()} reading at or after it. */
    private static long awaitTime(final long deadlineNs)
    {
        long nowNs;
        while ((nowNs = System.nanoTime()) < deadlineNs)
        {
            Thread.onSpinWait();
        }
        return nowNs;
    }
}

package tripwire.perf;

import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Renders a harness report as markdown: one row per run (latencies in microseconds), then the business-logic
 * baseline and the saturated pipeline's throughput as a share of it. Off the timed path.
 */
final class ResultTable
{
    private static final double NANOS_PER_MICRO = 1_000.0;

    private ResultTable()
    {
    }

    static String render(final HarnessReport report)
    {
        final StringBuilder out = new StringBuilder(4096);
        out.append("| run | offered ev/s | achieved ev/s | in p50 µs | in p99 µs | in p99.9 µs | in max µs |")
            .append(" t2o p50 µs | t2o p99 µs | t2o p99.9 µs | t2o max µs | t2o samples | lag p99 µs | alloc B pub/logic |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final RunResult run : report.runs)
        {
            out.append("| ").append(run.name)
                .append(" | ").append(run.isSaturation() ? "max" : String.valueOf(run.offeredPerSecond))
                .append(" | ").append(run.achievedPerSecond());
            percentiles(out, run.inputLatencyNs);
            percentiles(out, run.tickToOrderNs);
            out.append(" | ").append(run.tickToOrderNs.getTotalCount())
                .append(" | ").append(run.isSaturation() ? "-" : micros(run.sendLagNs.getValueAtPercentile(99.0)))
                .append(" | ").append(run.publisherAllocatedBytes).append('/').append(run.logicAllocatedBytes).append(" |\n");
        }
        out.append('\n');
        final List<LogicBaseline.Result> baselines = report.baselines;
        for (int i = 0; i < baselines.size(); i++)
        {
            final LogicBaseline.Result baseline = baselines.get(i);
            out.append(String.format(Locale.ROOT,
                "- business logic alone (plain loop, one thread, no ring, journal NONE), pass %d: %.1f ns/event = %d ev/s%n",
                i + 1, baseline.nsPerEvent(), baseline.eventsPerSecond()));
        }
        final RunResult saturation = report.saturation();
        final LogicBaseline.Result best = report.bestBaseline();
        if (saturation != null && best != null && best.eventsPerSecond() > 0)
        {
            out.append(String.format(Locale.ROOT,
                "- saturated pipeline: %d ev/s = %.2f x the best baseline pass (%d ev/s)%n",
                saturation.achievedPerSecond(), (double)saturation.achievedPerSecond() / best.eventsPerSecond(),
                best.eventsPerSecond()));
        }
        out.append("- in = intended send -> input applied (every measured input); t2o = intended send of a tick -> each ")
            .append("liquidation order it triggered; both coordinated-omission-free (from the schedule, not the send);")
            .append(" lag = how late the publisher itself handed inputs to the ring (its share of the latency);")
            .append(" alloc = heap bytes allocated by the publisher's timed loop / by the business-logic thread over the")
            .append(" measured inputs (-1: not counted by this JVM).\n");
        return out.toString();
    }

    private static void percentiles(final StringBuilder out, final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            out.append(" | - | - | - | -");
            return;
        }
        out.append(" | ").append(micros(histogram.getValueAtPercentile(50.0)))
            .append(" | ").append(micros(histogram.getValueAtPercentile(99.0)))
            .append(" | ").append(micros(histogram.getValueAtPercentile(99.9)))
            .append(" | ").append(micros(histogram.getMaxValue()));
    }

    private static String micros(final long nanos)
    {
        return String.format(Locale.ROOT, "%.1f", nanos / NANOS_PER_MICRO);
    }
}

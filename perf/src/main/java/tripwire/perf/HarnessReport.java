package tripwire.perf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one harness invocation measured, and what went wrong: a problem is a run without numbers or a
 * run whose engine did not do what the stream's generator said it would (orders, rejections). Timings are never
 * problems. Built on the harness's main thread.
 */
final class HarnessReport
{
    final LoadStream stream;
    final List<RunResult> runs = new ArrayList<>();
    final List<LogicBaseline.Result> baselines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    HarnessReport(final LoadStream stream)
    {
        this.stream = stream;
    }

    void add(final LogicBaseline.Result baseline)
    {
        baselines.add(baseline);
        final String name = "baseline pass " + baselines.size();
        check(baseline.eventsPerSecond() > 0, name + ": no throughput");
        check(baseline.orders == stream.expectedOrders(),
            name + ": " + baseline.orders + " orders, the generator expected " + stream.expectedOrders());
        check(baseline.rejections == 0, name + ": " + baseline.rejections + " rejections");
    }

    void add(final RunResult run)
    {
        runs.add(run);
        check(run.inputLatencyNs.getTotalCount() == run.measuredEvents,
            run.name + ": " + run.inputLatencyNs.getTotalCount() + " input latencies for " + run.measuredEvents + " inputs");
        check(run.achievedPerSecond() > 0, run.name + ": achieved rate is 0");
        check(run.tickToOrderNs.getTotalCount() > 0, run.name + ": no tick-to-order latencies");
        check(run.tickToOrderNs.getTotalCount() == stream.expectedMeasuredTickOrders(),
            run.name + ": " + run.tickToOrderNs.getTotalCount() + " tick-to-order latencies, the generator expected " +
            stream.expectedMeasuredTickOrders());
        check(run.orders == stream.expectedOrders(),
            run.name + ": " + run.orders + " orders, the generator expected " + stream.expectedOrders());
        check(run.rejections == 0, run.name + ": " + run.rejections + " rejections");
    }

    List<String> problems()
    {
        return Collections.unmodifiableList(problems);
    }

    /** The saturation run, or null when there was none. */
    RunResult saturation()
    {
        for (final RunResult run : runs)
        {
            if (run.isSaturation())
            {
                return run;
            }
        }
        return null;
    }

    /** The fastest baseline pass (the least disturbed by the machine), or null when there was none. */
    LogicBaseline.Result bestBaseline()
    {
        LogicBaseline.Result best = null;
        for (final LogicBaseline.Result baseline : baselines)
        {
            if (best == null || baseline.eventsPerSecond() > best.eventsPerSecond())
            {
                best = baseline;
            }
        }
        return best;
    }

    private void check(final boolean condition, final String problem)
    {
        if (!condition)
        {
            problems.add(problem);
        }
    }
}

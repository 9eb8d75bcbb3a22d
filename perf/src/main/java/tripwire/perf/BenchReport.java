package tripwire.perf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one {@link BenchSuite} run measured, and what went wrong. A problem is a benchmark without
 * numbers or an engine (ours or the naive one) that did not emit the orders the generator expected; timings
 * are never problems. Built on the suite's main thread.
 */
final class BenchReport
{
    /** One single-threaded core-cost configuration, with the baselines measured on the very same frames. */
    static final class CoreRow
    {
        final int accounts;
        final String mix;
        final int ticksPerMille;
        final LoadStream stream;
        final CoreCost.Result engine;
        /** Null when the naive engine was not run at this size. */
        final LogicBaseline.Result naive;
        final double floorRmwNs;

        CoreRow(
            final int accounts, final String mix, final int ticksPerMille, final LoadStream stream,
            final CoreCost.Result engine, final LogicBaseline.Result naive, final double floorRmwNs)
        {
            this.accounts = accounts;
            this.mix = mix;
            this.ticksPerMille = ticksPerMille;
            this.stream = stream;
            this.engine = engine;
            this.naive = naive;
            this.floorRmwNs = floorRmwNs;
        }
    }

    final boolean quick;
    final List<JmhBenchmarks.Score> jmh = new ArrayList<>();
    final List<CoreRow> core = new ArrayList<>();
    double handOffNs;
    String handOffStream = "";
    HarnessReport endToEnd;
    String endToEndOptions = "";
    private final List<String> problems = new ArrayList<>();

    BenchReport(final boolean quick)
    {
        this.quick = quick;
    }

    void jmh(final List<JmhBenchmarks.Score> scores)
    {
        jmh.addAll(scores);
        check(scores.size() == 3, "JMH: " + scores.size() + " benchmark results, expected 3");
        for (final JmhBenchmarks.Score score : scores)
        {
            check(score.nsPerOp() > 0 && Double.isFinite(score.nsPerOp()), "JMH " + score.name() + ": no score");
        }
    }

    void add(final CoreRow row)
    {
        core.add(row);
        final String name = "core " + row.accounts + " " + row.mix;
        check(row.engine.logic.eventsPerSecond() > 0, name + ": no throughput");
        check(row.engine.logic.orders == row.stream.expectedOrders(),
            name + ": engine emitted " + row.engine.logic.orders + " orders, the generator expected " +
            row.stream.expectedOrders());
        check(row.engine.logic.rejections == 0, name + ": " + row.engine.logic.rejections + " rejections");
        check(row.engine.quietTickNs.getTotalCount() + row.engine.crossingTickNs.getTotalCount() > 0, name + ": no ticks timed");
        check(row.floorRmwNs > 0, name + ": no floor RMW figure");
        if (row.naive != null)
        {
            check(row.naive.eventsPerSecond() > 0, name + " naive: no throughput");
            check(row.naive.orders == row.engine.logic.orders,
                name + ": naive engine emitted " + row.naive.orders + " orders, the engine " + row.engine.logic.orders);
        }
    }

    void handOff(final double nsPerEvent, final String stream)
    {
        handOffNs = nsPerEvent;
        handOffStream = stream;
        check(nsPerEvent > 0, "Disruptor hand-off: no figure");
    }

    void endToEnd(final HarnessReport report, final String options)
    {
        endToEnd = report;
        endToEndOptions = options;
        for (final String problem : report.problems())
        {
            problems.add("end to end: " + problem);
        }
        check(report.saturation() != null, "end to end: no saturation run");
    }

    /** The core row for this size and mix, or null. */
    CoreRow row(final int accounts, final String mix)
    {
        for (final CoreRow row : core)
        {
            if (row.accounts == accounts && row.mix.equals(mix))
            {
                return row;
            }
        }
        return null;
    }

    List<String> problems()
    {
        return Collections.unmodifiableList(problems);
    }

    private void check(final boolean condition, final String problem)
    {
        if (!condition)
        {
            problems.add(problem);
        }
    }
}

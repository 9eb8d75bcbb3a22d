package tripwire.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Renders a {@link BenchReport} as markdown: every figure, every ratio and, for each issue-5 target, whether
 * this run meets it (targets are reported, never enforced). Off the timed path.
 */
final class BenchTable
{
    private BenchTable()
    {
    }

    static String render(final BenchReport report)
    {
        final StringBuilder out = new StringBuilder(16_384);
        out.append("# Tripwire bench (").append(report.quick ? "quick" : "full").append(")\n\n");
        out.append("Machine: ").append(machine()).append("\n\n");

        out.append("## JMH micro-benchmarks (average time)\n\n| benchmark | ns/op | ± ns (99.9%) |\n|---|---:|---:|\n");
        for (final JmhBenchmarks.Score score : report.jmh)
        {
            out.append(format("| %s | %.1f | %.1f |%n", score.name(), score.nsPerOp(), score.errorNs()));
        }
        out.append("\nIndex update: no JMH benchmark yet; the liquidation index's effect shows in the core-cost tick rows ")
            .append("(quiet ticks at 10k vs 1M accounts).\n\n");

        out.append("## Core cost: business logic alone, one thread, no ring, no journal\n\n")
            .append("| accounts | mix | measured events | ns/event | events/s | non-tick ns/event | quiet tick p50 / p99 / p99.9 ns (n) |")
            .append(" crossing tick p50 ns (n) | tick-to-order p50 / p99 / p99.9 ns (n) | floor RMW ns | engine / floor |")
            .append(" naive ns/event | engine / naive throughput |\n")
            .append("|---:|---|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|\n");
        for (final BenchReport.CoreRow row : report.core)
        {
            final LogicBaseline.Result engine = row.engine.logic;
            out.append(format("| %d | %s (%d‰ ticks) | %d | %.1f | %d | %.1f | %s | %s | %s | %.1f | %.1f x | %s | %s |%n",
                row.accounts, row.mix, row.ticksPerMille, engine.events, engine.nsPerEvent(), engine.eventsPerSecond(),
                row.engine.nonTickNsPerEvent(),
                triple(row.engine.quietTickNs), p50(row.engine.crossingTickNs), triple(row.engine.tickToOrderNs),
                row.floorRmwNs, engine.nsPerEvent() / row.floorRmwNs,
                row.naive == null ? "not run" : format("%.1f", row.naive.nsPerEvent()),
                row.naive == null ? "-" : format("%.1f x", engineOverNaive(row))));
        }
        out.append("\n- non-tick: the measured window's time minus its timed ticks, per deposit, fill or liquidation fill. ")
            .append("quiet tick: a tick that emitted no order (crossed no account); crossing tick: one that did; ")
            .append("tick-to-order: start of the tick's onInput to each order it emitted. Ticks carry two clock reads. ")
            .append("Naive: NaiveEngine (on-heap maps, scan of every account per tick) behind a LinkedBlockingQueue ")
            .append("hand-off, on the same frames; it emitted the same number of orders as the engine on every row ")
            .append("(checked; a mismatch is a PROBLEM line). Floor RMW: one random 64-byte read-modify-write per ")
            .append("event in an off-heap buffer as large as the engine's account store at that size.\n\n");

        out.append("## Memory the engine holds once set up\n\n")
            .append("| accounts (= capacity) | account record B | engine direct (off-heap) B | per account | engine heap B | per account |\n")
            .append("|---:|---:|---:|---:|---:|---:|\n");
        for (final BenchReport.CoreRow row : report.core)
        {
            if (BenchSuite.FILL_HEAVY.equals(row.mix))
            {
                out.append(format("| %d | %d | %d | %.1f | %d | %.1f |%n", row.accounts, row.engine.recordLengthBytes,
                    row.engine.engineDirectBytes, (double)row.engine.engineDirectBytes / row.accounts,
                    row.engine.engineHeapBytes, (double)row.engine.engineHeapBytes / row.accounts));
            }
        }
        out.append("\n- the account record holds every asset slot (16 B) and every market slot (32 B: size, order id, ")
            .append("order remaining, member slot, side) for the configured maxAssets and maxMarkets, so a position costs ")
            .append("32 B whether open or not; direct also counts member lists, indexes and the other off-heap tables.\n\n");

        out.append("## Floor\n\n");
        out.append(format("- bare Disruptor hand-off (1 producer, 1 consumer, default wait strategy) of %s: %.1f ns/event%n",
            report.handOffStream, report.handOffNs));
        for (final BenchReport.CoreRow row : report.core)
        {
            if (BenchSuite.TICK_HEAVY.equals(row.mix))
            {
                out.append(format("- random 64-byte RMW, buffer of %d accounts x %d B = %d MiB: %.1f ns/event%n",
                    row.accounts, row.engine.recordLengthBytes, ((long)row.accounts * row.engine.recordLengthBytes) >> 20,
                    row.floorRmwNs));
            }
        }
        out.append('\n');

        out.append("## Ratios\n\n");
        final int smallest = report.core.isEmpty() ? 0 : report.core.get(0).accounts;
        final int largest = report.core.isEmpty() ? 0 : report.core.get(report.core.size() - 1).accounts;
        for (final String mix : new String[] {BenchSuite.TICK_HEAVY, BenchSuite.FILL_HEAVY})
        {
            final BenchReport.CoreRow small = report.row(smallest, mix);
            final BenchReport.CoreRow large = report.row(largest, mix);
            if (small != null && large != null)
            {
                out.append(format("- %s, %d vs %d accounts: ns/event %.2f x; quiet tick p50 %.2f x%n", mix, largest, smallest,
                    large.engine.logic.nsPerEvent() / small.engine.logic.nsPerEvent(),
                    ratioP50(large.engine.quietTickNs, small.engine.quietTickNs)));
            }
        }
        for (final BenchReport.CoreRow row : report.core)
        {
            out.append(format("- %d accounts %s: engine / floor RMW %.2f x; engine / Disruptor hand-off %.2f x%s%n",
                row.accounts, row.mix, row.engine.logic.nsPerEvent() / row.floorRmwNs,
                row.engine.logic.nsPerEvent() / report.handOffNs,
                row.naive == null ? "" : format("; engine throughput / naive %.1f x", engineOverNaive(row))));
        }
        final RunResult saturation = report.endToEnd == null ? null : report.endToEnd.saturation();
        final LogicBaseline.Result logic = report.endToEnd == null ? null : report.endToEnd.bestBaseline();
        if (saturation != null && logic != null)
        {
            out.append(format("- end to end saturated with journal: %d ev/s = %.2f x the logic alone on that stream (%d ev/s)%n",
                saturation.achievedPerSecond(), (double)saturation.achievedPerSecond() / logic.eventsPerSecond(),
                logic.eventsPerSecond()));
        }
        out.append('\n');

        out.append("## End to end: publisher thread -> ring -> business logic, Chronicle journal on\n\n");
        out.append(report.endToEndOptions).append("\n\n");
        if (report.endToEnd != null)
        {
            out.append(ResultTable.render(report.endToEnd)).append('\n');
        }

        targets(report, out, smallest, largest, saturation);
        return out.toString();
    }

    private static void targets(
        final BenchReport report, final StringBuilder out, final int smallest, final int largest, final RunResult saturation)
    {
        out.append("## Issue-5 targets in this run").append(report.quick ? " (quick mode: small sizes, indicative only)" : "")
            .append("\n\n| target | this run | met |\n|---|---|---|\n");
        for (final String mix : new String[] {BenchSuite.FILL_HEAVY, BenchSuite.TICK_HEAVY})
        {
            final BenchReport.CoreRow row = report.row(largest, mix);
            if (row != null)
            {
                final double ratio = row.engine.logic.nsPerEvent() / row.floorRmwNs;
                out.append(format("| core cost at %d accounts (%s) within 3x the floor RMW | %.1f ns vs %.1f ns = %.2f x | %s |%n",
                    largest, mix, row.engine.logic.nsPerEvent(), row.floorRmwNs, ratio, met(ratio <= 3.0)));
                if (BenchSuite.FILL_HEAVY.equals(mix))
                {
                    final double nonTickRatio = row.engine.nonTickNsPerEvent() / row.floorRmwNs;
                    out.append(format("| (the same, inputs other than ticks only) | %.1f ns vs %.1f ns = %.2f x | %s |%n",
                        row.engine.nonTickNsPerEvent(), row.floorRmwNs, nonTickRatio, met(nonTickRatio <= 3.0)));
                }
            }
        }
        final BenchReport.CoreRow small = report.row(smallest, BenchSuite.TICK_HEAVY);
        final BenchReport.CoreRow large = report.row(largest, BenchSuite.TICK_HEAVY);
        if (small != null && large != null &&
            (small.engine.quietTickNs.getTotalCount() == 0 || large.engine.quietTickNs.getTotalCount() == 0))
        {
            out.append(format("| a tick crossing no account at %d accounts <= 1.5x its cost at %d | no quiet tick measured " +
                "at one of the sizes | no data |%n", largest, smallest));
        }
        else if (small != null && large != null)
        {
            final double ratio = ratioP50(large.engine.quietTickNs, small.engine.quietTickNs);
            out.append(format("| a tick crossing no account at %d accounts <= 1.5x its cost at %d | p50 %d ns vs %d ns = %.2f x | %s |%n",
                largest, smallest, large.engine.quietTickNs.getValueAtPercentile(50),
                small.engine.quietTickNs.getValueAtPercentile(50), ratio, met(ratio <= 1.5)));
        }
        BenchReport.CoreRow naiveRow = null;
        for (final BenchReport.CoreRow row : report.core)
        {
            if (row.naive != null && BenchSuite.TICK_HEAVY.equals(row.mix))
            {
                naiveRow = row;
            }
        }
        if (naiveRow != null)
        {
            final double ratio = engineOverNaive(naiveRow);
            out.append(format("| >= 100x the naive engine's throughput, tick-heavy, %d accounts | %d vs %d ev/s = %.1f x | %s |%n",
                naiveRow.accounts, naiveRow.engine.logic.eventsPerSecond(), naiveRow.naive.eventsPerSecond(), ratio,
                met(ratio >= 100)));
        }
        if (saturation != null)
        {
            out.append(format("| end to end with journal >= 1M events/s | %d ev/s saturated | %s |%n",
                saturation.achievedPerSecond(), met(saturation.achievedPerSecond() >= 1_000_000)));
        }
        final BenchReport.CoreRow memory = report.row(largest, BenchSuite.FILL_HEAVY);
        final BenchReport.CoreRow memorySmall = report.row(smallest, BenchSuite.FILL_HEAVY);
        if (memory != null && memorySmall != null)
        {
            out.append(format("| off-heap memory per account and per position stated | %.0f B/account direct in all " +
                "(record %d B; 32 B per market slot = per position) | stated |%n",
                (double)memory.engine.engineDirectBytes / memory.accounts, memory.engine.recordLengthBytes));
            // Growth: the heap the larger engine holds beyond the smaller one, per account added (a fixed amount,
            // sized by markets and assets, is not growth).
            final double heapGrowthPerAccount = (double)(memory.engine.engineHeapBytes - memorySmall.engine.engineHeapBytes) /
                Math.max(1, largest - smallest);
            out.append(format("| heap not growing with accounts | engine heap %d B at %d, %d B at %d accounts " +
                "(%.2f B per account added) | %s |%n",
                memorySmall.engine.engineHeapBytes, smallest, memory.engine.engineHeapBytes, largest, heapGrowthPerAccount,
                met(heapGrowthPerAccount < 1.0)));
        }
        out.append('\n');
    }

    static String machine()
    {
        String model = "unknown CPU";
        try
        {
            final Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.exists(cpuinfo))
            {
                final List<String> lines = Files.readAllLines(cpuinfo);
                for (final String line : lines)
                {
                    if (line.startsWith("model name"))
                    {
                        model = line.substring(line.indexOf(':') + 1).strip();
                        break;
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            model = "unknown CPU (" + ex.getMessage() + ")";
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + System.getProperty("java.vm.name") +
            " " + Runtime.version() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, " +
            System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    private static double engineOverNaive(final BenchReport.CoreRow row)
    {
        return row.naive.eventsPerSecond() == 0 ? 0 : (double)row.engine.logic.eventsPerSecond() / row.naive.eventsPerSecond();
    }

    private static double ratioP50(final Histogram numerator, final Histogram denominator)
    {
        final long below = denominator.getValueAtPercentile(50);
        return below == 0 || numerator.getTotalCount() == 0 ? Double.NaN : (double)numerator.getValueAtPercentile(50) / below;
    }

    private static String triple(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return "- (0)";
        }
        return format("%d / %d / %d (%d)", histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), histogram.getTotalCount());
    }

    private static String p50(final Histogram histogram)
    {
        return histogram.getTotalCount() == 0 ? "- (0)" : format("%d (%d)", histogram.getValueAtPercentile(50), histogram.getTotalCount());
    }

    private static String met(final boolean met)
    {
        return met ? "MET" : "NOT MET";
    }

    private static String format(final String pattern, final Object... args)
    {
        return String.format(Locale.ROOT, pattern, args);
    }
}

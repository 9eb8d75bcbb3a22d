package tripwire.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import tripwire.engine.EngineConfig;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.WaitStrategies;

/**
 * {@code scripts/tripwire bench}: every benchmark of issue 5 in one process, so every comparison shares the
 * machine's noise. In order:
 * <ol>
 *   <li>JMH micro-benchmarks ({@link JmhBenchmarks});</li>
 *   <li>per account count and per mix (tick-heavy, fill-heavy): one {@link LoadGenerator} stream, then on those
 *       very frames the engine's core cost ({@link CoreCost}), the {@link NaiveBaseline} (up to
 *       {@link #NAIVE_MAX_ACCOUNTS}) and, once per size, the floor's random RMW in a buffer as large as the
 *       account store ({@link HardwareFloor});</li>
 *   <li>the floor's bare Disruptor hand-off of the smallest fill-heavy stream's frames;</li>
 *   <li>end to end: the {@link LatencyHarness} with a Chronicle journal at several offered rates and saturation.</li>
 * </ol>
 * Results go to one directory per run ({@code results/<timestamp>/} unless {@code --out DIR}): summary.md
 * ({@link BenchTable}), the .hgrm files and latency.png. Exit code 0, or 1 when a benchmark produced no numbers
 * or an engine emitted other orders than expected; 2 on bad arguments. Timings are never judged here.
 */
final class BenchSuite
{
    static final String USAGE = "usage: bench [--quick] [--out DIR]";
    static final String TICK_HEAVY = "tick-heavy";
    static final String FILL_HEAVY = "fill-heavy";
    /** Ticks per 1000 steady-stream events of each mix. */
    static final int TICK_HEAVY_PER_MILLE = 500;
    static final int FILL_HEAVY_PER_MILLE = 1;
    /**
     * One tick in this many jumps in the tick-heavy mix: with the generator's default (one in eight) the venue's
     * reactions to the liquidations jumps cause would outnumber the ticks several times over.
     */
    static final int TICK_HEAVY_JUMP_ONE_IN = 500;
    static final int[] SIZES = {10_000, 100_000, 1_000_000};
    static final int[] QUICK_SIZES = {1_000, 4_000};
    /** The naive engine runs at sizes up to this (at 1M it needs about a GB of heap and minutes of scans). */
    static final int NAIVE_MAX_ACCOUNTS = 100_000;
    /**
     * Measured events per core configuration are chosen so that ticks x exposed accounts stays near this many
     * account evaluations (the engine scans a market's members per tick), between the two bounds below.
     */
    static final long EVALUATION_BUDGET = 100_000_000L;
    static final int MIN_MEASURED = 300;
    static final int MAX_MEASURED = 200_000;
    static final long QUICK_EVALUATION_BUDGET = 4_000_000L;
    static final int QUICK_MAX_MEASURED = 10_000;
    static final int FLOOR_EVENTS = 10_000_000;
    static final int QUICK_FLOOR_EVENTS = 200_000;
    static final long SEED = HarnessOptions.SEED_DEFAULT;

    private final boolean quick;
    private final Path outDir;

    BenchSuite(final boolean quick, final Path outDir)
    {
        this.quick = quick;
        this.outDir = outDir;
    }

    public static void main(final String[] args)
    {
        System.exit(run(System.out, args));
    }

    static int run(final PrintStream out, final String... args)
    {
        boolean quick = false;
        Path outDir = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out":
                    if (i + 1 >= args.length)
                    {
                        System.err.println(USAGE);
                        return 2;
                    }
                    outDir = Path.of(args[++i]);
                    break;
                case "--help":
                    out.println(USAGE);
                    return 0;
                default:
                    System.err.println("unknown option " + args[i]);
                    System.err.println(USAGE);
                    return 2;
            }
        }
        if (outDir == null)
        {
            outDir = Path.of("results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        final BenchReport report;
        try
        {
            report = new BenchSuite(quick, outDir).run(out);
        }
        catch (final Exception ex)
        {
            ex.printStackTrace(out);
            return 1;
        }
        for (final String problem : report.problems())
        {
            out.println("PROBLEM: " + problem);
        }
        out.println("- results in " + outDir.toAbsolutePath());
        return report.problems().isEmpty() ? 0 : 1;
    }

    BenchReport run(final PrintStream out) throws Exception
    {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        final long startNs = System.nanoTime();
        final BenchReport report = new BenchReport(quick);
        out.println("bench: " + (quick ? "quick" : "full") + ", out " + outDir.toAbsolutePath() + ", " + BenchTable.machine());

        out.println("[1/4] JMH micro-benchmarks");
        report.jmh(JmhBenchmarks.run(quick));
        for (final JmhBenchmarks.Score score : report.jmh)
        {
            out.printf(Locale.ROOT, "  %s: %.1f ns/op%n", score.name(), score.nsPerOp());
        }

        out.println("[2/4] core cost, naive engine and floor RMW");
        LoadStream handOffStream = null;
        for (final int accounts : quick ? QUICK_SIZES : SIZES)
        {
            final EngineConfig config = EngineConfig.defaults().withMaxAccounts(accounts);
            double floorRmwNs = 0;
            for (final String mix : new String[] {TICK_HEAVY, FILL_HEAVY})
            {
                final int ticksPerMille = TICK_HEAVY.equals(mix) ? TICK_HEAVY_PER_MILLE : FILL_HEAVY_PER_MILLE;
                final int measured = measuredEvents(accounts, ticksPerMille);
                final long generateStartNs = System.nanoTime();
                final int jumpOneIn = TICK_HEAVY.equals(mix) ? TICK_HEAVY_JUMP_ONE_IN : LoadGenerator.JUMP_ONE_IN_DEFAULT;
                final LoadStream stream = new LoadGenerator(SEED, accounts, ticksPerMille, jumpOneIn, config)
                    .generate(measured / 2, measured);
                out.printf(Locale.ROOT, "  %d accounts, %s: %d inputs (%d measured, %d ticks in all), %d orders, generated in %d ms%n",
                    accounts, mix, stream.count(), stream.measuredCount(), stream.tickCount(), stream.expectedOrders(),
                    (System.nanoTime() - generateStartNs) / 1_000_000);
                System.gc();
                final CoreCost.Result engine = CoreCost.measure(stream, config);
                out.printf(Locale.ROOT, "    engine: %.1f ns/event, quiet tick p50 %d ns, heap %d B, direct %d B%n",
                    engine.logic.nsPerEvent(), engine.quietTickNs.getValueAtPercentile(50),
                    engine.engineHeapBytes, engine.engineDirectBytes);
                LogicBaseline.Result naive = null;
                if (accounts <= NAIVE_MAX_ACCOUNTS)
                {
                    System.gc();
                    naive = NaiveBaseline.measure(stream);
                    out.printf(Locale.ROOT, "    naive: %.1f ns/event, %d orders%n", naive.nsPerEvent(), naive.orders);
                }
                if (floorRmwNs == 0)
                {
                    System.gc();
                    floorRmwNs = HardwareFloor.randomRmwNs(
                        (long)accounts * engine.recordLengthBytes, quick ? QUICK_FLOOR_EVENTS : FLOOR_EVENTS);
                    out.printf(Locale.ROOT, "    floor RMW in %d MiB: %.1f ns/event%n",
                        ((long)accounts * engine.recordLengthBytes) >> 20, floorRmwNs);
                }
                report.add(new BenchReport.CoreRow(accounts, mix, ticksPerMille, stream, engine, naive, floorRmwNs));
                if (handOffStream == null && FILL_HEAVY.equals(mix))
                {
                    handOffStream = stream;
                }
            }
        }

        out.println("[3/4] floor: bare Disruptor hand-off");
        System.gc();
        final double handOffNs = HardwareFloor.handOffNs(handOffStream, EnginePipeline.RING_SIZE_DEFAULT,
            WaitStrategies.WAIT_STRATEGY_DEFAULT);
        report.handOff(handOffNs, "the " + report.core.get(0).accounts + "-account fill-heavy stream's " +
            handOffStream.measuredCount() + " measured frames");
        out.printf(Locale.ROOT, "  %.1f ns/event%n", handOffNs);

        out.println("[4/4] end to end with the Chronicle journal");
        endToEnd(report, out);

        final String table = BenchTable.render(report);
        writeResults(report, table);
        out.println();
        out.print(table);
        out.printf(Locale.ROOT, "bench took %d s%n", (System.nanoTime() - startNs) / 1_000_000_000L);
        return report;
    }

    private void endToEnd(final BenchReport report, final PrintStream out) throws IOException
    {
        final Path journalDir = Files.createTempDirectory("tripwire-bench-journal");
        try
        {
            final String[] args = quick
                ? new String[] {"--accounts", "2000", "--events", "50000", "--warmup", "10000", "--rates", "50000,200000",
                    "--journal", journalDir.toString(), "--out", outDir.resolve("e2e").toString()}
                : new String[] {"--accounts", "10000", "--events", "1000000", "--warmup", "200000",
                    "--rates", "100000,250000,500000,1000000", "--journal", journalDir.toString(),
                    "--out", outDir.resolve("e2e").toString()};
            final HarnessOptions options = HarnessOptions.parse(args);
            final HarnessReport harness = new LatencyHarness(options, HarnessJournals.forOptions(options)).run(out);
            report.endToEnd(harness, options.toString());
            LatencyHarness.writeResults(options.outDir, harness, ResultTable.render(harness));
        }
        finally
        {
            deleteTree(journalDir);
        }
    }

    private void writeResults(final BenchReport report, final String table) throws IOException
    {
        Files.writeString(outDir.resolve("summary.md"), table, StandardCharsets.UTF_8);
        for (final BenchReport.CoreRow row : report.core)
        {
            final String prefix = "core-" + row.accounts + "-" + row.mix;
            LatencyHarness.writeHistogram(outDir.resolve(prefix + "-tick-to-order.hgrm"), row.engine.tickToOrderNs);
            LatencyHarness.writeHistogram(outDir.resolve(prefix + "-quiet-tick.hgrm"), row.engine.quietTickNs);
        }
        final List<String> names = new ArrayList<>();
        final List<Histogram> histograms = new ArrayList<>();
        if (report.endToEnd != null)
        {
            for (final RunResult run : report.endToEnd.runs)
            {
                names.add(run.name + " input");
                histograms.add(run.inputLatencyNs);
            }
        }
        LatencyPlot.write(outDir.resolve("latency.png"),
            "End to end with journal: intended send -> input applied", names, histograms);
    }

    /** Measured events for one configuration: ticks x accounts near the budget, within bounds. */
    int measuredEvents(final int accounts, final int ticksPerMille)
    {
        final long exposurePerEvent = Math.max(1L, (long)accounts * ticksPerMille / 1000);
        final long events = (quick ? QUICK_EVALUATION_BUDGET : EVALUATION_BUDGET) / exposurePerEvent;
        return (int)Math.max(MIN_MEASURED, Math.min(quick ? QUICK_MAX_MEASURED : MAX_MEASURED, events));
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path ->
            {
                try
                {
                    Files.delete(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}

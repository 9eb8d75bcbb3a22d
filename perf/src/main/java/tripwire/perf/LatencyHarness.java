package tripwire.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;

import tripwire.engine.EngineConfig;
import tripwire.engine.journal.EventJournal;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.WaitStrategies;

/**
 * End-to-end latency of the engine pipeline under a synthetic load at several offered rates, in one process so
 * that every run shares the machine's noise. One invocation:
 * <ol>
 *   <li>{@link LoadGenerator} writes the whole input stream up front ({@link LoadStream}); no encoding is timed;</li>
 *   <li>{@link LogicBaseline}: the business logic alone on this thread, in ns/event (first pass);</li>
 *   <li>per offered rate, then once as fast as possible: a fresh {@link EnginePipeline} with a journal from the
 *       {@link Supplier}; setup published unmeasured; warm-up and measured inputs published on schedule by
 *       {@link PacedPublisher}; latencies recorded on the business-logic thread by {@link LatencyRecorder};</li>
 *   <li>{@link LogicBaseline} again (second pass), so drift of the machine shows;</li>
 *   <li>{@link ResultTable} prints the table; each run's histograms are written as {@code .hgrm} files (µs).</li>
 * </ol>
 * Timings are reported, never judged. The harness does judge correctness: every measured input has a latency,
 * every run emits exactly the orders the generator's own engine emitted, and nothing is rejected
 * ({@link HarnessReport#problems()}); {@link #main} exits 1 when something is wrong, 2 on bad arguments.
 *
 * <p>Threading: everything here runs on the caller's thread (the pipeline's one publisher), except the
 * recorder, which runs on the pipeline's business-logic thread.
 */
public final class LatencyHarness
{
    static final String USAGE =
        "usage: latency [--quick] [--accounts N] [--events N] [--warmup N] [--rates r1,r2,...|--rate r] " +
        "[--no-saturation] [--ticks-per-mille N] [--wait-strategy auto|busy-spin|yielding|sleeping|blocking] " +
        "[--ring-size N] [--seed N] [--journal DIR] [--out DIR]";

    private final HarnessOptions options;
    private final Supplier<EventJournal> journals;
    private final EngineConfig config;

    LatencyHarness(final HarnessOptions options, final Supplier<EventJournal> journals)
    {
        this.options = options;
        this.journals = journals;
        final EngineConfig defaults = EngineConfig.defaults();
        this.config = options.accounts > defaults.maxAccounts() ? defaults.withMaxAccounts(options.accounts) : defaults;
    }

    /** Runs the harness with {@code args} (see {@link HarnessOptions}) and exits 0, 1 (problems) or 2 (bad arguments). */
    public static void main(final String[] args)
    {
        System.exit(run(System.out, args));
    }

    /** @return the process exit code: 0 when every run produced sound numbers, 1 when not, 2 on bad arguments. */
    static int run(final PrintStream out, final String... args)
    {
        if (Arrays.asList(args).contains("--help"))
        {
            out.println(USAGE);
            return 0;
        }
        final HarnessOptions options;
        final Supplier<EventJournal> journals;
        try
        {
            options = HarnessOptions.parse(args);
            journals = HarnessJournals.forOptions(options);
        }
        catch (final IllegalArgumentException | UnsupportedOperationException ex)
        {
            System.err.println(ex.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        final HarnessReport report = new LatencyHarness(options, journals).run(out);
        final String table = ResultTable.render(report);
        out.println();
        out.print(table);
        writeResults(options.outDir, report, table);
        out.println("- histograms and summary.md in " + options.outDir.toAbsolutePath());
        for (final String problem : report.problems())
        {
            out.println("PROBLEM: " + problem);
        }
        return report.problems().isEmpty() ? 0 : 1;
    }

    /** Generates the load, runs the baselines and every pipeline run; progress lines go to {@code out}. */
    HarnessReport run(final PrintStream out)
    {
        out.println("latency harness: " + options);
        out.println("engine: " + config + ", cores=" + Runtime.getRuntime().availableProcessors() +
            ", java=" + Runtime.version());

        final long generateStartNs = System.nanoTime();
        final LoadStream stream = new LoadGenerator(options.seed, options.accounts, options.ticksPerMille, config)
            .generate(options.warmup, options.events);
        out.printf(Locale.ROOT,
            "stream: %d inputs (%d setup, %d warm-up, %d measured), %d ticks, %d orders expected (%d tick-triggered " +
            "in the measured window), %d MiB of frames, generated in %d ms%n",
            stream.count(), stream.setupCount(), stream.measuredFrom() - stream.setupCount(), stream.measuredCount(),
            stream.tickCount(), stream.expectedOrders(), stream.expectedMeasuredTickOrders(), stream.byteLength() >> 20,
            (System.nanoTime() - generateStartNs) / 1_000_000);

        final HarnessReport report = new HarnessReport(stream);
        baseline(stream, report, out);
        for (final long rate : options.ratesPerSecond)
        {
            report.add(pipelineRun(stream, String.format(Locale.ROOT, "rate-%07d", rate), rate, out));
        }
        if (options.saturation)
        {
            report.add(pipelineRun(stream, "saturation", PacedPublisher.AS_FAST_AS_POSSIBLE, out));
        }
        baseline(stream, report, out);
        return report;
    }

    private void baseline(final LoadStream stream, final HarnessReport report, final PrintStream out)
    {
        System.gc();
        final LogicBaseline.Result result = LogicBaseline.measure(stream, config);
        report.add(result);
        out.printf(Locale.ROOT, "baseline: %.1f ns/event, %d ev/s%n", result.nsPerEvent(), result.eventsPerSecond());
    }

    private RunResult pipelineRun(final LoadStream stream, final String name, final long ratePerSecond, final PrintStream out)
    {
        System.gc();
        final LatencyRecorder recorder = new LatencyRecorder(stream);
        final Histogram sendLagNs = LatencyRecorder.newHistogram();
        final long measuredStartNs;
        final long lastAppliedNs;
        final long publisherAllocatedBytes;
        try (EnginePipeline pipeline = new EnginePipeline(
            config, journals.get(), recorder, options.ringSize, WaitStrategies.named(options.waitStrategy)))
        {
            PacedPublisher.publishUnmeasured(pipeline, stream, stream.setupCount());
            pipeline.awaitProcessed();
            final long allocatedBeforeBytes = ThreadAllocation.currentThreadAllocatedBytes();
            measuredStartNs = PacedPublisher.publish(
                pipeline, stream, stream.setupCount(), stream.count(), stream.measuredFrom(), ratePerSecond, sendLagNs);
            publisherAllocatedBytes = ThreadAllocation.between(
                allocatedBeforeBytes, ThreadAllocation.currentThreadAllocatedBytes());
            pipeline.awaitProcessed();
            lastAppliedNs = recorder.lastAppliedNanos();
        }
        final RunResult result = new RunResult(
            name, ratePerSecond, stream.measuredCount(), lastAppliedNs - measuredStartNs, recorder.inputLatencyNs(),
            recorder.tickToOrderNs(), sendLagNs, recorder.orders(), recorder.rejections(), publisherAllocatedBytes,
            recorder.measuredAllocatedBytes());
        out.printf(Locale.ROOT,
            "%s: achieved %d ev/s, input p99 %.1f µs, send lag p99 %.1f µs, %d tick-to-order samples, " +
            "allocated %d B publishing, %d B in logic%n",
            name, result.achievedPerSecond(), result.inputLatencyNs.getValueAtPercentile(99.0) / 1_000.0,
            sendLagNs.getValueAtPercentile(99.0) / 1_000.0,
            result.tickToOrderNs.getTotalCount(), publisherAllocatedBytes, result.logicAllocatedBytes);
        return result;
    }

    static void writeResults(final Path outDir, final HarnessReport report, final String table)
    {
        try
        {
            Files.createDirectories(outDir);
            for (final RunResult run : report.runs)
            {
                writeHistogram(outDir.resolve(run.name + "-input.hgrm"), run.inputLatencyNs);
                writeHistogram(outDir.resolve(run.name + "-tick-to-order.hgrm"), run.tickToOrderNs);
                if (!run.isSaturation())
                {
                    writeHistogram(outDir.resolve(run.name + "-send-lag.hgrm"), run.sendLagNs);
                }
            }
            Files.writeString(outDir.resolve("summary.md"), table, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** HdrHistogram percentile distribution, values in microseconds. */
    static void writeHistogram(final Path file, final Histogram histogramNs) throws IOException
    {
        try (PrintStream stream = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            histogramNs.outputPercentileDistribution(stream, 1_000.0);
        }
    }
}

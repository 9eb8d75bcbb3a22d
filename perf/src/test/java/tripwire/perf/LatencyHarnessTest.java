package tripwire.perf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.journal.ChronicleEventJournal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the latency harness end to end in a tiny configuration and checks that it produced numbers and that the
 * pipeline did the work the generator expected. No timing is asserted: timings never pass or fail.
 */
final class LatencyHarnessTest
{
    @TempDir
    Path outDir;

    @Test
    void shouldProduceLatenciesAndLiquidationOrdersInATinyRun()
    {
        final HarnessOptions options = HarnessOptions.parse(
            "--accounts", "300", "--warmup", "1000", "--events", "4000", "--rates", "50000", "--no-saturation",
            "--ticks-per-mille", "50", "--ring-size", "1024", "--out", outDir.toString());
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();

        final HarnessReport report = new LatencyHarness(options, HarnessJournals.none())
            .run(new PrintStream(progress, true, StandardCharsets.UTF_8));

        final String seedNote = "seed " + options.seed + ", progress:\n" + progress.toString(StandardCharsets.UTF_8);
        assertTrue(report.problems().isEmpty(), () -> report.problems() + "\n" + seedNote);
        assertEquals(1, report.runs.size(), seedNote);
        final RunResult run = report.runs.get(0);
        assertEquals(4000, run.inputLatencyNs.getTotalCount(), seedNote);
        assertTrue(run.tickToOrderNs.getTotalCount() > 0, seedNote);
        assertTrue(run.orders > 0, seedNote);
        assertTrue(run.achievedPerSecond() > 0, seedNote);
        assertEquals(2, report.baselines.size(), seedNote);
    }

    @Test
    void shouldWriteHistogramFilesAndExitZeroWhenEveryRunHasNumbers() throws Exception
    {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();

        final int exitCode = LatencyHarness.run(
            new PrintStream(output, true, StandardCharsets.UTF_8),
            "--accounts", "300", "--warmup", "1000", "--events", "3000", "--rates", "50000",
            "--ticks-per-mille", "50", "--ring-size", "1024", "--out", outDir.toString());

        final String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, text);
        assertTrue(text.contains("| rate-0050000 |"), text);
        assertTrue(text.contains("| saturation |"), text);
        assertTrue(Files.size(outDir.resolve("rate-0050000-input.hgrm")) > 0, text);
        assertTrue(Files.size(outDir.resolve("saturation-tick-to-order.hgrm")) > 0, text);
        assertTrue(Files.exists(outDir.resolve("summary.md")), text);
    }

    @Test
    void shouldJournalEveryRunToItsOwnChronicleQueueWhenAskedTo() throws Exception
    {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final Path journal = outDir.resolve("journal");

        final int exitCode = LatencyHarness.run(
            new PrintStream(output, true, StandardCharsets.UTF_8),
            "--accounts", "300", "--warmup", "1000", "--events", "3000", "--rates", "50000",
            "--ticks-per-mille", "50", "--ring-size", "1024", "--journal", journal.toString(), "--out", outDir.toString());

        final String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, text);
        assertTrue(ChronicleEventJournal.directorySizeBytes(journal.resolve("run-01")) > 0, text);
        assertTrue(ChronicleEventJournal.directorySizeBytes(journal.resolve("run-02")) > 0, text);
    }
}

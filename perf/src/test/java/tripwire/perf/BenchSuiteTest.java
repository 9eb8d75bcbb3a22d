package tripwire.perf;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the quick bench (what CI runs) and checks only that every benchmark ran and produced numbers, that the
 * engine and the naive baseline emitted the orders the generator expected, and that the results directory
 * holds the table, the histograms and the plot. No timing is asserted: timings never pass or fail.
 */
final class BenchSuiteTest
{
    @TempDir
    Path outDir;

    @Test
    void shouldRunEveryBenchmarkAndWriteTheResultsDirectoryInQuickMode() throws Exception
    {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();

        final BenchReport report = new BenchSuite(true, outDir).run(new PrintStream(progress, true, StandardCharsets.UTF_8));

        final String text = progress.toString(StandardCharsets.UTF_8);
        assertTrue(report.problems().isEmpty(), () -> report.problems() + "\n" + text);
        assertEquals(3, report.jmh.size(), text);
        for (final JmhBenchmarks.Score score : report.jmh)
        {
            assertTrue(score.nsPerOp() > 0, score.name());
        }
        assertEquals(2 * BenchSuite.QUICK_SIZES.length, report.core.size(), text);
        for (final BenchReport.CoreRow row : report.core)
        {
            final String name = row.accounts + " " + row.mix + "\n" + text;
            assertTrue(row.engine.logic.nsPerEvent() > 0, name);
            assertEquals(row.stream.expectedOrders(), row.engine.logic.orders, name);
            assertTrue(row.naive != null && row.naive.nsPerEvent() > 0, name);
            assertEquals(row.engine.logic.orders, row.naive.orders, name);
            assertTrue(row.floorRmwNs > 0, name);
            assertTrue(row.engine.recordLengthBytes > 0, name);
        }
        assertTrue(report.handOffNs > 0, text);
        assertTrue(report.endToEnd.saturation().achievedPerSecond() > 0, text);

        final String summary = Files.readString(outDir.resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("| MarginBenchmark.evaluateOneAccount |"), summary);
        assertTrue(summary.contains("| saturation |"), summary);
        assertTrue(summary.contains("## Issue-5 targets"), summary);
        for (final int accounts : BenchSuite.QUICK_SIZES)
        {
            assertTrue(Files.size(outDir.resolve("core-" + accounts + "-tick-heavy-quiet-tick.hgrm")) > 0, summary);
        }
        assertTrue(Files.size(outDir.resolve("e2e").resolve("saturation-input.hgrm")) > 0, summary);
        assertTrue(Files.size(outDir.resolve("latency.png")) > 0, summary);
    }
}

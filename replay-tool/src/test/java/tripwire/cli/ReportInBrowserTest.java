package tripwire.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.engine.EngineConfig;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The post-mortem page renders its charts in a real browser: headless Chromium loads the file (no network, no
 * script), and the rendered DOM holds the SVG charts with their lines and liquidation markers, and a screenshot
 * is not blank. Skipped, saying why, only when {@code /usr/bin/chromium} is absent (Debian: {@code apt-get install
 * chromium}; {@code .ci/run} installs it).
 */
class ReportInBrowserTest
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path ADL_CASE =
        Path.of("..", "engine", "src", "test", "resources", "risk-cases", "adl-03-remainder-order.jsonl");

    @TempDir
    Path journalDir;

    @TempDir
    Path workDir;

    @BeforeAll
    static void requireChromium()
    {
        assumeTrue(Files.isExecutable(CHROMIUM),
            "skipped: /usr/bin/chromium is absent; install it (apt-get install -y chromium) to run the browser test");
    }

    @Test
    void shouldRenderTheChartsAndMarkersInHeadlessChromium() throws Exception
    {
        final Path page = report();

        final String dom = chromium(List.of("--dump-dom", page.toUri().toString()), workDir.resolve("dom.out"));

        assertTrue(dom.contains("<svg class=\"chart\" id=\"mark-0\""), dom);
        assertTrue(dom.contains("<svg class=\"chart\" id=\"mark-1\""), dom);
        assertTrue(dom.contains("<svg class=\"chart\" id=\"fund\""), dom);
        assertTrue(count(dom, "<polyline class=\"mark\"") == 2, dom);
        assertEquals(3, count(dom, "<circle class=\"liquidation\""), dom);
        assertTrue(dom.contains("<table id=\"accounts\">"), dom);
    }

    @Test
    void shouldScreenshotANonBlankPage() throws Exception
    {
        final Path page = report();
        final Path png = workDir.resolve("report.png");

        chromium(List.of("--window-size=1000,900", "--screenshot=" + png, page.toUri().toString()), workDir.resolve("shot.out"));

        assertTrue(Files.isRegularFile(png), "chromium wrote no screenshot");
        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the screenshot is not a PNG");
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 10, "the screenshot looks blank: " + colours.size() + " colours");
        // the markers' red #d62728 at 70% over the chart's #fcfcfc
        final int markerRed = 0xe16768;
        assertTrue(colours.stream().anyMatch(c -> near(c, markerRed)), "no liquidation marker is drawn");
    }

    private Path report() throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        ScenarioCommand.run(parser.parseAll(Files.readAllLines(ADL_CASE)), parser, journalDir, EngineConfig.defaults());
        final JournalOptions journal = new JournalOptions();
        journal.journalDir = journalDir;
        journal.noProgress = true;
        final Path page = workDir.resolve("postmortem.html");
        ReportCommand.write(journal, page);
        return page;
    }

    private String chromium(final List<String> arguments, final Path stdout) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + workDir.resolve("profile")));
        command.addAll(arguments);
        final Process process = new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(workDir.resolve("chromium.err").toFile())
            .start();
        // a guard against a hung browser, not a performance threshold
        if (!process.waitFor(180, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("chromium did not exit: " + Files.readString(workDir.resolve("chromium.err")));
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(workDir.resolve("chromium.err")));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String readQuietly(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }

    private static boolean near(final int rgb, final int target)
    {
        for (int shift = 0; shift <= 16; shift += 8)
        {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > 24)
            {
                return false;
            }
        }
        return true;
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            count++;
        }
        return count;
    }
}

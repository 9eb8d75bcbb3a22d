package tripwire.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo is a pure function of its seed, even though it answers liquidation orders with fills while the
 * engine runs: two runs give the same inputs and the same state hash, and each passes its replay.
 */
class DemoCommandTest
{
    private static final Pattern STATE_HASH = Pattern.compile("state hash\\s+([0-9a-f]{16})");
    private static final Pattern INPUTS = Pattern.compile("inputs\\s+([0-9,]+)");

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void shouldReproduceTheSameRunFromTheSameSeedAndPassItsReplay()
    {
        final String one = demo(first);
        final String two = demo(second);

        assertTrue(one.contains("replay verification  PASSED"), one);
        assertTrue(two.contains("replay verification  PASSED"), two);
        assertEquals(find(INPUTS, one), find(INPUTS, two), one + "\n" + two);
        assertEquals(find(STATE_HASH, one), find(STATE_HASH, two), one + "\n" + two);
        assertTrue(!one.contains("liquidation orders   0\n"), "the crash liquidates: " + one);
    }

    private static String demo(final Path journal)
    {
        final PrintStream originalOut = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try
        {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            final int exitCode = TripwireCli.run(
                "demo", "--accounts", "3000", "--events", "60000", "--seed", "5", "--no-progress", "--journal", journal.toString());
            assertEquals(0, exitCode, captured.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(originalOut);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String find(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }
}

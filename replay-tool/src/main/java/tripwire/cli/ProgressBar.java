package tripwire.cli;

import java.io.PrintStream;

/**
 * A progress bar on standard error, redrawn in place on a terminal and printed every 10% otherwise (so a
 * log file gets a few lines, not thousands). Called from the feeder thread.
 */
final class ProgressBar
{
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final long total;
    private final boolean enabled;
    private final boolean terminal = System.console() != null;
    private final PrintStream err = System.err;
    private long startNanos;
    private long lastDrawNanos;
    private long lastDecile = -1;

    ProgressBar(final long total, final boolean enabled)
    {
        this.total = total;
        this.enabled = enabled;
    }

    void start()
    {
        startNanos = System.nanoTime();
    }

    void update(final long done, final long orders)
    {
        if (!enabled)
        {
            return;
        }
        final long now = System.nanoTime();
        final long decile = done * 10 / total;
        if (terminal ? now - lastDrawNanos >= REDRAW_NANOS : decile != lastDecile)
        {
            lastDrawNanos = now;
            lastDecile = decile;
            draw(done, orders, now);
        }
    }

    void finish(final long done, final long orders)
    {
        if (enabled)
        {
            draw(done, orders, System.nanoTime());
            if (terminal)
            {
                err.println();
            }
        }
    }

    private void draw(final long done, final long orders, final long now)
    {
        final long shown = Math.min(done, total);
        final int filled = (int)(shown * WIDTH / total);
        final double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        final String line = String.format("[%s%s] %3d%%  %,d/%,d events  %,.0f ev/s  %,d liquidation orders",
            "#".repeat(filled), "-".repeat(WIDTH - filled), shown * 100 / total, done, total, done / seconds, orders);
        if (terminal)
        {
            err.print('\r' + line);
        }
        else
        {
            err.println(line);
        }
        err.flush();
    }
}

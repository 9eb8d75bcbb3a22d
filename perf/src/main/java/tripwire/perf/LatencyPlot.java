package tripwire.perf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;

/**
 * Draws latency-by-percentile curves as a PNG with java.awt (headless): x is the percentile on the usual
 * "number of nines" scale ({@code log10(1 / (1 - p))}, 0 to 99.99 %), y the latency in µs on a log10 scale.
 * One line per named histogram (values in ns). Off the timed path.
 */
final class LatencyPlot
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 640;
    private static final int LEFT = 80;
    private static final int RIGHT = 260;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final double MAX_NINES = 4.0;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private LatencyPlot()
    {
    }

    static void write(final Path file, final String title, final List<String> names, final List<Histogram> histogramsNs)
        throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        double minLog = Double.MAX_VALUE;
        double maxLog = -Double.MAX_VALUE;
        for (final Histogram histogram : histogramsNs)
        {
            if (histogram.getTotalCount() > 0)
            {
                minLog = Math.min(minLog, Math.log10(Math.max(0.01, histogram.getValueAtPercentile(0.0) / 1_000.0)));
                maxLog = Math.max(maxLog, Math.log10(Math.max(0.01, histogram.getValueAtPercentile(99.99) / 1_000.0)));
            }
        }
        if (minLog > maxLog)
        {
            minLog = 0;
            maxLog = 1;
        }
        minLog = Math.floor(minLog);
        maxLog = Math.max(minLog + 1, Math.ceil(maxLog));

        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.LIGHT_GRAY);
        final String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final int x = LEFT + (int)(plotWidth * nines / MAX_NINES);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x, TOP, x, TOP + plotHeight);
            g.setColor(Color.BLACK);
            g.drawString(xLabels[nines], x - 15, TOP + plotHeight + 18);
        }
        for (double decade = minLog; decade <= maxLog; decade++)
        {
            final int y = TOP + plotHeight - (int)(plotHeight * (decade - minLog) / (maxLog - minLog));
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s µs", trim(Math.pow(10, decade))), 8, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, TOP - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("percentile", LEFT + plotWidth / 2 - 30, HEIGHT - 15);

        g.setStroke(new BasicStroke(2f));
        for (int series = 0; series < histogramsNs.size(); series++)
        {
            final Histogram histogram = histogramsNs.get(series);
            g.setColor(COLORS[series % COLORS.length]);
            g.drawString(names.get(series), LEFT + plotWidth + 15, TOP + 20 + series * 20);
            if (histogram.getTotalCount() == 0)
            {
                continue;
            }
            int lastX = -1;
            int lastY = -1;
            for (int step = 0; step <= 400; step++)
            {
                final double nines = MAX_NINES * step / 400;
                final double percentile = 100.0 * (1.0 - Math.pow(10, -nines));
                final double micros = Math.max(0.01, histogram.getValueAtPercentile(percentile) / 1_000.0);
                final int x = LEFT + (int)(plotWidth * nines / MAX_NINES);
                final double fraction = (Math.log10(micros) - minLog) / (maxLog - minLog);
                final int y = TOP + plotHeight - (int)(plotHeight * Math.max(0, Math.min(1, fraction)));
                if (lastX >= 0)
                {
                    g.drawLine(lastX, lastY, x, y);
                }
                lastX = x;
                lastY = y;
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String trim(final double value)
    {
        return value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}

package tripwire.postmortem;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.agrona.collections.LongArrayList;

import tripwire.engine.scenario.E8Text;

/**
 * Renders {@link IncidentFacts} (gathered with series) as one self-contained HTML page: inline CSS and SVG drawn
 * here, no script, no external resource. Charts: each market's mark price over event time with a marker at each
 * liquidation order (at the mark when it was triggered), the insurance fund's balance over time; then a table of
 * the liquidated accounts and their losses. Both series are drawn as steps (a value holds until the next); long
 * series are reduced to the lowest and highest point per pixel column, so the page stays small for any journal.
 * Allocates; off the hot path.
 */
public final class ReportHtml
{
    /** Rows of the accounts table at most (largest losses first). */
    public static final int MAX_ACCOUNT_ROWS = 200;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int LEFT = 110;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;
    private static final int MAX_MARKERS = 2000;

    private ReportHtml()
    {
    }

    public static String render(final String journal, final IncidentFacts facts)
    {
        final StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<title>Tripwire post-mortem</title><style>")
            .append("body{font-family:sans-serif;margin:24px;color:#222}h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
            .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .append("th{background:#f0f0f0}td.l,th.l{text-align:left}svg{background:#fcfcfc;border:1px solid #ddd}")
            .append(".axis{stroke:#888;stroke-width:1}.label{font-size:11px;fill:#444}.mark{fill:none;stroke:#1f5fbf;stroke-width:1.5}")
            .append(".fund{fill:none;stroke:#2a8a3a;stroke-width:1.5}.liquidation{fill:#d62728;fill-opacity:0.7}")
            .append("</style></head><body>\n");
        html.append("<h1>Tripwire post-mortem</h1>\n<p>Journal <code>").append(escape(journal)).append("</code>: ")
            .append(facts.inputs()).append(" inputs (seq ").append(facts.firstSeq()).append("..").append(facts.lastSeq())
            .append(", timeNs ").append(facts.firstTimeNs()).append("..").append(facts.lastTimeNs()).append("), ")
            .append(facts.outputs()).append(" outputs. Insurance fund: start ").append(E8Text.format(facts.fundStartE8()))
            .append(", before the first liquidation ").append(E8Text.format(facts.fundBeforeFirstLiquidationE8()))
            .append(", end ").append(E8Text.format(facts.fundEndE8())).append("; bad debt covered ")
            .append(E8Text.format(facts.badDebtCoveredE8())).append(", uncovered ")
            .append(E8Text.format(facts.badDebtUncoveredE8())).append(".</p>\n");

        final long t0 = facts.firstTimeNs();
        final long t1 = Math.max(facts.lastTimeNs(), t0 + 1);
        html.append("<h2>Mark price by market, with liquidation orders</h2>\n");
        for (final Map.Entry<Integer, IncidentFacts.MarketFigures> entry : facts.markets().entrySet())
        {
            final IncidentFacts.MarketFigures market = entry.getValue();
            if (market.markPricesE8.isEmpty())
            {
                continue;
            }
            final LongArrayList markerTimes = new LongArrayList();
            final LongArrayList markerPrices = new LongArrayList();
            for (int i = 0; i < facts.markerMarketIds.size(); i++)
            {
                if (facts.markerMarketIds.getLong(i) == entry.getKey() && facts.markerPricesE8.getLong(i) != 0)
                {
                    markerTimes.addLong(facts.markerTimesNs.getLong(i));
                    markerPrices.addLong(facts.markerPricesE8.getLong(i));
                }
            }
            html.append("<h3>").append(escape(market.name())).append(": ").append(market.liquidationOrders())
                .append(" liquidation orders, notional ").append(E8Text.format(market.liquidatedNotionalE8()))
                .append("</h3>\n");
            chart(html, "mark-" + entry.getKey(), "mark price of " + market.name(), "mark",
                market.markTimesNs, market.markPricesE8, markerTimes, markerPrices, t0, t1);
        }

        html.append("<h2>Insurance fund balance</h2>\n");
        chart(html, "fund", "insurance fund balance", "fund", facts.fundTimesNs, facts.fundBalancesE8,
            new LongArrayList(), new LongArrayList(), t0, t1);

        final List<IncidentFacts.AccountLoss> losses = facts.losses();
        html.append("<h2>Liquidated accounts (").append(losses.size()).append(")</h2>\n");
        if (losses.size() > MAX_ACCOUNT_ROWS)
        {
            html.append("<p>The ").append(MAX_ACCOUNT_ROWS).append(" largest losses are shown.</p>\n");
        }
        html.append("<table id=\"accounts\"><tr><th class=\"l\">account</th><th>orders</th><th>liquidated notional</th>")
            .append("<th>penalties</th><th>bad debt covered</th><th>bad debt uncovered</th><th>deleveraged notional</th>")
            .append("<th>equity at first order</th><th>equity at end</th></tr>\n");
        for (int i = 0; i < Math.min(MAX_ACCOUNT_ROWS, losses.size()); i++)
        {
            final IncidentFacts.AccountLoss loss = losses.get(i);
            html.append("<tr><td class=\"l\">").append(loss.accountId()).append("</td><td>").append(loss.orders())
                .append("</td><td>").append(E8Text.format(loss.liquidatedNotionalE8()))
                .append("</td><td>").append(E8Text.format(loss.penaltiesE8()))
                .append("</td><td>").append(E8Text.format(loss.badDebtCoveredE8()))
                .append("</td><td>").append(E8Text.format(loss.badDebtUncoveredE8()))
                .append("</td><td>").append(E8Text.format(loss.deleveragedNotionalE8()))
                .append("</td><td>").append(loss.orders() == 0 ? "" : E8Text.format(loss.equityAtFirstOrderE8()))
                .append("</td><td>").append(E8Text.format(loss.equityAtEndE8())).append("</td></tr>\n");
        }
        html.append("</table>\n<p>Generated by <code>tripwire replay report</code> from the journal alone.</p>\n</body></html>\n");
        return html.toString();
    }

    private static void chart(
        final StringBuilder html, final String id, final String title, final String lineClass,
        final LongArrayList times, final LongArrayList values, final LongArrayList markerTimes,
        final LongArrayList markerValues, final long t0, final long t1)
    {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (int i = 0; i < values.size(); i++)
        {
            low = Math.min(low, values.getLong(i));
            high = Math.max(high, values.getLong(i));
        }
        for (int i = 0; i < markerValues.size(); i++)
        {
            low = Math.min(low, markerValues.getLong(i));
            high = Math.max(high, markerValues.getLong(i));
        }
        if (values.isEmpty())
        {
            low = 0;
            high = 1;
        }
        if (high == low)
        {
            high = low + Math.max(1, Math.abs(low) / 10);
            low = low - Math.max(1, Math.abs(low) / 10);
        }
        final Scale scale = new Scale(t0, t1, low, high);
        html.append("<svg class=\"chart\" id=\"").append(id).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
            .append(HEIGHT).append("\" role=\"img\"><title>").append(escape(title)).append("</title>");
        final int plotBottom = HEIGHT - BOTTOM;
        html.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
            .append(LEFT).append("\" y2=\"").append(plotBottom).append("\"/>");
        html.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(plotBottom).append("\" x2=\"")
            .append(WIDTH - RIGHT).append("\" y2=\"").append(plotBottom).append("\"/>");
        label(html, LEFT - 6, TOP + 4, "end", E8Text.format(high));
        label(html, LEFT - 6, plotBottom, "end", E8Text.format(low));
        label(html, LEFT, plotBottom + 16, "start", "timeNs " + t0);
        label(html, WIDTH - RIGHT, plotBottom + 16, "end", "timeNs " + t1);
        label(html, (LEFT + WIDTH - RIGHT) / 2, plotBottom + 32, "middle",
            String.format(Locale.ROOT, "event time, %.3f s", (t1 - t0) / 1e9));

        html.append("<polyline class=\"").append(lineClass).append("\" points=\"");
        appendPoints(html, scale, times, values);
        html.append("\"/>");
        final Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < markerTimes.size() && drawn.size() < MAX_MARKERS; i++)
        {
            final long x = Math.round(scale.x(markerTimes.getLong(i)));
            final long y = Math.round(scale.y(markerValues.getLong(i)));
            if (drawn.add(x * 100_000 + y))
            {
                html.append("<circle class=\"liquidation\" cx=\"").append(x).append("\" cy=\"").append(y)
                    .append("\" r=\"3\"/>");
            }
        }
        html.append("</svg>\n");
    }

    /**
     * Appends the series as steps, reduced to its first, lowest, highest and last point per pixel column, held to the
     * right edge.
     */
    private static void appendPoints(
        final StringBuilder html, final Scale scale, final LongArrayList times, final LongArrayList values)
    {
        int i = 0;
        double previousY = Double.NaN;
        while (i < times.size())
        {
            final long column = Math.round(scale.x(times.getLong(i)));
            final int first = i;
            int lowest = i;
            int highest = i;
            while (i < times.size() && Math.round(scale.x(times.getLong(i))) == column)
            {
                lowest = values.getLong(i) < values.getLong(lowest) ? i : lowest;
                highest = values.getLong(i) > values.getLong(highest) ? i : highest;
                i++;
            }
            final int last = i - 1;
            if (!Double.isNaN(previousY))
            {
                point(html, column, previousY);
            }
            for (final int k : new int[] {first, Math.min(lowest, highest), Math.max(lowest, highest), last})
            {
                point(html, column, scale.y(values.getLong(k)));
            }
            previousY = scale.y(values.getLong(last));
        }
        if (!Double.isNaN(previousY))
        {
            point(html, WIDTH - RIGHT, previousY);
        }
    }

    private static void point(final StringBuilder html, final long x, final double y)
    {
        html.append(x).append(',').append(String.format(Locale.ROOT, "%.1f", y)).append(' ');
    }

    private static void label(final StringBuilder html, final int x, final int y, final String anchor, final String text)
    {
        html.append("<text class=\"label\" x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"")
            .append(anchor).append("\">").append(escape(text)).append("</text>");
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Maps event time and E8 values to the plot's pixels (y grows downwards). */
    private record Scale(long t0, long t1, long low, long high)
    {
        double x(final long timeNs)
        {
            return LEFT + (double)(timeNs - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
        }

        double y(final long valueE8)
        {
            return TOP + (double)(high - valueE8) / ((double)high - low) * (HEIGHT - TOP - BOTTOM);
        }
    }
}

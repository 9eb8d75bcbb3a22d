package tripwire.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import tripwire.engine.scenario.E8Text;
import tripwire.postmortem.IncidentFacts;
import tripwire.postmortem.PostmortemReplay;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;

/**
 * {@code tripwire replay summary --journal DIR}: the incident in a page: time span, counts by type, liquidations by
 * market, the insurance fund's course, the largest losses (bad debt by account, deleverages, liquidated notionals).
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
    description = "Time span, counts by type, liquidations by market, insurance fund, largest losses.")
final class SummaryCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Override
    public Integer call()
    {
        final String problem = journal.problem("summary");
        if (problem != null)
        {
            System.err.println(problem);
            return 2;
        }
        final IncidentFacts facts = gather(journal, false);
        System.out.println("journal   " + journal.journalDir.toAbsolutePath());
        lines(facts).forEach(System.out::println);
        return 0;
    }

    /** Replays the whole journal gathering its facts (with chart series when asked). */
    static IncidentFacts gather(final JournalOptions journal, final boolean withSeries)
    {
        final IncidentFacts facts = new IncidentFacts(withSeries);
        final JournalOptions.Progress progress = journal.progress();
        final PostmortemReplay.Outcome outcome = PostmortemReplay.run(journal.journalDir, journal.fallbackConfig(),
            ReplayOrigin.JOURNAL_START, ReplayBound.END, facts, progress);
        progress.finish();
        facts.finish(outcome.engine());
        return facts;
    }

    static List<String> lines(final IncidentFacts facts)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format("span      seq %d..%d, timeNs %d..%d (%.3f s of event time)", facts.firstSeq(),
            facts.lastSeq(), facts.firstTimeNs(), facts.lastTimeNs(), (facts.lastTimeNs() - facts.firstTimeNs()) / 1e9));
        lines.add("inputs    " + facts.inputs());
        counts(lines, facts.countsByTemplate(true));
        lines.add("outputs   " + facts.outputs());
        counts(lines, facts.countsByTemplate(false));

        lines.add("liquidations by market");
        for (final IncidentFacts.MarketFigures market : facts.markets().values())
        {
            lines.add(String.format("  %-16s orders %d, notional %s; deleverages %d, notional %s; bad debt %s",
                market.name(), market.liquidationOrders(), E8Text.format(market.liquidatedNotionalE8()),
                market.deleverages(), E8Text.format(market.deleveragedNotionalE8()), E8Text.format(market.badDebtE8())));
        }

        lines.add("insurance fund");
        lines.add("  start " + E8Text.format(facts.fundStartE8()) +
            ", before first liquidation " + E8Text.format(facts.fundBeforeFirstLiquidationE8()) +
            ", end " + E8Text.format(facts.fundEndE8()) +
            ", low " + E8Text.format(facts.fundLowE8()) + " at timeNs " + facts.fundLowTimeNs());
        lines.add("  paid in: deposits " + E8Text.format(facts.fundDepositsE8()) +
            ", penalties " + E8Text.format(facts.fundPenaltiesE8()) +
            "; bad debt covered " + E8Text.format(facts.badDebtCoveredE8()) +
            ", uncovered " + E8Text.format(facts.badDebtUncoveredE8()));

        final List<IncidentFacts.AccountLoss> losses = facts.losses();
        lines.add("liquidated accounts " + losses.size());
        lines.add("largest bad debts");
        int shown = 0;
        for (final IncidentFacts.AccountLoss loss : losses)
        {
            if (loss.badDebtE8() == 0 || shown++ == IncidentFacts.TOP)
            {
                break;
            }
            lines.add("  account " + loss.accountId() + ": " + E8Text.format(loss.badDebtE8()) +
                " (covered " + E8Text.format(loss.badDebtCoveredE8()) +
                ", uncovered " + E8Text.format(loss.badDebtUncoveredE8()) + ")");
        }
        lines.add("largest deleverages");
        for (final IncidentFacts.Deleverage d : facts.largestDeleverages())
        {
            lines.add("  account " + d.accountId() + " against " + d.counterpartyId() + " in " + marketName(facts, d.marketId()) +
                ": " + d.side() + " " + E8Text.format(d.sizeE8()) + " at " + E8Text.format(d.priceE8()) +
                " = " + E8Text.format(d.notionalE8()) + " (seq " + d.triggerSeq() + ")");
        }
        lines.add("largest liquidated notionals");
        for (final IncidentFacts.Order o : facts.largestOrders())
        {
            lines.add("  order " + o.orderId() + ", account " + o.accountId() + " in " + marketName(facts, o.marketId()) +
                ": " + o.side() + " " + E8Text.format(o.sizeE8()) + " at " + E8Text.format(o.limitPriceE8()) +
                " = " + E8Text.format(o.notionalE8()) + " (seq " + o.triggerSeq() + ")");
        }
        return lines;
    }

    private static String marketName(final IncidentFacts facts, final int marketId)
    {
        final IncidentFacts.MarketFigures market = facts.markets().get(marketId);
        return market == null ? "#" + marketId : market.name();
    }

    private static void counts(final List<String> lines, final Map<Integer, Long> byTemplate)
    {
        byTemplate.forEach((templateId, count) ->
            lines.add(String.format("  %-18s %,d", TemplateNames.of(templateId), count)));
    }
}

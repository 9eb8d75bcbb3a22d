package tripwire.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tripwire.engine.AccountFigures;
import tripwire.engine.scenario.E8Text;
import tripwire.postmortem.AccountTimeline;
import tripwire.postmortem.PostmortemReplay;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;

/**
 * {@code tripwire replay timeline --journal DIR --account N}: every event touching one account, in journal order,
 * with its equity, maintenance and initial requirement after each.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true,
    description = "Every event touching one account, with equity, maintenance and initial requirement after each.")
final class TimelineCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--account", required = true, paramLabel = "N", description = "The account id.")
    long accountId;

    @Override
    public Integer call()
    {
        final String problem = journal.problem("timeline");
        if (problem != null)
        {
            System.err.println(problem);
            return 2;
        }
        final AccountTimeline timeline = timeline(journal, accountId);
        lines(timeline).forEach(System.out::println);
        return 0;
    }

    static AccountTimeline timeline(final JournalOptions journal, final long accountId)
    {
        final AccountTimeline timeline = new AccountTimeline(accountId);
        final JournalOptions.Progress progress = journal.progress();
        PostmortemReplay.run(journal.journalDir, journal.fallbackConfig(), ReplayOrigin.JOURNAL_START, ReplayBound.END,
            timeline, progress);
        progress.finish();
        return timeline;
    }

    static List<String> lines(final AccountTimeline timeline)
    {
        final List<String> lines = new ArrayList<>();
        lines.add(String.format("%-14s %-20s %-16s %-16s %-16s %s", "seq/outSeq", "timeNs", "equity", "maintenance",
            "initial", "event"));
        for (final AccountTimeline.Entry entry : timeline.entries())
        {
            final AccountFigures figures = entry.figures();
            lines.add(String.format("%-14s %-20d %-16s %-16s %-16s %s",
                (entry.input() ? "seq " : "outSeq ") + entry.seq(), entry.timeNs(),
                figures.open() ? E8Text.format(figures.equityE8()) : "-",
                figures.priced() ? E8Text.format(figures.maintenanceE8()) : "-",
                figures.priced() ? E8Text.format(figures.initialE8()) : "-",
                entry.json()));
        }
        if (timeline.entries().isEmpty())
        {
            lines.add("(no event touches this account)");
        }
        return lines;
    }
}

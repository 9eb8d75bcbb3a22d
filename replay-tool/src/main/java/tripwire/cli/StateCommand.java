package tripwire.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tripwire.engine.LiquidationEngine;
import tripwire.postmortem.PostmortemListener;
import tripwire.postmortem.PostmortemReplay;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;
import tripwire.postmortem.StateReport;

/**
 * {@code tripwire replay state --journal DIR --at SEQ|TIME [--account N]}: the engine's state after the last input
 * at or before a seq or an event time, replayed from the start of the journal ({@link ReplayOrigin} is the seam
 * through which snapshots will shorten this).
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "The state at a point of the journal (after the last input at or before it).")
final class StateCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--at", required = true, paramLabel = "SEQ|TIME",
        description = "An input seq (digits), an event time with a unit (1500ns, 20us, 3ms, 2s) or an ISO-8601 instant.")
    String at;

    @Option(names = "--account", paramLabel = "N", description = "Show this account's balances, positions and margin.")
    Long accountId;

    @Override
    public Integer call()
    {
        final String problem = journal.problem("state");
        if (problem != null)
        {
            System.err.println(problem);
            return 2;
        }
        final ReplayBound bound;
        try
        {
            bound = ReplayBound.parse(at);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("tripwire replay state: --at " + ex.getMessage());
            return 2;
        }
        lines(journal, bound, accountId).forEach(System.out::println);
        return 0;
    }

    static List<String> lines(final JournalOptions journal, final ReplayBound bound, final Long accountId)
    {
        final LiquidationEngine engine = replayTo(journal, bound, ReplayOrigin.JOURNAL_START);
        return accountId == null ? StateReport.engine(engine) : StateReport.account(engine, accountId);
    }

    static LiquidationEngine replayTo(final JournalOptions journal, final ReplayBound bound, final ReplayOrigin origin)
    {
        final JournalOptions.Progress progress = journal.progress();
        final PostmortemReplay.Outcome outcome = PostmortemReplay.run(journal.journalDir, journal.fallbackConfig(),
            origin, bound, new PostmortemListener() { }, progress);
        progress.finish();
        return outcome.engine();
    }
}

package tripwire.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tripwire.engine.LiquidationEngine;
import tripwire.live.SnapshotOrigin;
import tripwire.postmortem.PostmortemListener;
import tripwire.postmortem.PostmortemReplay;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;
import tripwire.postmortem.StateReport;

/**
 * {@code tripwire replay state --journal DIR --at SEQ|TIME [--account N] [--snapshots DIR]}: the engine's state after
 * the last input at or before a seq or an event time, replayed from the start of the journal or, with
 * {@code --snapshots}, from the newest snapshot at or before that point ({@link SnapshotOrigin}).
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

    @Option(names = "--snapshots", paramLabel = "DIR",
        description = "A live engine's snapshot.dir: start from the newest snapshot at or before --at, then replay the journal after it.")
    Path snapshotDir;

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
        final ReplayOrigin origin = snapshotDir == null ? ReplayOrigin.JOURNAL_START : new SnapshotOrigin(snapshotDir);
        final List<String> lines = lines(journal, bound, accountId, origin);
        if (origin instanceof SnapshotOrigin fromSnapshot)
        {
            System.err.println("tripwire replay state: started from " +
                (fromSnapshot.chosen() == null ? "the journal's start (no snapshot at or before " + bound + ")" :
                    fromSnapshot.chosen()));
        }
        lines.forEach(System.out::println);
        return 0;
    }

    static List<String> lines(final JournalOptions journal, final ReplayBound bound, final Long accountId)
    {
        return lines(journal, bound, accountId, ReplayOrigin.JOURNAL_START);
    }

    static List<String> lines(
        final JournalOptions journal, final ReplayBound bound, final Long accountId, final ReplayOrigin origin)
    {
        final LiquidationEngine engine = replayTo(journal, bound, origin);
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

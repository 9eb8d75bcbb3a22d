package tripwire.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tripwire replay}: the post-mortem tool over a journal directory. Its subcommands (summary, timeline, state,
 * verify, export, report) replay the journaled inputs through a fresh engine and read the journaled outputs.
 * {@code tripwire replay --journal DIR} without a subcommand is {@code verify}, as it always was.
 * Exit codes: 0 success, 1 a verification found a difference, 2 bad usage or an unreadable journal.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Post-mortem of a journal: replay it through a fresh engine and report.",
        "Without a subcommand, --journal DIR verifies the journal (as 'replay verify')."},
    subcommands = {SummaryCommand.class, TimelineCommand.class, StateCommand.class, VerifyCommand.class,
        ExportCommand.class, ReportCommand.class})
final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", paramLabel = "DIR", description = "The journal directory (verify it).")
    Path journalDir;

    @Option(names = "--max-accounts", paramLabel = "N",
        description = "Account capacity of the replaying engine when the journal does not record it (default ${DEFAULT-VALUE}).")
    int maxAccounts = 1 << 20;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on long replays.")
    boolean noProgress;

    @Override
    public Integer call()
    {
        if (journalDir == null)
        {
            System.err.println("tripwire replay: give --journal DIR (verify) or a subcommand: " +
                "summary, timeline, state, verify, export, report (see tripwire replay --help)");
            return 2;
        }
        final JournalOptions journal = new JournalOptions();
        journal.journalDir = journalDir;
        journal.maxAccounts = maxAccounts;
        journal.noProgress = noProgress;
        return VerifyCommand.verify(journal);
    }
}

package tripwire.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

import tripwire.engine.EngineConfig;
import tripwire.journal.JournalReader;
import tripwire.postmortem.ReplayProgress;

/** The options every {@code replay} subcommand shares: which journal, the fallback capacity, the progress bar. */
final class JournalOptions
{
    /** Replays of at least this many inputs draw a progress bar. */
    static final long PROGRESS_FROM_INPUTS = 100_000;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal directory.")
    Path journalDir;

    @Option(names = "--max-accounts", paramLabel = "N",
        description = "Account capacity of the replaying engine when the journal does not record it (default ${DEFAULT-VALUE}).")
    int maxAccounts = 1 << 20;

    @Option(names = "--no-progress", description = "Do not draw the progress bar on long replays.")
    boolean noProgress;

    /** Null when the directory exists; else the message to print. */
    String problem(final String command)
    {
        return Files.isDirectory(journalDir) ? null : "tripwire replay " + command + ": no journal directory " + journalDir;
    }

    EngineConfig fallbackConfig()
    {
        return EngineConfig.defaults().withMaxAccounts(maxAccounts);
    }

    /** A progress bar over the journal's inputs, drawn on standard error when the replay is long. */
    Progress progress()
    {
        // From the journal's end: a count of every input would read the whole journal once more before the replay.
        final long total = noProgress ? 0 : JournalReader.lastInputSeq(journalDir);
        return new Progress(new ProgressBar(Math.max(1, total), total >= PROGRESS_FROM_INPUTS));
    }

    /** Adapts {@link ProgressBar} to a replay's progress callback. */
    static final class Progress implements ReplayProgress
    {
        private final ProgressBar bar;
        private long inputs;
        private long orders;

        Progress(final ProgressBar bar)
        {
            this.bar = bar;
            bar.start();
        }

        @Override
        public void update(final long inputs, final long liquidationOrders)
        {
            this.inputs = inputs;
            this.orders = liquidationOrders;
            bar.update(inputs, liquidationOrders);
        }

        void finish()
        {
            bar.finish(inputs, orders);
        }
    }
}

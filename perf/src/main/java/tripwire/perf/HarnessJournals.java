package tripwire.perf;

import java.nio.file.Path;
import java.util.function.Supplier;

import tripwire.engine.journal.EventJournal;

/**
 * Where the harness gets each run's {@link EventJournal}: one {@link Supplier#get()} per pipeline run, called
 * on the harness's main thread before the run starts; the pipeline closes the journal when the run ends.
 *
 * <p><b>Hook, not wired yet.</b> {@link #chronicle(Path)} is where {@code --journal DIR} will create a
 * {@code tripwire.journal.ChronicleEventJournal(Path)} per run (in its own sub-directory, so runs do not append to
 * each other). That class lives in the journal module on another branch; perf does not depend on it yet, so
 * today {@code --journal} fails fast instead of silently measuring without a journal.
 */
final class HarnessJournals
{
    private HarnessJournals()
    {
    }

    /** No journal: measures the ring and the business logic alone. */
    static Supplier<EventJournal> none()
    {
        return () -> EventJournal.NONE;
    }

    /** The journals {@code options} ask for. */
    static Supplier<EventJournal> forOptions(final HarnessOptions options)
    {
        return options.journalDir == null ? none() : chronicle(options.journalDir);
    }

    /**
     * HOOK: a Chronicle journal per run under {@code directory}, e.g. {@code directory/run-01}.
     * To wire it, add the journal module to perf/pom.xml and return
     * {@code () -> new ChronicleEventJournal(directory.resolve(String.format("run-%02d", ++runs)))}.
     */
    static Supplier<EventJournal> chronicle(final Path directory)
    {
        throw new UnsupportedOperationException(
            "--journal " + directory + ": the Chronicle journal (tripwire.journal.ChronicleEventJournal) is not wired " +
            "into the harness yet; see HarnessJournals.chronicle");
    }
}

package tripwire.perf;

import java.nio.file.Path;
import java.util.function.Supplier;

import tripwire.engine.journal.EventJournal;
import tripwire.journal.ChronicleEventJournal;

/**
 * Where the harness gets each run's {@link EventJournal}: one {@link Supplier#get()} per pipeline run, called
 * on the harness's main thread before the run starts; the pipeline closes the journal when the run ends.
 *
 * <p>With {@code --journal DIR} every run journals to its own Chronicle queue, {@code DIR/run-01},
 * {@code DIR/run-02}, ..., so runs do not append to each other.
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

    /** A Chronicle journal per run under {@code directory}: {@code directory/run-01}, {@code run-02}, ... */
    static Supplier<EventJournal> chronicle(final Path directory)
    {
        final int[] runs = {0};
        return () -> new ChronicleEventJournal(directory.resolve(String.format("run-%02d", ++runs[0])));
    }
}

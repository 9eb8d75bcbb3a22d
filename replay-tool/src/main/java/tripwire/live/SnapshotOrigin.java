package tripwire.live;

import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.collections.LongHashSet;

import tripwire.engine.EngineConfig;
import tripwire.engine.EngineSnapshot;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;

/**
 * A {@link ReplayOrigin} that starts from a live engine's snapshot directory ({@code snapshot.dir}): the newest
 * whole snapshot that the journal replay up to the bound would pass through, i.e. whose lastSeq S
 * <ul>
 *   <li>is an input seq the journal holds (a snapshot of another journal, or ahead of this one, is not used), and</li>
 *   <li>comes before the journal's first input beyond the bound (by seq or by event time), so that every input the
 *       snapshot holds is one the replay from the start would have applied.</li>
 * </ul>
 * The replay then applies the journal after S, and reaches the same state as one from the start. Without such a
 * snapshot (or without the directory) it starts from a fresh engine, as {@link ReplayOrigin#JOURNAL_START}. Torn
 * snapshots and ones written with other capacities are passed over. Reads the snapshot directory only.
 *
 * <p>Single-threaded, off the hot path; {@link #chosen} tells afterwards which snapshot was used.
 */
public final class SnapshotOrigin implements ReplayOrigin
{
    private final Path snapshotDir;
    private Path chosen;

    public SnapshotOrigin(final Path snapshotDir)
    {
        this.snapshotDir = snapshotDir;
    }

    @Override
    public Start open(final Path journalDir, final EngineConfig config, final ReplayBound bound, final OutputSink sink)
    {
        final JournalInputs journal = JournalInputs.scan(journalDir, bound);
        if (Files.isDirectory(snapshotDir))
        {
            for (final Path snapshot : SnapshotStore.snapshotsIn(snapshotDir))
            {
                if (EngineSnapshot.problemWith(snapshot) != null)
                {
                    continue;
                }
                final long seq = EngineSnapshot.lastSeqOf(snapshot);
                if ((journal.beyondSeen && seq >= journal.firstBeyondSeq) || !journal.holds(seq))
                {
                    continue;
                }
                final LiquidationEngine engine = new LiquidationEngine(config, sink);
                try
                {
                    engine.restoreSnapshot(snapshot);
                }
                catch (final IllegalStateException ex)
                {
                    continue; // other capacities: not this journal's snapshot
                }
                chosen = snapshot;
                return new Start(engine, seq);
            }
        }
        return JOURNAL_START.open(journalDir, config, bound, sink);
    }

    /** The snapshot the last {@link #open} started from, or null when it started from the journal's start. */
    public Path chosen()
    {
        return chosen;
    }

    /** The journal's input seqs (increasing) and the seq of its first input beyond the bound. */
    private static final class JournalInputs
    {
        private final LongHashSet seqs = new LongHashSet();
        private boolean beyondSeen;
        private long firstBeyondSeq = Long.MAX_VALUE;

        static JournalInputs scan(final Path journalDir, final ReplayBound bound)
        {
            final JournalInputs inputs = new JournalInputs();
            try (JournalReader reader = new JournalReader(journalDir))
            {
                reader.readAll((kind, seq, timeNs, buffer, offset, length) ->
                {
                    if (kind == JournalRecordDescriptor.KIND_INPUT)
                    {
                        inputs.seqs.add(seq);
                        if (!inputs.beyondSeen && bound.isBeyond(seq, timeNs))
                        {
                            inputs.beyondSeen = true;
                            inputs.firstBeyondSeq = seq;
                        }
                    }
                });
            }
            return inputs;
        }

        boolean holds(final long seq)
        {
            return seqs.contains(seq);
        }
    }
}

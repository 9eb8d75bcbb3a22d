package tripwire.live;

import org.agrona.DirectBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.journal.EventJournal;

/**
 * The journal of a restarted engine: passes records through to the journal except those it already holds.
 * While the journal's tail is re-applied after a snapshot, its inputs (seq at most {@code journaledInputSeq})
 * and the outputs it already has (outSeq at most {@code journaledOutSeq}) are not written twice; outputs of the
 * last journaled input that the crash cut off are written now. The configuration record is written only to a
 * journal that has none.
 *
 * <p>Threading: the business-logic thread, as any {@link EventJournal}.
 */
final class RecoveringJournal implements EventJournal
{
    private final EventJournal journal;
    private final boolean hasConfig;
    private final long journaledInputSeq;
    private final long journaledOutSeq;

    RecoveringJournal(
        final EventJournal journal, final boolean hasConfig, final long journaledInputSeq, final long journaledOutSeq)
    {
        this.journal = journal;
        this.hasConfig = hasConfig;
        this.journaledInputSeq = journaledInputSeq;
        this.journaledOutSeq = journaledOutSeq;
    }

    @Override
    public void appendConfig(final EngineConfig config)
    {
        if (!hasConfig)
        {
            journal.appendConfig(config);
        }
    }

    @Override
    public void appendInput(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (seq > journaledInputSeq)
        {
            journal.appendInput(seq, timeNs, buffer, offset, length);
        }
    }

    @Override
    public void appendOutput(final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (outSeq > journaledOutSeq)
        {
            journal.appendOutput(outSeq, timeNs, buffer, offset, length);
        }
    }

    @Override
    public void appendStateHash(final long lastSeq, final long timeNs, final long stateHash)
    {
        journal.appendStateHash(lastSeq, timeNs, stateHash);
    }

    @Override
    public void close()
    {
        journal.close();
    }
}

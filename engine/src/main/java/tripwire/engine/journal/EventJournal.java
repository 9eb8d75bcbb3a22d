package tripwire.engine.journal;

import org.agrona.DirectBuffer;

import tripwire.engine.EngineConfig;

/**
 * Where every input and output frame of the engine is recorded, in the order the business-logic thread
 * saw and produced them. Implemented by the journal module (Chronicle Queue); the engine depends only on
 * this contract.
 *
 * <p>Threading: called only from the business-logic thread, one call at a time. The buffer is owned by the
 * caller and only valid during the call: implementations copy what they keep.
 *
 * <p>Contract: a call returns only when the record is in the journal (for Chronicle: in the memory-mapped
 * queue file, which survives a crash of the process). The engine calls {@link #appendInput} before it
 * applies that input, so no output exists for an input that is not journaled.
 */
public interface EventJournal extends AutoCloseable
{
    /**
     * Record the capacities the engine runs with, once, before its first input: a replay must build its
     * engine with the same ones to reproduce the state hash.
     */
    void appendConfig(EngineConfig config);

    /**
     * Record one input frame exactly as it arrived, decodable or not.
     *
     * @param seq    the input's sequence number, assigned by its feeder.
     * @param timeNs the input's event time in nanoseconds.
     */
    void appendInput(long seq, long timeNs, DirectBuffer buffer, int offset, int length);

    /**
     * Record one output frame (a liquidation order, a rejection, ...).
     *
     * @param outSeq the output's sequence number, from 1.
     * @param timeNs the event time of the input that caused it.
     */
    void appendOutput(long outSeq, long timeNs, DirectBuffer buffer, int offset, int length);

    /**
     * Record the engine's state hash after the input {@code lastSeq} was applied, so that a replay can
     * verify the state it reaches, not only the outputs.
     */
    void appendStateHash(long lastSeq, long timeNs, long stateHash);

    @Override
    void close();

    /** A journal that keeps nothing: for tests and benchmarks that measure the logic alone. */
    EventJournal NONE = new EventJournal()
    {
        public void appendConfig(final EngineConfig config)
        {
        }

        public void appendInput(final long seq, final long timeNs, final DirectBuffer b, final int o, final int l)
        {
        }

        public void appendOutput(final long outSeq, final long timeNs, final DirectBuffer b, final int o, final int l)
        {
        }

        public void appendStateHash(final long lastSeq, final long timeNs, final long stateHash)
        {
        }

        public void close()
        {
        }
    };
}

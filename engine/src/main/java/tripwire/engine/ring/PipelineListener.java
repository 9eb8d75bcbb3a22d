package tripwire.engine.ring;

import org.agrona.DirectBuffer;

/**
 * Observes the pipeline from the business-logic thread: each output as it is emitted (after it is
 * journaled), each input once applied, and each state hash journaled. Implementations must be quick and
 * must not keep the buffer past the call.
 */
public interface PipelineListener
{
    /**
     * @param intendedSendNanos {@link System#nanoTime()} at which the input that caused this output was meant
     *                          to be sent (0 when the publisher did not say).
     */
    default void onOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final long intendedSendNanos)
    {
    }

    /** The business-logic thread has taken this input off the ring and is about to journal and apply it. */
    default void onInputTaken(final long seq)
    {
    }

    default void onInputApplied(final long seq, final long intendedSendNanos)
    {
    }

    default void onStateHash(final long lastSeq, final long stateHash)
    {
    }

    PipelineListener NONE = new PipelineListener()
    {
    };
}

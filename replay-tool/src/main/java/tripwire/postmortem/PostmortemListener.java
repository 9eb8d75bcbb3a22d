package tripwire.postmortem;

import org.agrona.DirectBuffer;

import tripwire.engine.LiquidationEngine;

/**
 * Receives a journal's records during a {@link PostmortemReplay}, with the replaying engine beside them. Each
 * input arrives after the engine applied it; each journaled output arrives after the input that caused it, so the
 * engine's state is the state the output describes. Buffers are valid only during the call.
 *
 * <p>Called on the replaying thread only.
 */
public interface PostmortemListener
{
    /** Before the first record, with the engine as the origin left it (fresh, or restored from a snapshot). */
    default void onStart(final LiquidationEngine engine)
    {
    }

    /** An input record, already applied to {@code engine}. */
    default void onInput(
        final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
    }

    /** A journaled output record (the engine's replayed outputs are not reported). */
    default void onOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
    }
}

package tripwire.engine.ring;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated ring slot: an input frame with its envelope. Publishers copy a frame in; the
 * business-logic handler reads it. Never escapes the ring.
 */
public final class FrameEvent
{
    /** An input frame for the engine. */
    public static final int KIND_INPUT = 1;
    /** A request to journal the engine's state hash (no input). */
    public static final int KIND_STATE_HASH = 2;
    /** Largest frame a slot holds. */
    public static final int MAX_FRAME_LENGTH = 512;

    /** {@link #MAX_FRAME_LENGTH} bytes of off-heap memory (see {@link FrameSlabs}). */
    final UnsafeBuffer frame;
    int kind;
    long seq;
    long timeNs;
    int length;
    /** {@link System#nanoTime()} when the event was meant to be sent: for latency measurement only, never read by business logic. */
    long intendedSendNanos;

    FrameEvent(final UnsafeBuffer frame)
    {
        this.frame = frame;
    }

    void set(final int kind, final long seq, final long timeNs, final DirectBuffer source, final int offset, final int length,
        final long intendedSendNanos)
    {
        this.kind = kind;
        this.seq = seq;
        this.timeNs = timeNs;
        this.length = length;
        this.intendedSendNanos = intendedSendNanos;
        if (length > 0)
        {
            frame.putBytes(0, source, offset, length);
        }
    }
}

package tripwire.engine.state;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Allocation of the engine's off-heap tables: zeroed, cache-line aligned, allocated once at start. One table is
 * one buffer of at most {@link #MAX_BYTES} (int offsets, as {@link UnsafeBuffer} takes). Public for the other
 * packages' capacity-sized tables (the liquidation index, scratch arrays); call from the thread that builds the
 * engine.
 */
public final class OffHeap
{
    public static final int CACHE_LINE = 64;
    /** The largest table one buffer holds. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - CACHE_LINE;

    private OffHeap()
    {
    }

    /** @return a zeroed buffer of {@code bytes} rounded up to a whole number of cache lines (at least one). */
    public static UnsafeBuffer allocate(final long bytes)
    {
        if (bytes > MAX_BYTES)
        {
            throw new IllegalArgumentException("table of " + bytes + " bytes exceeds one buffer; lower maxAccounts");
        }
        final ByteBuffer buffer = BufferUtil.allocateDirectAligned(
            (int)align(Math.max(bytes, CACHE_LINE), CACHE_LINE), CACHE_LINE);
        final UnsafeBuffer unsafeBuffer = new UnsafeBuffer(buffer);
        unsafeBuffer.setMemory(0, unsafeBuffer.capacity(), (byte)0);
        return unsafeBuffer;
    }

    static long align(final long value, final int alignment)
    {
        return (value + alignment - 1) & -alignment;
    }
}

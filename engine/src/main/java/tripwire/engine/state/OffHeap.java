package tripwire.engine.state;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/** Allocation of the engine's off-heap tables: zeroed, cache-line aligned, allocated once at start. */
final class OffHeap
{
    static final int CACHE_LINE = 64;

    private OffHeap()
    {
    }

    static UnsafeBuffer allocate(final long bytes)
    {
        if (bytes > Integer.MAX_VALUE - CACHE_LINE)
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

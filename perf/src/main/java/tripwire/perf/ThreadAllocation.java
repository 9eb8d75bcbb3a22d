package tripwire.perf;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by the calling thread since it started, from HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean}); {@link #UNKNOWN} where the JVM does not count. Reading it allocates
 * nothing. Used to check that the timed loops allocate nothing.
 */
final class ThreadAllocation
{
    static final long UNKNOWN = -1;
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private ThreadAllocation()
    {
    }

    static long currentThreadAllocatedBytes()
    {
        return THREADS == null ? UNKNOWN : THREADS.getCurrentThreadAllocatedBytes();
    }

    /** {@code end - start}, or {@link #UNKNOWN} when either reading is unknown. */
    static long between(final long startBytes, final long endBytes)
    {
        return startBytes == UNKNOWN || endBytes == UNKNOWN ? UNKNOWN : endBytes - startBytes;
    }

    private static com.sun.management.ThreadMXBean threads()
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean && ((com.sun.management.ThreadMXBean)threads)
            .isThreadAllocatedMemorySupported())
        {
            final com.sun.management.ThreadMXBean hotSpotThreads = (com.sun.management.ThreadMXBean)threads;
            hotSpotThreads.setThreadAllocatedMemoryEnabled(true);
            return hotSpotThreads;
        }
        return null;
    }
}

package tripwire.engine.ring;

import java.util.Locale;
import java.util.function.Consumer;

import net.openhft.affinity.AffinityLock;

/**
 * Whether the pipeline's business-logic thread is pinned to one CPU, and the pinning itself.
 * <ul>
 *   <li>{@code off}: never pinned;</li>
 *   <li>{@code on}: pinned whatever the machine;</li>
 *   <li>{@code auto} (default): pinned only with {@link #PIN_MIN_CORES} or more processors, i.e. with cores to
 *       spare for the publisher and everything else; on a small machine a pinned thread only loses the
 *       scheduler's freedom to move it.</li>
 * </ul>
 * Pinning uses OpenHFT's {@link AffinityLock}, taken by the pinned thread itself before it runs and released
 * when it stops. When the platform refuses (no permission, no CPU left to reserve, not Linux, no native
 * library) one line says so and the thread runs unpinned: pinning never stops the engine.
 */
public final class ThreadPinning
{
    public static final String PIN_THREADS_PROP_NAME = "tripwire.pinThreads";
    public static final String PIN_THREADS_DEFAULT = "auto";
    /** Processors needed before {@code auto} pins: a pinned consumer, the publisher, and one for everything else. */
    static final int PIN_MIN_CORES = 4;

    /** The setting. */
    public enum Mode
    {
        AUTO, OFF, ON
    }

    private ThreadPinning()
    {
    }

    /**
     * @param value one of auto, off, on (any case, surrounding blanks ignored).
     * @param key   the property or configuration key the value came from, named in the rejection.
     * @throws IllegalArgumentException naming {@code key} for any other value.
     */
    public static Mode parse(final String value, final String key)
    {
        switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "auto":
                return Mode.AUTO;
            case "off":
                return Mode.OFF;
            case "on":
                return Mode.ON;
            default:
                throw new IllegalArgumentException(key + " must be auto, off or on: " + value);
        }
    }

    /** Whether {@code mode} pins on a machine with {@code cores} processors. */
    public static boolean shouldPin(final Mode mode, final int cores)
    {
        return mode == Mode.ON || (mode == Mode.AUTO && cores >= PIN_MIN_CORES);
    }

    /**
     * Pins the calling thread to a free CPU.
     *
     * @param log receives one line when the platform refuses.
     * @return the lock to {@link #release} when the thread stops, or null when the thread runs unpinned.
     */
    static AffinityLock pinCurrentThread(final Consumer<String> log)
    {
        final String threadName = Thread.currentThread().getName();
        try
        {
            final AffinityLock lock = AffinityLock.acquireLock();
            if (lock.isAllocated() && lock.cpuId() >= 0)
            {
                log.accept("pinning: " + threadName + " pinned to cpu " + lock.cpuId());
                return lock;
            }
            lock.release();
            log.accept("pinning: refused for " + threadName + " (no CPU free to reserve on this machine);" +
                " running unpinned");
            return null;
        }
        catch (final RuntimeException | LinkageError ex) // e.g. no native library: pinning must never fail the engine
        {
            log.accept("pinning: refused for " + threadName + " (" + ex + "); running unpinned");
            return null;
        }
    }

    /** Releases a lock from {@link #pinCurrentThread}, on the thread that took it; null is ignored. */
    static void release(final AffinityLock lock, final Consumer<String> log)
    {
        if (lock == null)
        {
            return;
        }
        try
        {
            lock.release();
        }
        catch (final RuntimeException | LinkageError ex) // releasing a pin must not fail a stopping thread
        {
            log.accept("pinning: release failed (" + ex + ")");
        }
    }
}

package tripwire.engine.ring;

import java.util.Locale;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The consumer's wait strategy, by name or chosen from the machine. With a core to spare for each spinning
 * thread, busy-spin gives the lowest latency; on a small machine a spinning consumer steals the publisher's
 * core, and yielding wins (measured on 2 cores, see ../shared/STACK.md).
 */
public final class WaitStrategies
{
    public static final String WAIT_STRATEGY_PROP_NAME = "tripwire.waitStrategy";
    public static final String WAIT_STRATEGY_DEFAULT = "auto";
    /** Cores needed before {@code auto} chooses busy-spin: publisher, consumer, and one for everything else. */
    static final int BUSY_SPIN_MIN_CORES = 4;

    private WaitStrategies()
    {
    }

    /** @param name one of auto, busy-spin, yielding, sleeping, blocking. */
    public static WaitStrategy named(final String name)
    {
        return ofResolved(resolve(name, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The concrete strategy a setting stands for on a machine with {@code cores} processors: {@code auto} becomes
     * busy-spin from {@link #BUSY_SPIN_MIN_CORES} cores up and yielding below; any other valid name is itself.
     *
     * @throws IllegalArgumentException naming {@value #WAIT_STRATEGY_PROP_NAME} for an unknown name.
     */
    public static String resolve(final String name, final int cores)
    {
        final String lower = name.trim().toLowerCase(Locale.ROOT);
        switch (lower)
        {
            case "auto":
                return cores >= BUSY_SPIN_MIN_CORES ? "busy-spin" : "yielding";
            case "busy-spin":
            case "yielding":
            case "sleeping":
            case "blocking":
                return lower;
            default:
                throw new IllegalArgumentException(
                    WAIT_STRATEGY_PROP_NAME + " must be auto, busy-spin, yielding, sleeping or blocking: " + name);
        }
    }

    /** @param resolvedName a name returned by {@link #resolve} (never auto). */
    static WaitStrategy ofResolved(final String resolvedName)
    {
        switch (resolvedName)
        {
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "blocking":
                return new BlockingWaitStrategy();
            default:
                throw new IllegalArgumentException("not a resolved wait strategy: " + resolvedName);
        }
    }

    public static WaitStrategy fromSystemProperties()
    {
        return named(System.getProperty(WAIT_STRATEGY_PROP_NAME, WAIT_STRATEGY_DEFAULT));
    }
}

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
        switch (name.toLowerCase(Locale.ROOT))
        {
            case "auto":
                return Runtime.getRuntime().availableProcessors() >= BUSY_SPIN_MIN_CORES ?
                    new BusySpinWaitStrategy() : new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "blocking":
                return new BlockingWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    WAIT_STRATEGY_PROP_NAME + " must be auto, busy-spin, yielding, sleeping or blocking: " + name);
        }
    }

    public static WaitStrategy fromSystemProperties()
    {
        return named(System.getProperty(WAIT_STRATEGY_PROP_NAME, WAIT_STRATEGY_DEFAULT));
    }
}

package tripwire.engine.ring;

import com.lmax.disruptor.WaitStrategy;

/**
 * The pipeline's threading, decided once at start from the settings and the machine: the consumer's wait
 * strategy ({@link WaitStrategies}) and whether the business-logic thread is pinned ({@link ThreadPinning}),
 * with the reason, for the one start-up line {@link #describe()}. Immutable.
 */
public final class ThreadingChoice
{
    private final String waitStrategySetting;
    private final String waitStrategyName;
    private final ThreadPinning.Mode pinMode;
    private final boolean pin;
    private final int cores;

    private ThreadingChoice(
        final String waitStrategySetting, final String waitStrategyName, final ThreadPinning.Mode pinMode, final int cores)
    {
        this.waitStrategySetting = waitStrategySetting;
        this.waitStrategyName = waitStrategyName;
        this.pinMode = pinMode;
        this.pin = ThreadPinning.shouldPin(pinMode, cores);
        this.cores = cores;
    }

    /**
     * @param waitStrategy auto, busy-spin, yielding, sleeping or blocking.
     * @param pinMode      the pinning setting.
     * @param cores        processors available to the JVM.
     * @throws IllegalArgumentException naming {@value WaitStrategies#WAIT_STRATEGY_PROP_NAME} for a bad name.
     */
    public static ThreadingChoice choose(final String waitStrategy, final ThreadPinning.Mode pinMode, final int cores)
    {
        return new ThreadingChoice(
            waitStrategy.trim(), WaitStrategies.resolve(waitStrategy, cores), pinMode, cores);
    }

    /** From {@code -Dtripwire.waitStrategy} and {@code -Dtripwire.pinThreads} (both default auto) and this machine. */
    public static ThreadingChoice fromSystemProperties()
    {
        return choose(
            System.getProperty(WaitStrategies.WAIT_STRATEGY_PROP_NAME, WaitStrategies.WAIT_STRATEGY_DEFAULT),
            ThreadPinning.parse(
                System.getProperty(ThreadPinning.PIN_THREADS_PROP_NAME, ThreadPinning.PIN_THREADS_DEFAULT),
                ThreadPinning.PIN_THREADS_PROP_NAME),
            Runtime.getRuntime().availableProcessors());
    }

    /** busy-spin, yielding, sleeping or blocking (never auto). */
    public String waitStrategyName()
    {
        return waitStrategyName;
    }

    /** A new instance of the chosen strategy. */
    public WaitStrategy waitStrategy()
    {
        return WaitStrategies.ofResolved(waitStrategyName);
    }

    /** Whether the business-logic thread is to be pinned (it may still run unpinned if the platform refuses). */
    public boolean pin()
    {
        return pin;
    }

    /** The one start-up line: what was chosen and why. */
    public String describe()
    {
        final String waitReason = !"auto".equalsIgnoreCase(waitStrategySetting) ? "as configured" :
            cores + " cores, busy-spin from " + WaitStrategies.BUSY_SPIN_MIN_CORES;
        final String pinReason;
        switch (pinMode)
        {
            case ON:
            case OFF:
                pinReason = "as configured";
                break;
            default:
                pinReason = "auto: " + cores + " cores, pinned from " + ThreadPinning.PIN_MIN_CORES;
                break;
        }
        return "threading: wait strategy " + waitStrategyName + " (" + waitReason + "); business-logic thread " +
            (pin ? "pinned" : "unpinned") + " (" + pinReason + ")";
    }

    @Override
    public String toString()
    {
        return describe();
    }
}

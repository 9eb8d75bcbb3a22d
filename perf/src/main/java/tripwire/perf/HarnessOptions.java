package tripwire.perf;

import java.nio.file.Path;
import java.util.Arrays;

import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.WaitStrategies;

/**
 * What one {@link LatencyHarness} invocation does: the load, the offered rates and where results go. Immutable;
 * validated on construction. Parsed from {@code --name value} arguments ({@link #parse}); every option has a
 * {@code *_DEFAULT}.
 *
 * <pre>
 *   --accounts N         accounts opened in setup                       (ACCOUNTS_DEFAULT)
 *   --events N           measured events per run                        (EVENTS_DEFAULT)
 *   --warmup N           paced, unrecorded events before them           (WARMUP_DEFAULT)
 *   --rates a,b,...      offered rates, events/s, one run each          (RATES_DEFAULT)
 *   --rate r             shorthand for --rates r
 *   --no-saturation      skip the publish-as-fast-as-possible run
 *   --ticks-per-mille N  ticks per 1000 steady-stream events            (TICKS_PER_MILLE_DEFAULT)
 *   --wait-strategy S    auto, busy-spin, yielding, sleeping, blocking  (WAIT_STRATEGY_DEFAULT)
 *   --ring-size N        ring slots, a power of two                     (EnginePipeline.RING_SIZE_DEFAULT)
 *   --seed N             load generator seed                            (SEED_DEFAULT)
 *   --journal DIR        journal each run under DIR (hook, not wired yet: see HarnessJournals)
 *   --out DIR            .hgrm files and summary.md                     (OUT_DEFAULT)
 *   --quick              small sizes (about 10-20 s), for a smoke check
 * </pre>
 */
final class HarnessOptions
{
    static final int ACCOUNTS_DEFAULT = 10_000;
    static final int EVENTS_DEFAULT = 2_000_000;
    static final int WARMUP_DEFAULT = 500_000;
    static final long[] RATES_DEFAULT = {50_000, 100_000, 200_000, 400_000, 800_000};
    /**
     * One tick per thousand events: a tick checks every account exposed to the instrument, so it costs
     * thousands of times a fill (real venues also see far more fills than oracle updates).
     */
    static final int TICKS_PER_MILLE_DEFAULT = 1;
    static final String WAIT_STRATEGY_DEFAULT = WaitStrategies.WAIT_STRATEGY_DEFAULT;
    static final long SEED_DEFAULT = 20_261_101L;
    static final String OUT_DEFAULT = "results";

    static final int QUICK_ACCOUNTS = 2_000;
    static final int QUICK_EVENTS = 100_000;
    static final int QUICK_WARMUP = 20_000;
    static final long[] QUICK_RATES = {50_000, 200_000};

    final int accounts;
    final int events;
    final int warmup;
    final long[] ratesPerSecond;
    final boolean saturation;
    final int ticksPerMille;
    final String waitStrategy;
    final int ringSize;
    final long seed;
    /** Directory for journals, or null for {@code EventJournal.NONE}. */
    final Path journalDir;
    final Path outDir;
    final boolean quick;

    HarnessOptions(
        final int accounts,
        final int events,
        final int warmup,
        final long[] ratesPerSecond,
        final boolean saturation,
        final int ticksPerMille,
        final String waitStrategy,
        final int ringSize,
        final long seed,
        final Path journalDir,
        final Path outDir,
        final boolean quick)
    {
        require(accounts >= 1, "--accounts must be >= 1: " + accounts);
        require(events >= 1, "--events must be >= 1: " + events);
        require(warmup >= 0, "--warmup must be >= 0: " + warmup);
        require(ticksPerMille >= 1 && ticksPerMille <= 1000, "--ticks-per-mille must be in [1, 1000]: " + ticksPerMille);
        require(ringSize > 0 && Integer.bitCount(ringSize) == 1, "--ring-size must be a power of two: " + ringSize);
        require(ratesPerSecond.length > 0 || saturation, "nothing to run: no --rates and --no-saturation");
        for (final long rate : ratesPerSecond)
        {
            require(rate >= 1 && rate <= 1_000_000_000L, "rates must be in [1, 1e9] events/s: " + rate);
        }
        WaitStrategies.named(waitStrategy);
        this.accounts = accounts;
        this.events = events;
        this.warmup = warmup;
        this.ratesPerSecond = ratesPerSecond.clone();
        this.saturation = saturation;
        this.ticksPerMille = ticksPerMille;
        this.waitStrategy = waitStrategy;
        this.ringSize = ringSize;
        this.seed = seed;
        this.journalDir = journalDir;
        this.outDir = outDir;
        this.quick = quick;
    }

    static HarnessOptions parse(final String... args)
    {
        boolean quick = false;
        for (final String arg : args)
        {
            quick |= "--quick".equals(arg);
        }
        int accounts = quick ? QUICK_ACCOUNTS : ACCOUNTS_DEFAULT;
        int events = quick ? QUICK_EVENTS : EVENTS_DEFAULT;
        int warmup = quick ? QUICK_WARMUP : WARMUP_DEFAULT;
        long[] rates = quick ? QUICK_RATES : RATES_DEFAULT;
        boolean saturation = true;
        int ticksPerMille = TICKS_PER_MILLE_DEFAULT;
        String waitStrategy = WAIT_STRATEGY_DEFAULT;
        int ringSize = EnginePipeline.RING_SIZE_DEFAULT;
        long seed = SEED_DEFAULT;
        Path journalDir = null;
        Path outDir = Path.of(OUT_DEFAULT);

        for (int i = 0; i < args.length; i++)
        {
            final String name = args[i];
            switch (name)
            {
                case "--quick":
                    break;
                case "--no-saturation":
                    saturation = false;
                    break;
                case "--accounts":
                    accounts = parseInt(name, value(args, ++i, name));
                    break;
                case "--events":
                    events = parseInt(name, value(args, ++i, name));
                    break;
                case "--warmup":
                    warmup = parseInt(name, value(args, ++i, name));
                    break;
                case "--rate":
                case "--rates":
                    rates = parseRates(name, value(args, ++i, name));
                    break;
                case "--ticks-per-mille":
                    ticksPerMille = parseInt(name, value(args, ++i, name));
                    break;
                case "--wait-strategy":
                    waitStrategy = value(args, ++i, name);
                    break;
                case "--ring-size":
                    ringSize = parseInt(name, value(args, ++i, name));
                    break;
                case "--seed":
                    seed = parseLong(name, value(args, ++i, name));
                    break;
                case "--journal":
                    journalDir = Path.of(value(args, ++i, name));
                    break;
                case "--out":
                    outDir = Path.of(value(args, ++i, name));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new HarnessOptions(
            accounts, events, warmup, rates, saturation, ticksPerMille, waitStrategy, ringSize, seed, journalDir, outDir, quick);
    }

    @Override
    public String toString()
    {
        return "accounts=" + accounts + " events=" + events + " warmup=" + warmup + " rates=" + Arrays.toString(ratesPerSecond) +
            " saturation=" + saturation + " ticksPerMille=" + ticksPerMille + " waitStrategy=" + waitStrategy +
            " ringSize=" + ringSize + " seed=" + seed + " journal=" + (journalDir == null ? "none" : journalDir) +
            " out=" + outDir + (quick ? " quick" : "");
    }

    private static String value(final String[] args, final int index, final String name)
    {
        if (index >= args.length)
        {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index];
    }

    private static int parseInt(final String name, final String text)
    {
        final long value = parseLong(name, text);
        require(value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE, name + " is out of range: " + text);
        return (int)value;
    }

    private static long parseLong(final String name, final String text)
    {
        try
        {
            return Long.parseLong(text.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " needs an integer: " + text, ex);
        }
    }

    private static long[] parseRates(final String name, final String text)
    {
        final String[] parts = text.split(",");
        final long[] rates = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            rates[i] = parseLong(name, parts[i].strip());
        }
        return rates;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}

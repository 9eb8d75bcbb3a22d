package tripwire.live;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import com.lmax.disruptor.WaitStrategy;

import tripwire.engine.EngineConfig;
import tripwire.engine.ring.ThreadPinning;
import tripwire.engine.ring.ThreadingChoice;
import tripwire.engine.ring.WaitStrategies;

/**
 * The configuration of {@code tripwire run}: a Java properties file (example: scripts/tripwire-run.properties).
 * Relative paths are resolved against the file's directory. Every key is checked at start; an unknown key, a
 * missing required key or a bad value stops the engine with a message that names the key.
 * <pre>
 *   ingress.dir                 required  queue the feeders append input frames to (TripwireClient, tripwire publish)
 *   egress.dir                  required  queue the engine appends every output to (an order gateway tails it)
 *   journal.dir                 required  the engine's journal (every input before its outputs)
 *   snapshot.dir                required  where state snapshots are written and loaded from
 *   engine.maxAccounts          65536     capacities of the off-heap tables (a snapshot needs the same ones)
 *   engine.maxAssets            8
 *   engine.maxMarkets           16
 *   ring.size                   65536     Disruptor ring slots, a power of two
 *   wait.strategy               auto      auto | busy-spin | yielding | sleeping | blocking
 *   threads.pin                 auto      auto | off | on: pin the business-logic thread to a CPU (auto: from 4 cores)
 *   snapshot.intervalEvents     100000    a snapshot every N inputs; 0 = only on request and at shutdown
 *   snapshot.keep               2         newest snapshots kept (>= 1)
 *   ingress.idleParkMicros      50        pause of the ingress poller when the queue is empty
 *   referenceData               none      asset and market lines applied once, at the first start ({@link ReferenceData})
 * </pre>
 * Immutable.
 */
public final class LiveConfig
{
    static final List<String> KEYS = List.of(
        "ingress.dir", "egress.dir", "journal.dir", "snapshot.dir",
        "engine.maxAccounts", "engine.maxAssets", "engine.maxMarkets",
        "ring.size", "wait.strategy", "threads.pin", "snapshot.intervalEvents", "snapshot.keep", "ingress.idleParkMicros",
        ReferenceData.KEY);

    private final Path ingressDir;
    private final Path egressDir;
    private final Path journalDir;
    private final Path snapshotDir;
    private final EngineConfig engineConfig;
    private final int ringSize;
    private final String waitStrategyName;
    private final ThreadPinning.Mode pinMode;
    private final long snapshotIntervalEvents;
    private final int snapshotKeep;
    private final long idleParkMicros;
    private final ReferenceData referenceData;

    private LiveConfig(final Properties properties, final Path base)
    {
        final TreeSet<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty())
        {
            throw new IllegalArgumentException("unknown key " + unknown.first() + " (known keys: " + String.join(", ", KEYS) + ")");
        }
        ingressDir = path(properties, base, "ingress.dir");
        egressDir = path(properties, base, "egress.dir");
        journalDir = path(properties, base, "journal.dir");
        snapshotDir = path(properties, base, "snapshot.dir");
        final int maxAccounts = (int)number(properties, "engine.maxAccounts", EngineConfig.MAX_ACCOUNTS_DEFAULT, 1, 1 << 28);
        final int maxAssets = (int)number(properties, "engine.maxAssets", EngineConfig.MAX_ASSETS_DEFAULT, 1, 30);
        final int maxMarkets = (int)number(properties, "engine.maxMarkets", EngineConfig.MAX_MARKETS_DEFAULT, 1, 30);
        if (maxAssets + maxMarkets > 31)
        {
            throw new IllegalArgumentException("engine.maxAssets + engine.maxMarkets must be <= 31: " + maxAssets + " + " + maxMarkets);
        }
        engineConfig = new EngineConfig(maxAccounts, maxAssets, maxMarkets);
        ringSize = (int)number(properties, "ring.size", 1 << 16, 2, 1 << 24);
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring.size must be a power of two: " + ringSize);
        }
        waitStrategyName = properties.getProperty("wait.strategy", WaitStrategies.WAIT_STRATEGY_DEFAULT).trim();
        try
        {
            WaitStrategies.named(waitStrategyName);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("wait.strategy must be auto, busy-spin, yielding, sleeping or blocking: " +
                waitStrategyName);
        }
        pinMode = ThreadPinning.parse(
            properties.getProperty("threads.pin", ThreadPinning.PIN_THREADS_DEFAULT), "threads.pin");
        snapshotIntervalEvents = number(properties, "snapshot.intervalEvents", 100_000, 0, Long.MAX_VALUE);
        snapshotKeep = (int)number(properties, "snapshot.keep", 2, 1, 1000);
        idleParkMicros = number(properties, "ingress.idleParkMicros", 50, 0, 1_000_000);
        referenceData = properties.getProperty(ReferenceData.KEY) == null ? ReferenceData.NONE :
            ReferenceData.load(path(properties, base, ReferenceData.KEY), engineConfig);
    }

    /** Reads and checks a configuration file. */
    public static LiveConfig load(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage());
        }
        final Path parent = file.toAbsolutePath().getParent();
        return new LiveConfig(properties, parent);
    }

    /** Checks a configuration given as properties; relative paths resolve against {@code base}. */
    public static LiveConfig of(final Properties properties, final Path base)
    {
        return new LiveConfig(properties, base);
    }

    private static Path path(final Properties properties, final Path base, final String key)
    {
        final String value = properties.getProperty(key);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("missing required key " + key);
        }
        return base.resolve(value.trim()).normalize();
    }

    private static long number(
        final Properties properties, final String key, final long defaultValue, final long min, final long max)
    {
        final String value = properties.getProperty(key);
        if (value == null)
        {
            return defaultValue;
        }
        final long parsed;
        try
        {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be an integer: " + value);
        }
        if (parsed < min || parsed > max)
        {
            throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "]: " + value);
        }
        return parsed;
    }

    public Path ingressDir()
    {
        return ingressDir;
    }

    public Path egressDir()
    {
        return egressDir;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    public Path snapshotDir()
    {
        return snapshotDir;
    }

    public EngineConfig engineConfig()
    {
        return engineConfig;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public WaitStrategy waitStrategy()
    {
        return WaitStrategies.named(waitStrategyName);
    }

    /** wait.strategy and threads.pin resolved for this machine. */
    public ThreadingChoice threading()
    {
        return ThreadingChoice.choose(waitStrategyName, pinMode, Runtime.getRuntime().availableProcessors());
    }

    public long snapshotIntervalEvents()
    {
        return snapshotIntervalEvents;
    }

    public int snapshotKeep()
    {
        return snapshotKeep;
    }

    public long idleParkMicros()
    {
        return idleParkMicros;
    }

    /** The configured reference data (none when the key is absent), checked and encoded. */
    ReferenceData referenceData()
    {
        return referenceData;
    }
}

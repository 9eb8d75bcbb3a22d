package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The run configuration is checked at start; every message names the key at fault. */
final class LiveConfigTest
{
    private static final Path BASE = Path.of("/srv/tripwire");

    @Test
    void validConfigurationResolvesRelativePathsAgainstItsDirectory()
    {
        final LiveConfig config = LiveConfig.of(LiveTesting.properties(1024, 10), BASE);
        assertEquals(BASE.resolve("ingress"), config.ingressDir());
        assertEquals(BASE.resolve("snapshots"), config.snapshotDir());
        assertEquals(1024, config.engineConfig().maxAccounts());
        assertEquals(10, config.snapshotIntervalEvents());
        assertEquals(2, config.snapshotKeep());
    }

    @Test
    void unknownKeyIsRefusedByName()
    {
        assertMessage(with("snapshot.interval", "5"), "unknown key snapshot.interval");
    }

    @Test
    void missingRequiredKeyIsRefusedByName()
    {
        final Properties properties = LiveTesting.properties(1024, 10);
        properties.remove("journal.dir");
        assertMessage(properties, "missing required key journal.dir");
    }

    @Test
    void badValuesAreRefusedByName()
    {
        assertMessage(with("engine.maxAccounts", "many"), "engine.maxAccounts must be an integer");
        assertMessage(with("engine.maxAccounts", "0"), "engine.maxAccounts must be in");
        assertMessage(with("ring.size", "1000"), "ring.size must be a power of two");
        assertMessage(with("wait.strategy", "spin-fast"), "wait.strategy must be");
        assertMessage(with("snapshot.intervalEvents", "-1"), "snapshot.intervalEvents must be in");
        assertMessage(with("snapshot.keep", "0"), "snapshot.keep must be in");
        assertMessage(with("engine.maxMarkets", "30"), "engine.maxAssets + engine.maxMarkets");
    }

    @Test
    void journalWrittenWithOtherCapacitiesIsRefusedNamingTheKeys(@org.junit.jupiter.api.io.TempDir final Path root)
    {
        final LiveConfig first = LiveConfig.of(LiveTesting.properties(1024, 0), root);
        try (tripwire.journal.ChronicleEventJournal journal = new tripwire.journal.ChronicleEventJournal(first.journalDir()))
        {
            journal.appendConfig(first.engineConfig());
        }
        final LiveEngine engine = new LiveEngine(LiveConfig.of(LiveTesting.properties(2048, 0), root), line -> { });
        final IllegalStateException ex = assertThrows(IllegalStateException.class, engine::run);
        assertTrue(ex.getMessage().startsWith("engine.maxAccounts/engine.maxAssets/engine.maxMarkets are 2048/8/16 but" +
            " the journal"), ex.getMessage());
    }

    private static Properties with(final String key, final String value)
    {
        final Properties properties = LiveTesting.properties(1024, 10);
        properties.setProperty(key, value);
        return properties;
    }

    private static void assertMessage(final Properties properties, final String expected)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> LiveConfig.of(properties, BASE));
        assertTrue(ex.getMessage().startsWith(expected), ex.getMessage());
    }
}

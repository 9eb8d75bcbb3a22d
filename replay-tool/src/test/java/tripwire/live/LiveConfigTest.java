package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.engine.scenario.ScenarioEvent;

/** The run configuration is checked at start; every message names the key at fault (and the line, for referenceData). */
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
    void threadPinningIsReadFromThreadsPin()
    {
        assertTrue(LiveConfig.of(with("threads.pin", "on"), BASE).threading().pin());
        assertFalse(LiveConfig.of(with("threads.pin", "OFF"), BASE).threading().pin());
        final LiveConfig byDefault = LiveConfig.of(LiveTesting.properties(1024, 10), BASE);
        assertEquals(Runtime.getRuntime().availableProcessors() >= 4, byDefault.threading().pin());
        assertEquals("yielding", byDefault.threading().waitStrategyName());
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
        assertMessage(with("threads.pin", "yes"), "threads.pin must be auto, off or on: yes");
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

    @Test
    void referenceDataIsEncodedAsInputsAtNegativeSeqsInFileOrder(@TempDir final Path root) throws IOException
    {
        Files.write(root.resolve("reference.jsonl"), List.of(
            "# reference data",
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}"));
        final Properties properties = LiveTesting.properties(1024, 10);
        properties.setProperty("referenceData", "reference.jsonl");

        final ReferenceData referenceData = LiveConfig.of(properties, root).referenceData();

        assertEquals(root.resolve("reference.jsonl"), referenceData.file());
        assertEquals(List.of(-2L, -1L), referenceData.inputs().stream().map(ScenarioEvent::seq).toList());
    }

    @Test
    void exampleConfigurationAndItsReferenceDataAreValid()
    {
        final LiveConfig config = LiveConfig.load(Path.of("..", "scripts", "tripwire-run.properties"));

        assertEquals(List.of(-2L, -1L), config.referenceData().inputs().stream().map(ScenarioEvent::seq).toList());
        assertTrue(config.referenceData().file().endsWith("tripwire-reference-data.jsonl"));
    }

    @Test
    void configurationWithoutReferenceDataHasNone()
    {
        assertTrue(LiveConfig.of(LiveTesting.properties(1024, 10), BASE).referenceData().inputs().isEmpty());
    }

    @Test
    void referenceDataIsRefusedNamingTheKeyAndTheLine(@TempDir final Path root) throws IOException
    {
        final String usdc = "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}";
        final Path file = root.resolve("reference.jsonl");

        assertReferenceDataMessage(root, null, "referenceData: cannot read " + file);
        assertReferenceDataMessage(root, List.of(usdc, "{\"type\":\"market\""),
            "referenceData: " + file + " line 2: not JSON");
        assertReferenceDataMessage(root, List.of(usdc, "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"5\"}"),
            "referenceData: " + file + " line 2: only asset and market lines belong here");
        assertReferenceDataMessage(root, List.of("# comment", usdc,
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\"}"),
            "referenceData: " + file + " line 3: MALFORMED (MISSING_FIELD)");
        assertReferenceDataMessage(root, List.of(usdc,
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.01\",\"maintenanceMarginRate\":\"0.05\"}"),
            "referenceData: " + file + " line 2: the engine rejects it: {\"type\":\"rejection\"");
    }

    private static void assertReferenceDataMessage(final Path root, final List<String> lines, final String expected)
        throws IOException
    {
        final Path file = root.resolve("reference.jsonl");
        Files.deleteIfExists(file);
        if (lines != null)
        {
            Files.write(file, lines);
        }
        final Properties properties = LiveTesting.properties(1024, 10);
        properties.setProperty("referenceData", "reference.jsonl");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> LiveConfig.of(properties, root));
        assertTrue(ex.getMessage().startsWith(expected), ex.getMessage());
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

package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code threads.pin=on} on any machine: the live engine states its threading, pins its business-logic thread or
 * says the platform refused, applies its inputs and stops cleanly.
 */
final class PinnedLiveEngineTest
{
    @TempDir
    Path root;

    @Test
    void liveEngineWithThreadsPinOnAppliesInputsAndStops() throws Exception
    {
        Files.write(root.resolve("reference.jsonl"), List.of(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}"));
        final Properties properties = LiveTesting.properties(1024, 0);
        properties.setProperty("referenceData", "reference.jsonl");
        properties.setProperty("threads.pin", "on");
        final LiveConfig config = LiveConfig.of(properties, root);
        final List<String> log = new CopyOnWriteArrayList<>();
        final LiveEngine engine = new LiveEngine(config, log::add);

        LiveTesting.start(engine);
        LiveTesting.await(() -> engine.appliedSeq() == -1, "the reference data applied");
        LiveTesting.stop(engine);

        assertTrue(log.contains("threading: wait strategy yielding (as configured); business-logic thread pinned" +
            " (as configured)"), log::toString);
        assertEquals(1, log.stream().filter(line -> line.startsWith("pinning: tripwire-business-logic pinned to cpu ") ||
            line.startsWith("pinning: refused for tripwire-business-logic (")).count(), log::toString);
        assertTrue(log.stream().anyMatch(line -> line.startsWith("stopped: ")), log::toString);
    }
}

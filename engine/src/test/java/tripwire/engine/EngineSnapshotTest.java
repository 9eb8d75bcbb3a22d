package tripwire.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

/**
 * A snapshot taken after any input, restored into a fresh engine, continues exactly like the engine that never
 * stopped: same outputs after the cut, same state hash at the end. Every reference and risk case is cut at every
 * input, so every table the engine owns (tiers, penalties, oracles, partial cooldowns, ADL, orders) is covered.
 */
final class EngineSnapshotTest
{
    private static final EngineConfig CONFIG = new EngineConfig(64, 8, 16);

    @TempDir
    Path dir;

    @Test
    void snapshotThenTailGivesTheSameOutputsAndStateHashAsTheFullRunForEveryCaseAndEveryCut() throws IOException
    {
        final List<Path> cases = caseFiles();
        assertTrue(cases.size() > 20, "found " + cases.size() + " case files");
        int cuts = 0;
        for (final Path file : cases)
        {
            final List<ScenarioEvent> events =
                new ScenarioParser().parseAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            final List<String> fullOutputs = new ArrayList<>();
            final LiquidationEngine full = run(new LiquidationEngine(CONFIG, collect(fullOutputs)), events, 0, events.size());
            for (int cut = 0; cut <= events.size(); cut++)
            {
                final List<String> outputs = new ArrayList<>();
                final LiquidationEngine before = run(new LiquidationEngine(CONFIG, collect(outputs)), events, 0, cut);
                final Path snapshot = dir.resolve("s-" + cuts + ".snap");
                before.writeSnapshot(snapshot);
                final LiquidationEngine after = new LiquidationEngine(CONFIG, collect(outputs));
                after.restoreSnapshot(snapshot);
                assertEquals(before.stateHash(), after.stateHash(), file.getFileName() + " restored at cut " + cut);
                run(after, events, cut, events.size());
                assertEquals(fullOutputs, outputs, file.getFileName() + " outputs with a snapshot at cut " + cut);
                assertEquals(full.stateHash(), after.stateHash(), file.getFileName() + " state hash, cut " + cut);
                assertEquals(full.lastOrderId(), after.lastOrderId());
                assertEquals(full.accountCount(), after.accountCount());
                Files.delete(snapshot);
                cuts++;
            }
        }
        assertTrue(cuts > 200, "cuts " + cuts);
    }

    @Test
    void tornOrAlteredSnapshotIsReportedAndNotLoaded() throws IOException
    {
        final Path file = caseFiles().get(0);
        final List<ScenarioEvent> events = new ScenarioParser().parseAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        final LiquidationEngine engine = run(new LiquidationEngine(CONFIG, (o, t, b, off, l) -> { }), events, 0, events.size());
        final Path snapshot = dir.resolve("whole.snap");
        engine.writeSnapshot(snapshot);
        assertNull(EngineSnapshot.problemWith(snapshot));
        assertEquals(engine.lastSeq(), EngineSnapshot.lastSeqOf(snapshot));

        final byte[] bytes = Files.readAllBytes(snapshot);
        final Path torn = dir.resolve("torn.snap");
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertNotNull(EngineSnapshot.problemWith(torn));
        assertEquals(-1, EngineSnapshot.lastSeqOf(torn));
        final LiquidationEngine fresh = new LiquidationEngine(CONFIG, (o, t, b, off, l) -> { });
        final long freshHash = fresh.stateHash();
        assertThrows(IllegalStateException.class, () -> fresh.restoreSnapshot(torn));

        final Path altered = dir.resolve("altered.snap");
        bytes[EngineSnapshot.HEADER_LENGTH + 9] ^= 1;
        Files.write(altered, bytes);
        assertTrue(EngineSnapshot.problemWith(altered).contains("checksum"));
        assertEquals(freshHash, fresh.stateHash());
    }

    @Test
    void snapshotWithOtherCapacitiesIsRefused() throws IOException
    {
        final Path snapshot = dir.resolve("small.snap");
        new LiquidationEngine(CONFIG, (o, t, b, off, l) -> { }).writeSnapshot(snapshot);
        final LiquidationEngine other = new LiquidationEngine(new EngineConfig(128, 8, 16), (o, t, b, off, l) -> { });
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> other.restoreSnapshot(snapshot));
        assertTrue(ex.getMessage().contains("capacities"), ex.getMessage());
    }

    private static LiquidationEngine run(
        final LiquidationEngine engine, final List<ScenarioEvent> events, final int from, final int to)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        for (int i = from; i < to; i++)
        {
            final ScenarioEvent event = events.get(i);
            frame.wrap(event.frame());
            engine.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
        }
        return engine;
    }

    private static OutputSink collect(final List<String> outputs)
    {
        return (outSeq, timeNs, buffer, offset, length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            outputs.add(outSeq + ":" + timeNs + ":" + HexFormat.of().formatHex(bytes));
        };
    }

    private static List<Path> caseFiles() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        for (final String folder : new String[] {"reference-cases", "risk-cases"})
        {
            try (Stream<Path> stream = Files.list(Paths.get("src/test/resources", folder)))
            {
                stream.filter(p -> p.toString().endsWith(".jsonl") && !p.toString().endsWith(".expected.jsonl"))
                    .sorted()
                    .forEach(files::add);
            }
        }
        return files;
    }
}

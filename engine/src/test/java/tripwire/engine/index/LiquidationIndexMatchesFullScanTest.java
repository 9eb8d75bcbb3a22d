package tripwire.engine.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.reference.RandomScenarioGenerator;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liquidation index is derived state that only saves work: the engine with it emits exactly the outputs of
 * the engine that scans every member of a ticked market, and reaches the same state hash after every input, on
 * the random hostile scenarios of the differential tests (v1 and every risk-feature mix, seeded), and after a
 * snapshot restore (which rebuilds the index).
 */
class LiquidationIndexMatchesFullScanTest
{
    private static final EngineConfig WITH_INDEX = EngineConfig.defaults().withMaxAccounts(4_096).withLiquidationIndex(true);
    private static final EngineConfig WITHOUT_INDEX = WITH_INDEX.withLiquidationIndex(false);
    private static final int LINES = 2_000;
    private static final int SEEDS = 24;

    @TempDir
    Path dir;

    @Test
    void indexedEngineMatchesFullScanOnV1RandomScenarios()
    {
        int outputs = 0;
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            outputs += assertSameRun("v1 seed " + seed, RandomScenarioGenerator.generate(seed, LINES));
        }
        assertTrue(outputs > 0);
    }

    @Test
    void indexedEngineMatchesFullScanOnRiskFeatureRandomScenarios()
    {
        int outputs = 0;
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            outputs += assertSameRun(
                "risk seed " + seed, RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES).lines());
        }
        assertTrue(outputs > 0);
    }

    @Test
    void indexRebuiltFromASnapshotMatchesAnUninterruptedRun()
    {
        for (long seed = 1; seed <= 8; seed++)
        {
            final List<String> lines = seed % 2 == 0 ?
                RandomScenarioGenerator.generate(seed, LINES) :
                RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES).lines();
            final ScenarioParser parser = new ScenarioParser();
            final List<ScenarioEvent> events = parser.parseAll(lines);
            final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
            final List<String> straight = new ArrayList<>();
            final List<String> resumed = new ArrayList<>();
            final LiquidationEngine uninterrupted = new LiquidationEngine(WITHOUT_INDEX, render(json, straight));
            LiquidationEngine restarted = new LiquidationEngine(WITH_INDEX, render(json, resumed));
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
            final int cut = events.size() / 2;
            for (int i = 0; i < events.size(); i++)
            {
                if (i == cut)
                {
                    final Path snapshot = dir.resolve("seed-" + seed + ".snapshot");
                    restarted.writeSnapshot(snapshot);
                    restarted = new LiquidationEngine(WITH_INDEX, render(json, resumed));
                    restarted.restoreSnapshot(snapshot);
                }
                final ScenarioEvent event = events.get(i);
                frame.wrap(event.frame());
                uninterrupted.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
                restarted.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
            }
            assertEquals(straight, resumed, "seed " + seed);
            assertEquals(uninterrupted.stateHash(), restarted.stateHash(), "seed " + seed);
        }
    }

    /**
     * A fill updates only its own position's trigger, trusting the account's other floors, only while no schedule
     * has been written since those floors were computed: here market A's maintenance rate rises from 5% to 16%
     * with no tick after it, and a small fill in B then leaves the account below maintenance (E 20, MM 16 + 5.05).
     * Trusting A's old floor would call it safe and skip the check; the engine must liquidate it as a scan does.
     */
    @Test
    void fillAfterAScheduleChangeIsCheckedAgainstTheNewSchedule()
    {
        final List<String> lines = List.of(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"A-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"market\",\"market\":\"B-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A-PERP\",\"price\":\"100\",\"timeNs\":1000}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"B-PERP\",\"price\":\"100\",\"timeNs\":1000}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"20\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"A-PERP\",\"size\":\"1\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B-PERP\",\"size\":\"1\",\"price\":\"100\"}",
            "{\"type\":\"market\",\"market\":\"A-PERP\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.16\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B-PERP\",\"size\":\"0.01\",\"price\":\"100\"}");
        final List<String> outputs = new ArrayList<>();
        assertSameRun("schedule raised before a fill", lines, outputs);
        assertTrue(outputs.stream().anyMatch(output -> output.contains("\"liquidationOrder\"")), outputs::toString);
    }

    /** Runs the lines through both engines side by side; @return the number of outputs. */
    private static int assertSameRun(final String name, final List<String> lines)
    {
        return assertSameRun(name, lines, new ArrayList<>());
    }

    /** As {@link #assertSameRun(String, List)}, leaving the outputs (rendered as JSON) in {@code scannedOutputs}. */
    private static int assertSameRun(final String name, final List<String> lines, final List<String> scannedOutputs)
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<ScenarioEvent> events = parser.parseAll(lines);
        final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
        final List<String> indexedOutputs = new ArrayList<>();
        final LiquidationEngine indexed = new LiquidationEngine(WITH_INDEX, render(json, indexedOutputs));
        final LiquidationEngine scanned = new LiquidationEngine(WITHOUT_INDEX, render(json, scannedOutputs));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        for (final ScenarioEvent event : events)
        {
            frame.wrap(event.frame());
            indexed.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
            scanned.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
            assertEquals(scannedOutputs.size(), indexedOutputs.size(), () -> name + ": outputs differ at seq " + event.seq() +
                "\nscan:  " + scannedOutputs.subList(Math.max(0, scannedOutputs.size() - 3), scannedOutputs.size()) +
                "\nindex: " + indexedOutputs.subList(Math.max(0, indexedOutputs.size() - 3), indexedOutputs.size()));
            assertEquals(scanned.stateHash(), indexed.stateHash(), () -> name + ": state differs after seq " + event.seq());
        }
        assertEquals(scannedOutputs, indexedOutputs, name);
        assertFalse(events.isEmpty());
        return scannedOutputs.size();
    }

    private static tripwire.engine.OutputSink render(final OutputJson json, final List<String> into)
    {
        return (outSeq, timeNs, buffer, offset, length) -> into.add(json.render(buffer, offset, length));
    }
}

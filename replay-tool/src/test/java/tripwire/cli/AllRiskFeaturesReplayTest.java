package tripwire.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.engine.EngineConfig;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.replay.ReplayVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal written with every risk feature on (tiers, dynamic margin, initial-margin warning, partial
 * liquidation, penalty, insurance fund with bad debt, ADL, oracle guard with hold, confirmation and staleness)
 * replays to exactly the same outputs and state hash. The scenario's comment lines hold the hand-checked
 * figures pinned below.
 */
class AllRiskFeaturesReplayTest
{
    private static final Path SCENARIO = Path.of("src", "test", "resources", "all-risk-features.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path journal;

    @Test
    void shouldReplayAJournalWithEveryRiskFeatureOnToTheSameOutputsAndStateHash() throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<String> outputs = ScenarioCommand.run(
            parser.parseAll(Files.readAllLines(SCENARIO)), parser, journal, EngineConfig.defaults());

        final ReplayVerifier.Result replay = JournalReplay.verify(journal, EngineConfig.defaults());

        assertTrue(replay.ok(), replay::toString);
        assertEquals(outputs.size(), replay.outputs());
        final String all = String.join("\n", outputs);
        for (final String kind : new String[]{
            "\"type\":\"marginWarning\"", "\"type\":\"liquidationOrder\"", "\"type\":\"liquidationPenalty\"",
            "\"kind\":\"DEPOSIT\"", "\"kind\":\"PENALTY\"", "\"kind\":\"BAD_DEBT\"", "\"type\":\"deleverage\"",
            "\"status\":\"HELD\"", "\"status\":\"CONFIRMED\"", "\"status\":\"STALE\"", "\"status\":\"FRESH\""})
        {
            assertTrue(all.contains(kind), () -> kind + " is missing from the outputs:\n" + all);
        }
    }

    @Test
    void shouldEmitTheHandCheckedPartialOrderAndDeleverage() throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<String> outputs = ScenarioCommand.run(
            parser.parseAll(Files.readAllLines(SCENARIO)), parser, journal, EngineConfig.defaults());

        final JsonNode firstOrder = first(outputs, "liquidationOrder");
        assertEquals(26, firstOrder.get("triggerSeq").asInt());
        assertEquals("75.06677141", firstOrder.get("size").asText());
        assertEquals("92.5925926", firstOrder.get("limitPrice").asText());
        final JsonNode deleverage = first(outputs, "deleverage");
        assertEquals(6, deleverage.get("account").asInt());
        assertEquals(2, deleverage.get("counterparty").asInt());
        assertEquals("85", deleverage.get("price").asText());
        assertEquals("10", deleverage.get("size").asText());
    }

    private static JsonNode first(final List<String> outputs, final String type) throws IOException
    {
        for (final String line : outputs)
        {
            final JsonNode node = JSON.readTree(line);
            if (type.equals(node.get("type").asText()))
            {
                return node;
            }
        }
        throw new AssertionError("no " + type + " in " + outputs);
    }
}

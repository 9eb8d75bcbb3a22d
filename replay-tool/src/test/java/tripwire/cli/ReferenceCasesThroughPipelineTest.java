package tripwire.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.EngineConfig;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.replay.ReplayVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every worked case of the team's reference set, run exactly as {@code scripts/tripwire scenario} runs it:
 * through the Disruptor ring, the engine and the Chronicle journal. Outputs must match the expected file
 * (orders by account, market, side, size, trigger; limit price within one unit of 10^-8; rejections by seq
 * and code), and the journal must replay to the same outputs and state hash.
 */
class ReferenceCasesThroughPipelineTest
{
    private static final Path CASES = Path.of("..", "engine", "src", "test", "resources", "reference-cases");
    private static final BigDecimal ONE_UNIT = new BigDecimal("0.00000001");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path journal;

    static Stream<Path> scenarios() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(CASES))
        {
            listing.filter(p -> p.toString().endsWith(".jsonl") && !p.toString().endsWith(".expected.jsonl"))
                .sorted()
                .forEach(files::add);
        }
        assertTrue(files.size() >= 3, "reference cases are missing from " + CASES.toAbsolutePath());
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldProduceExactlyTheExpectedOutputsAndReplayThem(final Path scenario) throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<String> actual = ScenarioCommand.run(
            parser.parseAll(Files.readAllLines(scenario)), parser, journal, EngineConfig.defaults());
        final Path expectedFile = Path.of(scenario.toString().replace(".jsonl", ".expected.jsonl"));
        final List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();

        assertEquals(expected.size(), actual.size(), () -> "outputs of " + scenario + ": " + actual);
        for (int i = 0; i < expected.size(); i++)
        {
            assertSameOutput(JSON.readTree(expected.get(i)), JSON.readTree(actual.get(i)), scenario + " output " + (i + 1));
        }

        final ReplayVerifier.Result replay = JournalReplay.verify(journal, EngineConfig.defaults());
        assertTrue(replay.ok(), replay::toString);
        assertEquals(actual.size(), replay.outputs());
    }

    private static void assertSameOutput(final JsonNode expected, final JsonNode actual, final String where)
    {
        final String type = expected.get("type").asText();
        assertEquals(type, actual.get("type").asText(), where);
        if (type.equals("liquidationOrder"))
        {
            for (final String field : List.of("account", "market", "side", "triggerSeq"))
            {
                assertEquals(expected.get(field).asText(), actual.get(field).asText(), where + " " + field);
            }
            assertEquals(0, new BigDecimal(expected.get("size").asText()).compareTo(new BigDecimal(actual.get("size").asText())),
                where + " size");
            final BigDecimal limitDifference = new BigDecimal(expected.get("limitPrice").asText())
                .subtract(new BigDecimal(actual.get("limitPrice").asText())).abs();
            assertTrue(limitDifference.compareTo(ONE_UNIT) <= 0,
                where + " limitPrice " + actual.get("limitPrice") + " vs " + expected.get("limitPrice"));
        }
        else
        {
            assertEquals(expected.get("seq").asLong(), actual.get("seq").asLong(), where + " seq");
            assertEquals(expected.get("reason").asText(), actual.get("reason").asText(), where + " reason");
        }
    }
}

package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tripwire.engine.EngineHarness;
import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The margin schedule as state: a rejected definition of its fields changes nothing (book hash), the dynamic
 * state is deterministic and covered by the hashes, and schedules that cannot change a requirement give v1's
 * outputs exactly.
 */
class MarginStateTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A market with tiers, dynamic margin (sigma moved by a tick) and the warning; one account with a position. */
    private static final String[] SETUP = {
        "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
        "{\"type\":\"market\",\"market\":\"HYPE-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"," +
            "\"marginTiers\":[{\"notional\":\"20000\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.2\"}]," +
            "\"baseVolatility\":\"0.01\",\"volatilityWeight\":\"0.5\",\"maxMarginMultiplier\":\"3\",\"initialMarginWarning\":true}",
        "{\"type\":\"tick\",\"source\":\"hl\",\"market\":\"HYPE-PERP\",\"price\":\"50000\"}",
        "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"100000\"}",
        "{\"type\":\"fill\",\"account\":1,\"market\":\"HYPE-PERP\",\"size\":\"1\",\"price\":\"50000\"}",
        "{\"type\":\"tick\",\"source\":\"hl\",\"market\":\"HYPE-PERP\",\"price\":\"51000\"}",
    };

    static List<Arguments> rejectedRedefinitions()
    {
        final String head = "{\"type\":\"market\",\"market\":\"HYPE-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",";
        final String tier = "{\"notional\":\"20000\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.2\"}";
        return List.of(
            Arguments.of("rule 7", head + "\"marginTiers\":[" + String.join(",", java.util.Collections.nCopies(8, tier)) + "]}"),
            Arguments.of("rule 8", head + "\"marginTiers\":[{\"notional\":\"0\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.2\"}]}"),
            Arguments.of("rule 9", head + "\"marginTiers\":[{\"notional\":\"1\",\"maintenanceMarginRate\":\"0.04\",\"initialMarginRate\":\"0.2\"}]}"),
            Arguments.of("rule 10", head + "\"marginTiers\":[{\"notional\":\"1\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.09\"}]}"),
            Arguments.of("rule 11", head + "\"baseVolatility\":\"-1\"}"),
            Arguments.of("rule 12", head + "\"baseVolatility\":\"0.01\",\"volatilityWeight\":\"0\"}"),
            Arguments.of("rule 12", head + "\"maxMarginMultiplier\":\"0.5\"}"),
            Arguments.of("PRECISION", head + "\"baseVolatility\":\"0.000000001\"}"),
            Arguments.of("MALFORMED", head + "\"initialMarginWarning\":1}"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejectedRedefinitions")
    void rejectedMarginFieldsLeaveTheBookUnchanged(final String why, final String badLine) throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        assertEquals(List.of(), harness.apply(SETUP), "setup must be accepted");
        final long bookBefore = harness.engine().bookHash();

        final List<String> outputs = harness.applyLine(badLine);

        assertEquals(1, outputs.size(), outputs::toString);
        assertEquals("rejection", JSON.readTree(outputs.get(0)).get("type").asText(), outputs::toString);
        assertEquals(bookBefore, harness.engine().bookHash(), "a rejected definition changes no state");
    }

    @Test
    void acceptedRedefinitionOfTheScheduleChangesTheBook()
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        final long bookBefore = harness.engine().bookHash();

        assertEquals(List.of(), harness.applyLine(SETUP[1].replace("\"maxMarginMultiplier\":\"3\"", "\"maxMarginMultiplier\":\"2\"")));

        assertNotEquals(bookBefore, harness.engine().bookHash());
    }

    @ParameterizedTest
    @ValueSource(strings = {"margin-04-dynamic-worked-example.jsonl", "margin-06-tiers-dynamic-warning.jsonl",
        "margin-08-redefinition-keeps-sigma.jsonl"})
    void replayingTheSameScenarioGivesTheSameStateHash(final String caseFile) throws Exception
    {
        final List<String> lines = Files.readAllLines(RiskCasesTest.directory().resolve(caseFile));

        final EngineHarness first = new EngineHarness();
        first.apply(lines.toArray(new String[0]));
        final EngineHarness second = new EngineHarness();
        second.apply(lines.toArray(new String[0]));

        assertFalse(first.outputs().isEmpty());
        assertEquals(first.outputs(), second.outputs());
        assertEquals(first.engine().stateHash(), second.engine().stateHash());
    }

    @Test
    void sigmaIsPartOfTheBookHash()
    {
        // Same final mark, positions and balances; only the path of the mark (and so sigma) differs.
        final EngineHarness calm = new EngineHarness();
        calm.apply(SETUP);
        calm.apply("{\"type\":\"tick\",\"source\":\"hl\",\"market\":\"HYPE-PERP\",\"price\":\"51000.5\"}",
            "{\"type\":\"tick\",\"source\":\"hl\",\"market\":\"HYPE-PERP\",\"price\":\"51000\"}");
        final EngineHarness wild = new EngineHarness();
        wild.apply(SETUP);
        wild.apply("{\"type\":\"tick\",\"source\":\"hl\",\"market\":\"HYPE-PERP\",\"price\":\"60000\"}",
            "{\"type\":\"tick\",\"source\":\"hl\",\"market\":\"HYPE-PERP\",\"price\":\"51000\"}");

        assertEquals(calm.outputs(), wild.outputs());
        assertNotEquals(calm.engine().bookHash(), wild.engine().bookHash());
    }

    static List<Arguments> neutralSchedules()
    {
        return List.of(
            Arguments.of("defaults written out", (Consumer<ObjectNode>)market -> market
                .put("baseVolatility", "0").put("volatilityWeight", "0.1").put("maxMarginMultiplier", "3")
                .put("initialMarginWarning", false).putArray("marginTiers")),
            Arguments.of("a tier with tier 0's rates", (Consumer<ObjectNode>)market -> market.putArray("marginTiers")
                .addObject().put("notional", "1")
                .put("maintenanceMarginRate", market.get("maintenanceMarginRate").asText())
                .put("initialMarginRate", market.get("initialMarginRate").asText())),
            Arguments.of("dynamic margin that cannot exceed x1", (Consumer<ObjectNode>)market -> market
                .put("baseVolatility", "1").put("volatilityWeight", "0.5").put("maxMarginMultiplier", "3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("neutralSchedules")
    void schedulesThatChangeNoRequirementGiveV1Outputs(final String name, final Consumer<ObjectNode> schedule)
        throws Exception
    {
        for (final Path referenceCase : referenceCases())
        {
            final List<String> v1 = Files.readAllLines(referenceCase, StandardCharsets.UTF_8);
            final List<String> withSchedule = v1.stream().map(line -> withSchedule(line, schedule)).collect(Collectors.toList());

            final List<String> expected = ScenarioRun.runLines(v1);

            assertFalse(expected.isEmpty(), referenceCase.toString());
            assertEquals(expected, ScenarioRun.runLines(withSchedule), referenceCase.getFileName() + " with " + name);
        }
    }

    private static String withSchedule(final String line, final Consumer<ObjectNode> schedule)
    {
        if (line.isBlank() || line.strip().startsWith("#"))
        {
            return line;
        }
        try
        {
            final JsonNode node = JSON.readTree(line);
            if (!node.isObject() || !"market".equals(node.path("type").asText()))
            {
                return line;
            }
            schedule.accept((ObjectNode)node);
            return JSON.writeValueAsString(node);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static List<Path> referenceCases() throws IOException, URISyntaxException
    {
        final Path directory = Paths.get(MarginStateTest.class.getResource("/reference-cases").toURI());
        try (var files = Files.list(directory))
        {
            return files
                .filter(path -> path.toString().endsWith(".jsonl") && !path.toString().endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
    }
}

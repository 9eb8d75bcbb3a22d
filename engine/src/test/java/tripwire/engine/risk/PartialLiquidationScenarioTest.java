package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every {@code risk-cases/partial-*.jsonl} scenario (docs/risk-model.md section 4, partial liquidation)
 * through the engine and compares its outputs, line by line, with the hand-computed
 * {@code partial-*.expected.jsonl} beside it (the arithmetic is in the scenario's comment lines).
 */
class PartialLiquidationScenarioTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> partialCases() throws IOException, URISyntaxException
    {
        final List<String> cases;
        try (Stream<Path> files = Files.list(caseDirectory()))
        {
            cases = files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.startsWith("partial-") && name.endsWith(".jsonl") && !name.endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no partial-liquidation cases found");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partialCases")
    void engineEmitsTheHandComputedOutputsOfEveryPartialLiquidationCase(final String caseFile) throws Exception
    {
        final Path directory = caseDirectory();
        final List<String> input = Files.readAllLines(directory.resolve(caseFile), StandardCharsets.UTF_8);
        final Path expectedFile = directory.resolve(caseFile.replace(".jsonl", ".expected.jsonl"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());

        final List<JsonNode> expected = parse(Files.readAllLines(expectedFile, StandardCharsets.UTF_8));
        final List<JsonNode> actual = parse(ScenarioRun.runLines(input));

        assertEquals(expected, actual, () -> "\nexpected: " + expected + "\nactual:   " + actual);
    }

    private static List<JsonNode> parse(final List<String> lines) throws IOException
    {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : lines)
        {
            if (!line.isBlank())
            {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static Path caseDirectory() throws URISyntaxException
    {
        return Path.of(PartialLiquidationScenarioTest.class.getResource("/risk-cases").toURI());
    }
}

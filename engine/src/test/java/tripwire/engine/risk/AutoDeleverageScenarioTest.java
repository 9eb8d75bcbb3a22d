package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Auto-deleveraging and cost basis (docs/risk-model.md section 7) on the scenario files
 * {@code risk-cases/adl-NN-*.jsonl}: the engine must print exactly the lines of the {@code .expected.jsonl}
 * beside each, whose figures are worked by hand in the scenario's {@code #} comments.
 */
class AutoDeleverageScenarioTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> adlCases() throws IOException, URISyntaxException
    {
        final List<String> cases;
        try (Stream<Path> files = Files.list(caseDirectory()))
        {
            cases = files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.startsWith("adl-") && name.endsWith(".jsonl") && !name.endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no adl cases found");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adlCases")
    void engineEmitsExactlyTheExpectedLines(final String caseFile) throws Exception
    {
        final Path directory = caseDirectory();
        final List<String> input = Files.readAllLines(directory.resolve(caseFile), StandardCharsets.UTF_8);
        final Path expectedFile = directory.resolve(caseFile.replace(".jsonl", ".expected.jsonl"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());
        final List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank())
            .collect(Collectors.toList());

        final List<String> actual = ScenarioRun.runLines(input);

        final String both = "\nexpected:\n" + String.join("\n", expected) + "\nengine:\n" + String.join("\n", actual);
        assertEquals(expected.size(), actual.size(), caseFile + ": number of outputs" + both);
        for (int i = 0; i < expected.size(); i++)
        {
            final JsonNode expectedLine = JSON.readTree(expected.get(i));
            final JsonNode actualLine = JSON.readTree(actual.get(i));
            assertEquals(expectedLine, actualLine, caseFile + " output " + i + both);
        }
    }

    private static Path caseDirectory() throws URISyntaxException
    {
        return Path.of(AutoDeleverageScenarioTest.class.getResource("/risk-cases").toURI());
    }
}

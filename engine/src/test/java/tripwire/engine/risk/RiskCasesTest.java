package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hand-computed risk case of {@code risk-cases/} (docs/risk-model.md sections 1 to 8; the arithmetic is
 * written as {@code #} comments in each file) prints exactly its {@code .expected.jsonl}: the same number of
 * lines, each equal field by field, in order. replay-tool's RiskCasesThroughPipelineTest runs the same files
 * through ring and journal and replays them.
 */
class RiskCasesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FEATURES = {"margin-", "partial-", "penalty-", "adl-", "oracle-"};

    static Stream<String> cases() throws IOException, URISyntaxException
    {
        try (Stream<Path> listing = Files.list(directory()))
        {
            final List<String> files = listing
                .map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".jsonl") && !name.endsWith(".expected.jsonl"))
                .sorted()
                .toList();
            for (final String feature : FEATURES)
            {
                assertTrue(files.stream().anyMatch(name -> name.startsWith(feature)), "no " + feature + "* cases");
            }
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldPrintExactlyTheHandComputedOutputs(final String caseFile) throws Exception
    {
        final Path scenario = directory().resolve(caseFile);
        final Path expectedFile = directory().resolve(caseFile.replace(".jsonl", ".expected.jsonl"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());
        final List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();

        final List<String> actual = ScenarioRun.runLines(Files.readAllLines(scenario));

        final String both = "\nexpected:\n" + String.join("\n", expected) + "\nengine:\n" + String.join("\n", actual);
        assertEquals(expected.size(), actual.size(), caseFile + ": number of outputs" + both);
        for (int i = 0; i < expected.size(); i++)
        {
            final JsonNode expectedLine = JSON.readTree(expected.get(i));
            final JsonNode actualLine = JSON.readTree(actual.get(i));
            assertEquals(expectedLine, actualLine, caseFile + " output " + (i + 1) + both);
        }
    }

    /** The folder of the risk cases on the test class path. */
    static Path directory() throws URISyntaxException
    {
        return Path.of(RiskCasesTest.class.getResource("/risk-cases").toURI());
    }
}

package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every {@code risk-cases/margin-*.jsonl} scenario (margin tiers, dynamic margin, initial-margin warning:
 * docs/risk-model.md sections 1 to 3) through a fresh engine and compares every output line with the
 * hand-computed {@code .expected.jsonl} beside it, exactly and in order. The arithmetic of each expected figure
 * is written as comment lines in the scenario file.
 */
class MarginScenarioTest
{
    static Stream<String> marginCases() throws IOException, URISyntaxException
    {
        final List<String> cases;
        try (Stream<Path> files = Files.list(caseDirectory()))
        {
            cases = files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.startsWith("margin-") && name.endsWith(".jsonl") && !name.endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no margin cases found");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("marginCases")
    void engineEmitsExactlyTheHandComputedOutputs(final String caseFile) throws Exception
    {
        final Path directory = caseDirectory();
        final Path expectedFile = directory.resolve(caseFile.replace(".jsonl", ".expected.jsonl"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());
        final List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank())
            .collect(Collectors.toList());

        final List<String> actual = ScenarioRun.runLines(
            Files.readAllLines(directory.resolve(caseFile), StandardCharsets.UTF_8));

        assertEquals(String.join("\n", expected), String.join("\n", actual), caseFile);
    }

    static Path caseDirectory() throws URISyntaxException
    {
        return Paths.get(MarginScenarioTest.class.getResource("/risk-cases").toURI());
    }
}

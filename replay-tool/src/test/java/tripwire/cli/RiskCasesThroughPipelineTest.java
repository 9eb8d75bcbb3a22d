package tripwire.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
 * Every risk-feature case (margin tiers, dynamic margin, warnings, partial liquidation, penalty and insurance
 * fund, ADL, oracle guard: engine/src/test/resources/risk-cases) runs as {@code scripts/tripwire scenario} runs it
 * (ring, engine, Chronicle journal): the same outputs as its expected file, and a journal that replays to the
 * same outputs and state hash (which covers every risk table, the fund and the cost bases).
 */
class RiskCasesThroughPipelineTest
{
    private static final Path CASES = Path.of("..", "engine", "src", "test", "resources", "risk-cases");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path journal;

    static Stream<Path> cases() throws IOException
    {
        try (Stream<Path> listing = Files.list(CASES))
        {
            final List<Path> files = listing
                .filter(p -> !p.getFileName().toString().endsWith(".expected.jsonl"))
                .sorted()
                .toList();
            for (final String feature : new String[]{"margin-", "partial-", "penalty-", "adl-", "oracle-"})
            {
                assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().startsWith(feature)),
                    feature + "* cases are missing from " + CASES.toAbsolutePath());
            }
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldPrintTheExpectedOutputsAndReplayThem(final Path scenario) throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<String> actual = ScenarioCommand.run(
            parser.parseAll(Files.readAllLines(scenario)), parser, journal, EngineConfig.defaults());
        final List<String> expected = Files.readAllLines(Path.of(scenario.toString().replace(".jsonl", ".expected.jsonl")))
            .stream().filter(l -> !l.isBlank()).toList();

        assertEquals(expected.size(), actual.size(), () -> "outputs of " + scenario.getFileName() + ": " + actual);
        for (int i = 0; i < expected.size(); i++)
        {
            assertEquals(JSON.readTree(expected.get(i)), JSON.readTree(actual.get(i)), scenario.getFileName() + " output " + (i + 1));
        }
        final ReplayVerifier.Result replay = JournalReplay.verify(journal, EngineConfig.defaults());
        assertTrue(replay.ok(), replay::toString);
        assertEquals(actual.size(), replay.outputs());
    }
}

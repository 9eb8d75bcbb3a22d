package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.EngineHarness;
import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-computed penalty and insurance fund cases of {@code risk-cases/penalty-*.jsonl} (docs/risk-model.md
 * sections 5 and 6; the arithmetic is written as comments in each file): every output line, in order, equal
 * field by field to the {@code .expected.jsonl} beside it.
 */
class PenaltyRiskCasesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> cases() throws IOException, URISyntaxException
    {
        final Path directory = Path.of(PenaltyRiskCasesTest.class.getResource("/risk-cases").toURI());
        try (Stream<Path> listing = Files.list(directory))
        {
            final List<Path> files = listing
                .filter(p -> p.getFileName().toString().startsWith("penalty-"))
                .filter(p -> !p.getFileName().toString().endsWith(".expected.jsonl"))
                .sorted()
                .toList();
            assertTrue(files.size() >= 8, "penalty cases are missing from " + directory);
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldPrintExactlyTheHandComputedOutputs(final Path scenario) throws IOException
    {
        final List<String> actual = ScenarioRun.runLines(Files.readAllLines(scenario));
        final Path expectedFile = Path.of(scenario.toString().replace(".jsonl", ".expected.jsonl"));
        final List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();

        assertEquals(expected.size(), actual.size(), () -> "outputs of " + scenario.getFileName() + ": " + actual);
        for (int i = 0; i < expected.size(); i++)
        {
            final JsonNode expectedLine = JSON.readTree(expected.get(i));
            final JsonNode actualLine = JSON.readTree(actual.get(i));
            assertEquals(expectedLine, actualLine, scenario.getFileName() + " output " + (i + 1));
        }
    }

    @Test
    void shouldKeepTheFundBalanceAndTheLiquidatorsTotalOfTheSellCase() throws IOException, URISyntaxException
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(lines("penalty-01-sell-penalty-split.jsonl"));

        assertEquals(68_55_000_000L, harness.engine().insuranceFundBalanceE8());
        assertEquals(22_85_000_000L, harness.engine().liquidatorRewardsE8());
        assertEquals(48_60_000_000L, harness.engine().quoteCashE8(7));
    }

    @Test
    void shouldLeaveTheUncoveredDebtOnTheAccount() throws IOException, URISyntaxException
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(lines("penalty-05-penalty-capped-fund-from-penalties.jsonl"));

        assertEquals(0, harness.engine().quoteCashE8(7));
        assertEquals(-460_00_000_000L, harness.engine().quoteCashE8(9));
        assertEquals(-200_00_000_000L, harness.engine().quoteCashE8(11));
        assertEquals(0, harness.engine().insuranceFundBalanceE8());
        assertEquals(10_00_000_000L, harness.engine().liquidatorRewardsE8());
    }

    static String[] lines(final String file) throws IOException, URISyntaxException
    {
        final Path path = Path.of(PenaltyRiskCasesTest.class.getResource("/risk-cases/" + file).toURI());
        return Files.readAllLines(path).toArray(String[]::new);
    }
}

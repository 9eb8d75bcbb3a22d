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
 * The state behind the hand-computed penalty and insurance fund cases of {@code risk-cases/penalty-*.jsonl}
 * (docs/risk-model.md sections 5 and 6): the fund's balance, the liquidators' total and the accounts' cash after
 * them ({@link RiskCasesTest} checks their printed outputs).
 */
class PenaltyRiskCasesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

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

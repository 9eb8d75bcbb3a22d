package tripwire.engine.risk;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.EngineHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A definition rejected for its penalty or insurance fund fields changes nothing: the book hash (which covers
 * the penalty table and the fund) is the same before and after, and so are the fund's figures. Accepted
 * changes of those fields do move the hash.
 */
class PenaltyDefinitionRejectionTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKET =
        "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"";

    /** A fund of 100, a penalty market, account 7 with an outstanding order 1 (SELL 100, limit 90.90909091). */
    private static final String[] SETUP = {
        "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"100\"}",
        "{\"type\":\"asset\",\"asset\":\"WETH\",\"haircut\":\"0.1\"}",
        MARKET + ",\"liquidationPenaltyRate\":\"0.01\",\"liquidatorRewardShare\":\"0.25\"}",
        "{\"type\":\"deposit\",\"account\":7,\"asset\":\"USDC\",\"amount\":\"1000\"}",
        "{\"type\":\"tick\",\"source\":\"feed\",\"market\":\"BTC-PERP\",\"price\":\"100\"}",
        "{\"type\":\"fill\",\"account\":7,\"market\":\"BTC-PERP\",\"size\":\"100\",\"price\":\"100\"}",
        "{\"type\":\"tick\",\"source\":\"feed\",\"market\":\"BTC-PERP\",\"price\":\"94.7\"}",
    };

    static List<Arguments> rejectedDefinitions()
    {
        return List.of(
            Arguments.of("INVALID_REFERENCE_DATA", "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"-0.00000001\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "{\"type\":\"asset\",\"asset\":\"WETH\",\"haircut\":\"0.2\",\"insuranceFund\":\"1\"}"),
            Arguments.of("PRECISION", "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"1.000000001\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"2882303761.51711744\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"3000000000\"}"),
            Arguments.of("MALFORMED", "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":true}"),
            Arguments.of("INVALID_REFERENCE_DATA", MARKET + ",\"liquidationPenaltyRate\":\"1\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", MARKET + ",\"liquidationPenaltyRate\":\"-0.01\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", MARKET + ",\"liquidationPenaltyRate\":\"0.02\",\"liquidatorRewardShare\":\"1.1\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", MARKET + ",\"liquidatorRewardShare\":\"-1\"}"),
            Arguments.of("PRECISION", MARKET + ",\"liquidatorRewardShare\":\"0.000000005\"}"),
            Arguments.of("OVERFLOW", MARKET + ",\"liquidationPenaltyRate\":\"99999999999999999999\"}"),
            Arguments.of("MALFORMED", MARKET + ",\"liquidationPenaltyRate\":\"1e-2\"}"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejectedDefinitions")
    void shouldLeaveTheBookUnchangedWhenADefinitionIsRejected(final String reason, final String line) throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        final long bookHash = harness.engine().bookHash();
        final long fundE8 = harness.engine().insuranceFundBalanceE8();

        final List<String> outputs = harness.applyLine(line);

        assertEquals(1, outputs.size(), outputs::toString);
        final JsonNode rejection = JSON.readTree(outputs.get(0));
        assertEquals("rejection", rejection.get("type").asText());
        assertEquals(reason, rejection.get("reason").asText());
        assertEquals(bookHash, harness.engine().bookHash());
        assertEquals(fundE8, harness.engine().insuranceFundBalanceE8());

        // The penalty still applies as defined before: 40 at 92 is charged ceil(3680 x 0.01) = 36.8.
        final List<String> fill = harness.applyLine("{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"40\",\"price\":\"92\"}");
        assertEquals("36.8", JSON.readTree(fill.get(0)).get("penalty").asText());
    }

    @Test
    void shouldLeaveTheBookUnchangedWhenAPenaltyWouldBreakTheFundsRange() throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        harness.apply("{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"2882303661\"}");
        final long bookHash = harness.engine().bookHash();

        // nominal ceil(9200 x 0.01) = 92 > 2^58 E8 - 2882303761 = 0.51711744
        final List<String> outputs = harness.applyLine("{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"100\",\"price\":\"92\"}");

        assertEquals(1, outputs.size(), outputs::toString);
        assertEquals("OVERFLOW", JSON.readTree(outputs.get(0)).get("reason").asText());
        assertEquals(bookHash, harness.engine().bookHash());
    }

    @Test
    void shouldMoveTheBookHashWhenPenaltyParametersOrTheFundChange()
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        final long before = harness.engine().bookHash();

        harness.apply(MARKET + ",\"liquidationPenaltyRate\":\"0.01\",\"liquidatorRewardShare\":\"0.5\"}");
        final long afterRewardShare = harness.engine().bookHash();
        harness.apply("{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"0.00000001\"}");
        final long afterDeposit = harness.engine().bookHash();

        assertNotEquals(before, afterRewardShare);
        assertNotEquals(afterRewardShare, afterDeposit);
    }
}

package tripwire.engine.risk;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.BooleanType;
import tripwire.codecs.MarketDefinitionEncoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.engine.EngineHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A market definition whose partial-liquidation fields are rejected changes nothing (the book hash covers the
 * partial-liquidation table and the cooldown records), and the market keeps its earlier parameters.
 */
class PartialLiquidationReferenceDataTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKET_PREFIX =
        "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"";

    /** partial-01's book: BTC-PERP partial with buffer 0.02; account 1 long 100 @ 100 with 1000 deposited. */
    private static final String[] SETUP = {
        "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
        MARKET_PREFIX + ",\"partialLiquidation\":true,\"liquidationBuffer\":\"0.02\",\"liquidationCooldownNs\":1000}",
        "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\",\"timeNs\":1000}",
        "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"100\",\"timeNs\":2000}",
        "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"100\",\"price\":\"100\",\"timeNs\":3000}",
    };
    private static final String CRASH = "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"95\",\"timeNs\":4000}";

    static List<Arguments> badRedefinitions()
    {
        return List.of(
            Arguments.of("INVALID_REFERENCE_DATA", "rule 16", MARKET_PREFIX + ",\"liquidationBuffer\":\"-0.01\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "rule 16", MARKET_PREFIX + ",\"liquidationBuffer\":\"1.5\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "rule 17", MARKET_PREFIX + ",\"minLiquidationNotional\":\"-1\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "rule 18", MARKET_PREFIX + ",\"backstopFraction\":\"2\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "rule 18", MARKET_PREFIX + ",\"backstopFraction\":\"-0.00000001\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "rule 19", MARKET_PREFIX + ",\"liquidationCooldownNs\":-1}"),
            Arguments.of("PRECISION", "fractional digits", MARKET_PREFIX + ",\"backstopFraction\":\"0.123456789\"}"),
            Arguments.of("OVERFLOW", "range", MARKET_PREFIX + ",\"liquidationBuffer\":\"99999999999999999999\"}"),
            Arguments.of("MALFORMED", "BAD_FIELD", MARKET_PREFIX + ",\"partialLiquidation\":1}"),
            Arguments.of("MALFORMED", "BAD_FIELD", MARKET_PREFIX + ",\"minLiquidationNotional\":100}"),
            Arguments.of("MALFORMED", "BAD_FIELD", MARKET_PREFIX + ",\"liquidationCooldownNs\":\"0\"}"),
            Arguments.of("MALFORMED", "BAD_FIELD", MARKET_PREFIX + ",\"liquidationCooldownNs\":99999999999999999999}"));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("badRedefinitions")
    void shouldRejectABadRedefinitionAndKeepTheBookAndTheMarketsParameters(
        final String reason, final String messagePart, final String badLine) throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        assertEquals(List.of(), harness.apply(SETUP), "setup must be accepted");
        final long bookBefore = harness.engine().bookHash();

        final List<String> outputs = harness.applyLine(badLine);

        assertEquals(1, outputs.size(), outputs::toString);
        final JsonNode rejection = JSON.readTree(outputs.get(0));
        assertEquals(reason, rejection.get("reason").asText(), outputs::toString);
        assertTrue(rejection.get("message").asText().contains(messagePart), outputs::toString);
        assertEquals(bookBefore, harness.engine().bookHash(), "a rejected definition changes no state");

        // Still partial with buffer 0.02: the crash gives partial-01's first step.
        final JsonNode order = JSON.readTree(harness.applyLine(CRASH).get(0));
        assertEquals("48.4004128", order.get("size").asText());
    }

    @Test
    void shouldRejectAFrameWhosePartialLiquidationFlagIsNeitherFalseNorTrue() throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        final long bookBefore = harness.engine().bookHash();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        final MarketDefinitionEncoder encoder = new MarketDefinitionEncoder()
            .wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .marketId(0)
            .partialLiquidation(BooleanType.TRUE);
        encoder.initialMarginRate().mantissa(2).exponent((byte)-1);
        encoder.maintenanceMarginRate().mantissa(1).exponent((byte)-1);
        encoder.oracleSourcesCount(0);
        frame.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MarketDefinitionEncoder.partialLiquidationEncodingOffset(), (byte)2);
        final int before = harness.outputs().size();

        harness.engine().onInput(99, 5000, frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());

        final List<String> outputs = harness.outputs().subList(before, harness.outputs().size());
        assertEquals(1, outputs.size(), outputs::toString);
        assertEquals("MALFORMED", JSON.readTree(outputs.get(0)).get("reason").asText(), outputs::toString);
        assertTrue(outputs.get(0).contains("BAD_FRAME"), outputs::toString);
        assertEquals(bookBefore, harness.engine().bookHash());
    }

    @Test
    void shouldChangeTheBookHashWhenOnlyAPartialLiquidationParameterChanges()
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        final long bookBefore = harness.engine().bookHash();
        assertEquals(List.of(), harness.applyLine(
            MARKET_PREFIX + ",\"partialLiquidation\":true,\"liquidationBuffer\":\"0.02\",\"liquidationCooldownNs\":1001}"));
        assertNotEquals(bookBefore, harness.engine().bookHash());
    }

    @Test
    void shouldCoverTheCooldownRecordInTheBookHash()
    {
        // Only the event time of the fill that makes the account liquidatable differs: it is the time of the
        // partial order, which the cooldown record keeps (a fill stores no time elsewhere).
        final EngineHarness early = new EngineHarness();
        final EngineHarness late = new EngineHarness();
        for (final EngineHarness harness : List.of(early, late))
        {
            harness.apply(
                "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
                "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"," +
                    "\"partialLiquidation\":true}",
                "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"100\",\"timeNs\":1000}",
                "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"90\"}");
        }
        final String fill = "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"10\",\"price\":\"100\",\"timeNs\":";
        final List<String> earlyOrders = early.applyLine(fill + "2000}");
        final List<String> lateOrders = late.applyLine(fill + "2001}");

        assertEquals(earlyOrders, lateOrders, "same order either way");
        assertEquals(1, earlyOrders.size(), earlyOrders::toString);
        assertNotEquals(early.engine().bookHash(), late.engine().bookHash());
    }
}

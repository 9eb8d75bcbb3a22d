package tripwire.engine;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rejection code of docs/engine-model.md, each from an input that should earn it, and the promise
 * that goes with it: the rejected input changes nothing (the book hash is the same before and after) and
 * the engine goes on working.
 */
class RejectionTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A small book: USDC quote, WETH collateral (no price yet), BTC-PERP with two sources and ETH-PERP with any
     * source; account 1 long 0.2 BTC and long 10 ETH. ETH-PERP has no mark price yet, so the account is not
     * checked (and would be liquidatable once it has one).
     */
    private static final String[] SETUP = {
        "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
        "{\"type\":\"asset\",\"asset\":\"WETH\",\"haircut\":\"0.1\"}",
        "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"a\",\"b\"]}",
        "{\"type\":\"market\",\"market\":\"ETH-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
        "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\"}",
        "{\"type\":\"deposit\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"1\"}",
        "{\"type\":\"tick\",\"source\":\"a\",\"market\":\"BTC-PERP\",\"price\":\"30000\"}",
        "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"0.2\",\"price\":\"30000\"}",
        "{\"type\":\"fill\",\"account\":1,\"market\":\"ETH-PERP\",\"size\":\"10\",\"price\":\"2000\"}",
    };

    static List<Arguments> badInputs()
    {
        return List.of(
            Arguments.of("MALFORMED", "{\"type\":\"teleport\",\"account\":1}"),
            Arguments.of("MALFORMED", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":100}"),
            Arguments.of("MALFORMED", "{\"type\":\"deposit\",\"account\":0,\"asset\":\"USDC\",\"amount\":\"1\"}"),
            Arguments.of("MALFORMED", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"US DC\",\"amount\":\"1\"}"),
            Arguments.of("MALFORMED", "{\"type\":\"tick\",\"source\":\"a\",\"price\":\"1\"}"),
            Arguments.of("MALFORMED", "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"1e3\",\"price\":\"1\"}"),
            Arguments.of("UNKNOWN_ACCOUNT", "{\"type\":\"withdraw\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"1\"}"),
            Arguments.of("UNKNOWN_ASSET", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDT\",\"amount\":\"1\"}"),
            Arguments.of("UNKNOWN_ASSET", "{\"type\":\"tick\",\"source\":\"a\",\"asset\":\"DOGE\",\"price\":\"1\"}"),
            Arguments.of("UNKNOWN_MARKET", "{\"type\":\"fill\",\"account\":1,\"market\":\"SOL-PERP\",\"size\":\"1\",\"price\":\"1\"}"),
            Arguments.of("UNKNOWN_MARKET", "{\"type\":\"tick\",\"source\":\"a\",\"market\":\"SOL-PERP\",\"price\":\"1\"}"),
            Arguments.of("UNAUTHORISED_SOURCE", "{\"type\":\"tick\",\"source\":\"c\",\"market\":\"BTC-PERP\",\"price\":\"1\"}"),
            Arguments.of("NON_POSITIVE_PRICE", "{\"type\":\"tick\",\"source\":\"b\",\"market\":\"BTC-PERP\",\"price\":\"0\"}"),
            Arguments.of("NON_POSITIVE_PRICE", "{\"type\":\"tick\",\"source\":\"x\",\"asset\":\"WETH\",\"price\":\"-5\"}"),
            Arguments.of("NON_POSITIVE_PRICE", "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"1\",\"price\":\"-1\"}"),
            Arguments.of("INVALID_AMOUNT", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"-1\"}"),
            Arguments.of("INVALID_AMOUNT", "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"0\"}"),
            Arguments.of("INVALID_AMOUNT", "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"0\",\"price\":\"1\"}"),
            Arguments.of("PRECISION", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"0.000000001\"}"),
            Arguments.of("PRECISION", "{\"type\":\"tick\",\"source\":\"a\",\"market\":\"BTC-PERP\",\"price\":\"30000.123456789\"}"),
            Arguments.of("INSUFFICIENT_BALANCE", "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"1.5\"}"),
            Arguments.of("INSUFFICIENT_MARGIN", "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"900\"}"),
            Arguments.of("UNKNOWN_ORDER", "{\"type\":\"liquidationFill\",\"order\":7,\"size\":\"1\",\"price\":\"1\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"99999999999999999999999\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"deposit\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"2882303761\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"2000000\",\"price\":\"30000\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"tick\",\"source\":\"a\",\"market\":\"BTC-PERP\",\"price\":\"2882303762\"}"),
            Arguments.of("OVERFLOW", "{\"type\":\"tick\",\"source\":\"z\",\"market\":\"ETH-PERP\",\"price\":\"1000000000\"}"),
            Arguments.of("INVALID_REFERENCE_DATA", "{\"type\":\"asset\",\"asset\":\"USDT\",\"quote\":true}"),
            Arguments.of("INVALID_REFERENCE_DATA", "{\"type\":\"asset\",\"asset\":\"WBTC\",\"haircut\":\"1\"}"),
            Arguments.of("INVALID_REFERENCE_DATA",
                "{\"type\":\"market\",\"market\":\"X\",\"initialMarginRate\":\"0.01\",\"maintenanceMarginRate\":\"0.02\"}"),
            Arguments.of("INVALID_REFERENCE_DATA",
                "{\"type\":\"market\",\"market\":\"Y\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0\"}"),
            Arguments.of("CAPACITY",
                "{\"type\":\"market\",\"market\":\"Z\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"," +
                "\"oracleSources\":[\"s1\",\"s2\",\"s3\",\"s4\",\"s5\",\"s6\",\"s7\",\"s8\",\"s9\"]}"),
            Arguments.of("QUOTE_ASSET_TICK", "{\"type\":\"tick\",\"source\":\"a\",\"asset\":\"USDC\",\"price\":\"1\"}"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badInputs")
    void shouldRejectWithItsCodeAndChangeNothing(final String expectedReason, final String badLine) throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        assertEquals(List.of(), harness.apply(SETUP), "setup must be accepted");
        final long bookBefore = harness.engine().bookHash();

        final List<String> outputs = harness.applyLine(badLine);

        assertEquals(1, outputs.size(), () -> "one rejection expected, got " + outputs);
        final JsonNode rejection = JSON.readTree(outputs.get(0));
        assertEquals("rejection", rejection.get("type").asText());
        assertEquals(expectedReason, rejection.get("reason").asText(), outputs::toString);
        assertEquals(SETUP.length + 1, rejection.get("seq").asLong(), "the rejection names the input's seq");
        assertTrue(rejection.get("message").asText().length() > 0, "a rejection explains itself");
        assertEquals(bookBefore, harness.engine().bookHash(), "a rejected input changes no state");

        // The engine keeps running: the next good input is applied as usual.
        assertEquals(List.of(), harness.applyLine("{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}"));
        assertTrue(bookBefore != harness.engine().bookHash(), "an accepted deposit changes the book");
    }

    @Test
    void shouldRejectLiquidationFillLargerThanWhatRemainsOfTheOrder() throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(SETUP);
        final List<String> orders = harness.applyLine("{\"type\":\"tick\",\"source\":\"z\",\"market\":\"ETH-PERP\",\"price\":\"2000\"}");
        assertEquals(2, orders.size(), orders::toString);
        long btcOrder = 0;
        for (final String order : orders)
        {
            final JsonNode node = JSON.readTree(order);
            if (node.get("market").asText().equals("BTC-PERP"))
            {
                btcOrder = node.get("order").asLong();
                assertEquals("0.2", node.get("size").asText());
            }
        }
        final long bookBefore = harness.engine().bookHash();
        final String reply = harness.applyLine(
            "{\"type\":\"liquidationFill\",\"order\":" + btcOrder + ",\"size\":\"0.3\",\"price\":\"30000\"}").get(0);
        assertEquals("INVALID_AMOUNT", JSON.readTree(reply).get("reason").asText(), reply);
        assertEquals(bookBefore, harness.engine().bookHash());
    }

    @Test
    void shouldRejectWithdrawalWhileAPositionHasNoMarkPrice() throws Exception
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"market\",\"market\":\"ETH-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"ETH-PERP\",\"size\":\"1\",\"price\":\"2000\"}");
        final String reply = harness.applyLine("{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}").get(0);
        assertEquals("INSUFFICIENT_MARGIN", JSON.readTree(reply).get("reason").asText());
        assertTrue(reply.contains("no mark price yet for ETH-PERP"), reply);
    }
}

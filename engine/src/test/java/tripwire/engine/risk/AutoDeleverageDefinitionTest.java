package tripwire.engine.risk;

import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.codecs.MarketDefinitionEncoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.engine.EngineHarness;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The market field {@code autoDeleverage} as the engine sees it: a byte that is neither FALSE nor TRUE is
 * {@code INVALID_REFERENCE_DATA} with detail1 20 and changes nothing (the scenario reader never produces one:
 * the frame is patched here); the ADL flags and the cost bases are part of the book hash.
 */
class AutoDeleverageDefinitionTest
{
    private static final String QUOTE = "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}";
    private static final String BTC_WITH_ADL =
        "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"autoDeleverage\":true}";
    private static final String BTC_WITHOUT_ADL =
        "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}";

    @Test
    void nonBooleanAutoDeleverageIsRejectedAndChangesNothing()
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(QUOTE, BTC_WITH_ADL,
            "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"10000\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"1\",\"price\":\"10000\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":2,\"market\":\"BTC-PERP\",\"size\":\"-1\",\"price\":\"10000\"}");
        final long bookBefore = harness.engine().bookHash();

        // a redefinition of BTC-PERP (id 0) with other rates and the field's byte set to 2
        final List<String> caused = applyPatched(harness, 8,
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\",\"autoDeleverage\":true}",
            (byte)2);

        assertEquals(List.of(
            "{\"type\":\"rejection\",\"seq\":8,\"reason\":\"INVALID_REFERENCE_DATA\",\"message\":\"inconsistent reference data, rule 20\"}"),
            caused);
        assertEquals(bookBefore, harness.engine().bookHash(), "a rejected definition changes no state");

        // ADL and the rates are still those of the first definition: E = -200 at 8800 deleverages against account 2
        harness.applyLine("# line 8 was the patched frame");
        assertEquals(List.of(
            "{\"type\":\"deleverage\",\"seq\":9,\"account\":1,\"counterparty\":2,\"market\":\"BTC-PERP\",\"side\":\"SELL\",\"size\":\"1\",\"price\":\"9000\"}"),
            harness.applyLine("{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"8800\"}"));
    }

    @Test
    void nonBooleanAutoDeleverageOnANewMarketLeavesItUndefined()
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(QUOTE);
        final long bookBefore = harness.engine().bookHash();

        final List<String> caused = applyPatched(harness, 2, BTC_WITH_ADL, (byte)0xFE);

        assertEquals(1, caused.size());
        assertEquals("INVALID_REFERENCE_DATA", reason(caused.get(0)));
        assertEquals(bookBefore, harness.engine().bookHash());
    }

    @Test
    void theAdlFlagIsPartOfTheBookHash()
    {
        final EngineHarness with = new EngineHarness();
        final EngineHarness without = new EngineHarness();
        with.apply(QUOTE, BTC_WITH_ADL);
        without.apply(QUOTE, BTC_WITHOUT_ADL);

        assertNotEquals(with.engine().bookHash(), without.engine().bookHash());
        with.apply(BTC_WITHOUT_ADL);
        assertEquals(without.engine().bookHash(), with.engine().bookHash(), "a redefinition without the field turns it off");
    }

    @Test
    void costBasisIsPartOfTheBookHash()
    {
        // both end long 1 with cash -100 and the same largest position; only the cost basis differs (100 vs 150)
        final EngineHarness first = new EngineHarness();
        first.apply(QUOTE, BTC_WITHOUT_ADL,
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"2\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"-1\",\"price\":\"100\"}");
        final EngineHarness second = new EngineHarness();
        second.apply(QUOTE, BTC_WITHOUT_ADL,
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"2\",\"price\":\"150\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"-1\",\"price\":\"200\"}");

        assertNotEquals(first.engine().bookHash(), second.engine().bookHash());
    }

    /** Encodes a market line, overwrites its autoDeleverage byte and applies the frame as input {@code seq}. */
    private static List<String> applyPatched(final EngineHarness harness, final int seq, final String line, final byte raw)
    {
        final ScenarioParser parser = new ScenarioParser();
        // register the same names in the same order as the harness did, so the market id matches (0)
        final ScenarioEvent event = parser.parseLine(seq, line);
        final byte[] frame = event.frame();
        frame[MessageHeaderEncoder.ENCODED_LENGTH + MarketDefinitionEncoder.autoDeleverageEncodingOffset()] = raw;
        final int before = harness.outputs().size();
        harness.engine().onInput(seq, 0, new UnsafeBuffer(frame), 0, frame.length);
        return List.copyOf(harness.outputs().subList(before, harness.outputs().size()));
    }

    private static String reason(final String json)
    {
        final int start = json.indexOf("\"reason\":\"") + 10;
        return json.substring(start, json.indexOf('"', start));
    }
}

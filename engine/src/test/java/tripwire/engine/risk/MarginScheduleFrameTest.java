package tripwire.engine.risk;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A market definition frame whose margin-schedule part is not whole (the {@code marginTiers} group runs past
 * the frame, or the warning flag is neither FALSE nor TRUE) is rejected {@code MALFORMED} / {@code BAD_FRAME}
 * and changes nothing.
 */
class MarginScheduleFrameTest
{
    private static final String MARKET_WITH_TIERS =
        "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"," +
        "\"marginTiers\":[{\"notional\":\"1000\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.2\"}]}";
    private static final String BAD_FRAME =
        "{\"type\":\"rejection\",\"seq\":9,\"reason\":\"MALFORMED\",\"message\":\"input could not be decoded: BAD_FRAME\"}";

    private final ScenarioParser parser = new ScenarioParser();
    private final List<String> outputs = new ArrayList<>();
    private final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf);
    private final LiquidationEngine engine = new LiquidationEngine(
        EngineConfig.defaults(), (outSeq, timeNs, buffer, offset, length) -> outputs.add(json.render(buffer, offset, length)));

    @BeforeEach
    void quoteAsset()
    {
        apply(1, frameOf("{\"type\":\"asset\",\"asset\":\"USD\",\"quote\":true}"));
        assertEquals(List.of(), outputs);
    }

    @Test
    void tierGroupRunningPastTheFrameIsABadFrame()
    {
        final byte[] frame = frameOf(MARKET_WITH_TIERS);
        final long bookBefore = engine.bookHash();

        apply(9, java.util.Arrays.copyOf(frame, frame.length - 1));

        assertEquals(List.of(BAD_FRAME), outputs);
        assertEquals(bookBefore, engine.bookHash());
        apply(10, frame);
        assertEquals(List.of(BAD_FRAME), outputs, "the whole frame is accepted");
    }

    @Test
    void warningFlagOtherThanFalseOrTrueIsABadFrame()
    {
        final byte[] frame = frameOf(MARKET_WITH_TIERS);
        new UnsafeBuffer(frame).putByte(
            MessageHeaderDecoder.ENCODED_LENGTH + MarketDefinitionDecoder.initialMarginWarningEncodingOffset(), (byte)2);
        final long bookBefore = engine.bookHash();

        apply(9, frame);

        assertEquals(List.of(BAD_FRAME), outputs);
        assertEquals(bookBefore, engine.bookHash());
    }

    private byte[] frameOf(final String line)
    {
        return parser.parseLine(1, line).frame();
    }

    private void apply(final long seq, final byte[] frame)
    {
        engine.onInput(seq, 0, new UnsafeBuffer(frame), 0, frame.length);
    }
}

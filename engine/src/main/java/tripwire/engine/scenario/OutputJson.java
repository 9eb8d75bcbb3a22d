package tripwire.engine.scenario;

import java.util.function.IntFunction;

import org.agrona.DirectBuffer;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.OracleStatusCode;
import tripwire.codecs.OracleStatusDecoder;
import tripwire.codecs.RejectionDecoder;

/**
 * Renders output frames as the scenario format's JSON lines. Unknown templates render as
 * {@code {"type":"unknown","templateId":N}}. Not thread-safe (reuses decoders); allocates: off the hot path.
 */
public final class OutputJson
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final RejectionDecoder rejection = new RejectionDecoder();
    private final OracleStatusDecoder oracleStatus = new OracleStatusDecoder();
    private final IntFunction<String> marketName;
    private final IntFunction<String> assetName;
    private final IntFunction<String> sourceName;

    /**
     * @param marketName name of a market id, for orders and messages.
     * @param assetName  name of an asset id, for messages.
     */
    public OutputJson(final IntFunction<String> marketName, final IntFunction<String> assetName)
    {
        this(marketName, assetName, id -> "#" + id);
    }

    /**
     * @param sourceName name of an oracle source id, for {@code oracleStatus}.
     */
    public OutputJson(
        final IntFunction<String> marketName, final IntFunction<String> assetName, final IntFunction<String> sourceName)
    {
        this.marketName = marketName;
        this.assetName = assetName;
        this.sourceName = sourceName;
    }

    public String render(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (header.templateId())
        {
            case LiquidationOrderDecoder.TEMPLATE_ID:
                order.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                return "{\"type\":\"liquidationOrder\",\"order\":" + order.orderId() +
                    ",\"account\":" + order.accountId() +
                    ",\"market\":" + quote(marketName.apply(order.marketId())) +
                    ",\"side\":\"" + order.side().name() + '"' +
                    ",\"size\":\"" + E8Text.format(order.sizeE8()) + '"' +
                    ",\"limitPrice\":\"" + E8Text.format(order.limitPriceE8()) + '"' +
                    ",\"triggerSeq\":" + order.triggerSeq() + '}';

            case RejectionDecoder.TEMPLATE_ID:
                rejection.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                return "{\"type\":\"rejection\",\"seq\":" + rejection.seq() +
                    ",\"reason\":\"" + rejection.reason().name() + '"' +
                    ",\"message\":" + quote(RejectMessages.describe(
                        rejection.reason(), rejection.detail1(), rejection.detail2(), marketName, assetName)) + '}';

            case OracleStatusDecoder.TEMPLATE_ID:
                oracleStatus.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                return renderOracleStatus();

            default:
                return "{\"type\":\"unknown\",\"templateId\":" + header.templateId() + '}';
        }
    }

    private String renderOracleStatus()
    {
        final boolean market = oracleStatus.instrumentKind() == InstrumentKind.MARKET;
        final OracleStatusCode status = oracleStatus.status();
        final StringBuilder out = new StringBuilder(128)
            .append("{\"type\":\"oracleStatus\",\"seq\":").append(oracleStatus.seq())
            .append(market ? ",\"market\":" : ",\"asset\":")
            .append(quote((market ? marketName : assetName).apply(oracleStatus.instrumentId())))
            .append(",\"status\":\"").append(status.name()).append('"');
        if (status == OracleStatusCode.HELD || status == OracleStatusCode.CONFIRMED)
        {
            out.append(",\"source\":").append(quote(sourceName.apply(oracleStatus.sourceId())))
                .append(",\"price\":\"").append(E8Text.format(oracleStatus.priceE8())).append('"');
        }
        return out.append('}').toString();
    }

    static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

package tripwire.engine.scenario;

import java.util.function.IntFunction;

import org.agrona.DirectBuffer;

import tripwire.codecs.InsuranceFundMovementDecoder;
import tripwire.codecs.InsuranceFundMovementKind;
import tripwire.codecs.DeleverageDecoder;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.LiquidationPenaltyDecoder;
import tripwire.codecs.MarginWarningDecoder;
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
    private final LiquidationPenaltyDecoder penalty = new LiquidationPenaltyDecoder();
    private final InsuranceFundMovementDecoder fundMovement = new InsuranceFundMovementDecoder();
    private final MarginWarningDecoder marginWarning = new MarginWarningDecoder();
    private final DeleverageDecoder deleverage = new DeleverageDecoder();
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

            case LiquidationPenaltyDecoder.TEMPLATE_ID:
                penalty.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                return "{\"type\":\"liquidationPenalty\",\"seq\":" + penalty.triggerSeq() +
                    ",\"order\":" + penalty.orderId() +
                    ",\"account\":" + penalty.accountId() +
                    ",\"market\":" + quote(marketName.apply(penalty.marketId())) +
                    ",\"penalty\":\"" + E8Text.format(penalty.penaltyE8()) + '"' +
                    ",\"liquidatorReward\":\"" + E8Text.format(penalty.liquidatorRewardE8()) + '"' +
                    ",\"insuranceFund\":\"" + E8Text.format(penalty.insuranceFundE8()) + "\"}";

            case InsuranceFundMovementDecoder.TEMPLATE_ID:
                fundMovement.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                final InsuranceFundMovementKind kind = fundMovement.kind();
                return "{\"type\":\"insuranceFund\",\"seq\":" + fundMovement.triggerSeq() +
                    ",\"kind\":\"" + kind.name() + '"' +
                    (kind == InsuranceFundMovementKind.DEPOSIT ? "" :
                        ",\"account\":" + fundMovement.accountId() +
                        ",\"market\":" + quote(marketName.apply(fundMovement.marketId()))) +
                    ",\"amount\":\"" + E8Text.format(fundMovement.amountE8()) + '"' +
                    ",\"uncovered\":\"" + E8Text.format(fundMovement.uncoveredE8()) + '"' +
                    ",\"balance\":\"" + E8Text.format(fundMovement.balanceE8()) + "\"}";

            case MarginWarningDecoder.TEMPLATE_ID:
                marginWarning.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                return "{\"type\":\"marginWarning\",\"seq\":" + marginWarning.seq() +
                    ",\"account\":" + marginWarning.accountId() +
                    ",\"equity\":\"" + E8Text.format(marginWarning.equityE8()) + '"' +
                    ",\"initialMargin\":\"" + E8Text.format(marginWarning.initialE8()) + "\"}";

            case DeleverageDecoder.TEMPLATE_ID:
                deleverage.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                return "{\"type\":\"deleverage\",\"seq\":" + deleverage.triggerSeq() +
                    ",\"account\":" + deleverage.accountId() +
                    ",\"counterparty\":" + deleverage.counterpartyId() +
                    ",\"market\":" + quote(marketName.apply(deleverage.marketId())) +
                    ",\"side\":\"" + deleverage.side().name() + '"' +
                    ",\"size\":\"" + E8Text.format(deleverage.sizeE8()) + '"' +
                    ",\"price\":\"" + E8Text.format(deleverage.priceE8()) + '"' + '}';

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

    /** {@code text} as a JSON string literal, quotes and control characters escaped. */
    public static String quote(final String text)
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

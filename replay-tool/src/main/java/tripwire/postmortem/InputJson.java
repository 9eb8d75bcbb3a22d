package tripwire.postmortem;

import java.util.function.IntFunction;

import org.agrona.DirectBuffer;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.BooleanType;
import tripwire.codecs.DecimalDecoder;
import tripwire.codecs.DepositDecoder;
import tripwire.codecs.FillDecoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.codecs.UndecodableInputDecoder;
import tripwire.codecs.WithdrawDecoder;

import static tripwire.engine.scenario.OutputJson.quote;

/**
 * Renders journaled input frames as flat JSON objects in the scenario format's spelling ({@code type}, then the
 * event's fields; decimals exactly as the sender wrote them). A frame too short for its header or block renders as
 * {@code {"type":"badFrame","length":N}}, an unknown template as {@code {"type":"unknown","templateId":N}}.
 * Decodes with SBE flyweights reused across calls. Not thread-safe; allocates (off the hot path).
 */
public final class InputJson
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AssetDefinitionDecoder asset = new AssetDefinitionDecoder();
    private final MarketDefinitionDecoder market = new MarketDefinitionDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawDecoder withdraw = new WithdrawDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final LiquidationFillDecoder liquidationFill = new LiquidationFillDecoder();
    private final UndecodableInputDecoder undecodable = new UndecodableInputDecoder();
    private final IntFunction<String> marketName;
    private final IntFunction<String> assetName;

    public InputJson(final IntFunction<String> marketName, final IntFunction<String> assetName)
    {
        this.marketName = marketName;
        this.assetName = assetName;
    }

    public String render(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return badFrame(length);
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        if (MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length)
        {
            return badFrame(length);
        }
        try
        {
            return renderBody(buffer, body, blockLength);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return badFrame(length);
        }
    }

    private String renderBody(final DirectBuffer buffer, final int body, final int blockLength)
    {
        final int version = header.version();
        switch (header.templateId())
        {
            case AssetDefinitionDecoder.TEMPLATE_ID:
                asset.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"asset\",\"asset\":" + quote(asset.name()) + ",\"assetId\":" + asset.assetId() +
                    ",\"quote\":" + (asset.quote() == BooleanType.TRUE) +
                    ",\"haircut\":" + decimal(asset.haircut()) +
                    ",\"insuranceFund\":" + decimal(asset.insuranceFund()) + '}';

            case MarketDefinitionDecoder.TEMPLATE_ID:
                market.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"market\",\"market\":" + quote(market.name()) + ",\"marketId\":" + market.marketId() +
                    ",\"initialMarginRate\":" + decimal(market.initialMarginRate()) +
                    ",\"maintenanceMarginRate\":" + decimal(market.maintenanceMarginRate()) +
                    ",\"liquidationPenaltyRate\":" + decimal(market.liquidationPenaltyRate()) +
                    ",\"partialLiquidation\":" + (market.partialLiquidation() == BooleanType.TRUE) +
                    ",\"autoDeleverage\":" + (market.autoDeleverage() == BooleanType.TRUE) + '}';

            case DepositDecoder.TEMPLATE_ID:
                deposit.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"deposit\",\"account\":" + deposit.accountId() +
                    ",\"asset\":" + quote(assetName.apply(deposit.assetId())) +
                    ",\"amount\":" + decimal(deposit.amount()) + '}';

            case WithdrawDecoder.TEMPLATE_ID:
                withdraw.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"withdraw\",\"account\":" + withdraw.accountId() +
                    ",\"asset\":" + quote(assetName.apply(withdraw.assetId())) +
                    ",\"amount\":" + decimal(withdraw.amount()) + '}';

            case FillDecoder.TEMPLATE_ID:
                fill.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"fill\",\"account\":" + fill.accountId() +
                    ",\"market\":" + quote(marketName.apply(fill.marketId())) +
                    ",\"size\":" + decimal(fill.size()) + ",\"price\":" + decimal(fill.price()) + '}';

            case TickDecoder.TEMPLATE_ID:
                tick.wrap(buffer, body, blockLength, version);
                final boolean ofMarket = tick.instrumentKind() == InstrumentKind.MARKET;
                return "{\"type\":\"tick\",\"source\":" + tick.sourceId() +
                    (ofMarket ? ",\"market\":" : ",\"asset\":") +
                    quote((ofMarket ? marketName : assetName).apply(tick.instrumentId())) +
                    ",\"price\":" + decimal(tick.price()) + '}';

            case LiquidationFillDecoder.TEMPLATE_ID:
                liquidationFill.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"liquidationFill\",\"order\":" + liquidationFill.orderId() +
                    ",\"size\":" + decimal(liquidationFill.size()) + ",\"price\":" + decimal(liquidationFill.price()) + '}';

            case UndecodableInputDecoder.TEMPLATE_ID:
                undecodable.wrap(buffer, body, blockLength, version);
                return "{\"type\":\"undecodable\",\"problem\":\"" + undecodable.problem().name() + '"' +
                    ",\"text\":" + quote(undecodable.text()) + '}';

            default:
                return "{\"type\":\"unknown\",\"templateId\":" + header.templateId() + '}';
        }
    }

    /** A Decimal as the sender wrote it, quoted: mantissa x 10^exponent in plain digits. */
    static String decimal(final DecimalDecoder value)
    {
        return '"' + DecimalFormat.plain(value.mantissa(), value.exponent()) + '"';
    }

    private static String badFrame(final int length)
    {
        return "{\"type\":\"badFrame\",\"length\":" + length + '}';
    }
}

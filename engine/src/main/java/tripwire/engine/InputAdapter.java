package tripwire.engine;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.BooleanType;
import tripwire.codecs.DecimalDecoder;
import tripwire.codecs.DepositDecoder;
import tripwire.codecs.FillDecoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillDecoder;
import tripwire.codecs.MalformedProblem;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectReason;
import tripwire.codecs.TickDecoder;
import tripwire.codecs.UndecodableInputDecoder;
import tripwire.codecs.WithdrawDecoder;
import tripwire.engine.state.AssetTable;

/**
 * Decodes one input frame with reusable SBE flyweights, checks that it is whole (header, schema, template,
 * lengths), and dispatches it by template id to the logic that owns it. A frame that fails those checks is
 * rejected {@code MALFORMED} with problem {@code BAD_FRAME}.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class InputAdapter
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AssetDefinitionDecoder assetDefinition = new AssetDefinitionDecoder();
    private final MarketDefinitionDecoder marketDefinition = new MarketDefinitionDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawDecoder withdraw = new WithdrawDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final LiquidationFillDecoder liquidationFill = new LiquidationFillDecoder();
    private final UndecodableInputDecoder undecodable = new UndecodableInputDecoder();
    private final byte[] name = new byte[AssetTable.NAME_LENGTH];
    private final int[] sourceIds = new int[EngineConfig.MAX_SOURCES_PER_MARKET + 1];

    private final ReferenceDataLogic referenceData;
    private final CollateralLogic collateral;
    private final TradeLogic trades;
    private final PriceLogic prices;
    private final OutputPublisher publisher;
    private final PenaltyReferenceData penaltyFields;
    private final MarginScheduleDefinition marginSchedule;
    private final OracleDefinitions oracleDefinitions;

    InputAdapter(
        final ReferenceDataLogic referenceData,
        final CollateralLogic collateral,
        final TradeLogic trades,
        final PriceLogic prices,
        final OutputPublisher publisher,
        final PenaltyReferenceData penaltyFields,
        final MarginScheduleDefinition marginSchedule,
        final OracleDefinitions oracleDefinitions)
    {
        this.oracleDefinitions = oracleDefinitions;
        this.referenceData = referenceData;
        this.collateral = collateral;
        this.trades = trades;
        this.prices = prices;
        this.publisher = publisher;
        this.penaltyFields = penaltyFields;
        this.marginSchedule = marginSchedule;
    }

    void onInput(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            badFrame(seq, timeNs, length);
            return;
        }
        header.wrap(buffer, offset);
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || version > MessageHeaderDecoder.SCHEMA_VERSION ||
            MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length || blockLength < minimumBlockLength(templateId))
        {
            badFrame(seq, timeNs, length);
            return;
        }

        switch (templateId)
        {
            case DepositDecoder.TEMPLATE_ID:
                deposit.wrap(buffer, bodyOffset, blockLength, version);
                collateral.onDeposit(
                    seq, timeNs, deposit.accountId(), deposit.assetId(), deposit.amount().mantissa(), deposit.amount().exponent());
                break;

            case WithdrawDecoder.TEMPLATE_ID:
                withdraw.wrap(buffer, bodyOffset, blockLength, version);
                collateral.onWithdraw(
                    seq, timeNs, withdraw.accountId(), withdraw.assetId(), withdraw.amount().mantissa(),
                    withdraw.amount().exponent());
                break;

            case FillDecoder.TEMPLATE_ID:
                fill.wrap(buffer, bodyOffset, blockLength, version);
                final DecimalDecoder fillSize = fill.size();
                final long fillSizeMantissa = fillSize.mantissa();
                final byte fillSizeExponent = fillSize.exponent();
                final DecimalDecoder fillPrice = fill.price();
                trades.onFill(
                    seq, timeNs, fill.accountId(), fill.marketId(), fillSizeMantissa, fillSizeExponent,
                    fillPrice.mantissa(), fillPrice.exponent());
                break;

            case TickDecoder.TEMPLATE_ID:
                onTick(seq, timeNs, buffer, bodyOffset, blockLength, version, length);
                break;

            case LiquidationFillDecoder.TEMPLATE_ID:
                liquidationFill.wrap(buffer, bodyOffset, blockLength, version);
                final DecimalDecoder liquidationSize = liquidationFill.size();
                final long liquidationSizeMantissa = liquidationSize.mantissa();
                final byte liquidationSizeExponent = liquidationSize.exponent();
                final DecimalDecoder liquidationPrice = liquidationFill.price();
                trades.onLiquidationFill(
                    seq, timeNs, liquidationFill.orderId(), liquidationSizeMantissa, liquidationSizeExponent,
                    liquidationPrice.mantissa(), liquidationPrice.exponent());
                break;

            case AssetDefinitionDecoder.TEMPLATE_ID:
                onAssetDefinition(seq, timeNs, buffer, bodyOffset, blockLength, version, length);
                break;

            case MarketDefinitionDecoder.TEMPLATE_ID:
                onMarketDefinition(seq, timeNs, buffer, offset, blockLength, version, length);
                break;

            case UndecodableInputDecoder.TEMPLATE_ID:
                undecodable.wrap(buffer, bodyOffset, blockLength, version);
                final MalformedProblem problem = undecodable.problem();
                publisher.rejection(
                    seq, timeNs, RejectReason.MALFORMED,
                    problem == MalformedProblem.NULL_VAL ? MalformedProblem.BAD_FRAME.value() : problem.value(), 0);
                break;

            default:
                badFrame(seq, timeNs, length);
        }
    }

    private void onTick(
        final long seq, final long timeNs, final DirectBuffer buffer, final int bodyOffset, final int blockLength,
        final int version, final int length)
    {
        tick.wrap(buffer, bodyOffset, blockLength, version);
        final InstrumentKind kind = tick.instrumentKind();
        final DecimalDecoder price = tick.price();
        if (kind == InstrumentKind.MARKET)
        {
            prices.onMarketTick(seq, timeNs, tick.sourceId(), tick.instrumentId(), price.mantissa(), price.exponent());
        }
        else if (kind == InstrumentKind.ASSET)
        {
            prices.onAssetTick(seq, timeNs, tick.sourceId(), tick.instrumentId(), price.mantissa(), price.exponent());
        }
        else
        {
            badFrame(seq, timeNs, length);
        }
    }

    private void onAssetDefinition(
        final long seq, final long timeNs, final DirectBuffer buffer, final int bodyOffset, final int blockLength,
        final int version, final int length)
    {
        assetDefinition.wrap(buffer, bodyOffset, blockLength, version);
        final BooleanType quote = assetDefinition.quote();
        if (quote == BooleanType.NULL_VAL)
        {
            badFrame(seq, timeNs, length);
            return;
        }
        final DecimalDecoder haircut = assetDefinition.haircut();
        final long haircutMantissa = haircut.mantissa();
        final byte haircutExponent = haircut.exponent();
        final int nameLength = readName(assetDefinition.getName(name, 0));
        penaltyFields.decodeAssetFields(assetDefinition);
        if (!oracleDefinitions.readAsset(
            assetDefinition, buffer, bodyOffset, blockLength, bodyOffset - MessageHeaderDecoder.ENCODED_LENGTH + length))
        {
            badFrame(seq, timeNs, length);
            return;
        }
        referenceData.onAssetDefinition(
            seq, timeNs, assetDefinition.assetId(), quote == BooleanType.TRUE, haircutMantissa, haircutExponent,
            name, nameLength);
    }

    private void onMarketDefinition(
        final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int blockLength,
        final int version, final int length)
    {
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int groupHeaderEnd = MessageHeaderDecoder.ENCODED_LENGTH + blockLength + 4;
        if (groupHeaderEnd > length)
        {
            badFrame(seq, timeNs, length);
            return;
        }
        marketDefinition.wrap(buffer, bodyOffset, blockLength, version);
        final DecimalDecoder initial = marketDefinition.initialMarginRate();
        final long initialMantissa = initial.mantissa();
        final byte initialExponent = initial.exponent();
        final DecimalDecoder maintenance = marketDefinition.maintenanceMarginRate();
        final long maintenanceMantissa = maintenance.mantissa();
        final byte maintenanceExponent = maintenance.exponent();
        final int nameLength = readName(marketDefinition.getName(name, 0));
        final int marketId = marketDefinition.marketId();
        penaltyFields.decodeMarketFields(marketDefinition);
        final short autoDeleverageRaw = marketDefinition.autoDeleverageRaw();
        oracleDefinitions.readMarket(marketDefinition);
        if (!referenceData.partialLiquidation().decode(marketDefinition))
        {
            badFrame(seq, timeNs, length);
            return;
        }

        final int groupBlockLength = buffer.getShort(offset + groupHeaderEnd - 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int groupCount = buffer.getShort(offset + groupHeaderEnd - 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (groupBlockLength < MarketDefinitionDecoder.OracleSourcesDecoder.sbeBlockLength() ||
            groupHeaderEnd + (long)groupCount * groupBlockLength > length)
        {
            badFrame(seq, timeNs, length);
            return;
        }
        final MarketDefinitionDecoder.OracleSourcesDecoder sources = marketDefinition.oracleSources();
        int sourceCount = 0;
        while (sources.hasNext())
        {
            sources.next();
            if (sourceCount < sourceIds.length)
            {
                sourceIds[sourceCount] = sources.sourceId();
            }
            sourceCount++;
        }
        if (!marginSchedule.decode(marketDefinition, offset + length))
        {
            badFrame(seq, timeNs, length);
            return;
        }
        referenceData.onMarketDefinition(
            seq, timeNs, marketId, initialMantissa, initialExponent, maintenanceMantissa, maintenanceExponent,
            name, nameLength, sourceIds, sourceCount, autoDeleverageRaw);
    }

    /**
     * The smallest root block a frame of this template may have (this schema version's); an unknown template
     * gets a length no frame has, so it is rejected with the same check.
     */
    private static int minimumBlockLength(final int templateId)
    {
        switch (templateId)
        {
            case DepositDecoder.TEMPLATE_ID:
                return DepositDecoder.BLOCK_LENGTH;
            case WithdrawDecoder.TEMPLATE_ID:
                return WithdrawDecoder.BLOCK_LENGTH;
            case FillDecoder.TEMPLATE_ID:
                return FillDecoder.BLOCK_LENGTH;
            case TickDecoder.TEMPLATE_ID:
                return TickDecoder.BLOCK_LENGTH;
            case LiquidationFillDecoder.TEMPLATE_ID:
                return LiquidationFillDecoder.BLOCK_LENGTH;
            case AssetDefinitionDecoder.TEMPLATE_ID:
                return AssetDefinitionDecoder.BLOCK_LENGTH;
            case MarketDefinitionDecoder.TEMPLATE_ID:
                return MarketDefinitionDecoder.BLOCK_LENGTH;
            case UndecodableInputDecoder.TEMPLATE_ID:
                return UndecodableInputDecoder.BLOCK_LENGTH;
            default:
                return Integer.MAX_VALUE;
        }
    }

    private int readName(final int copied)
    {
        int length = 0;
        while (length < copied && name[length] != 0)
        {
            length++;
        }
        return length;
    }

    private void badFrame(final long seq, final long timeNs, final int length)
    {
        publisher.rejection(seq, timeNs, RejectReason.MALFORMED, MalformedProblem.BAD_FRAME.value(), length);
    }
}

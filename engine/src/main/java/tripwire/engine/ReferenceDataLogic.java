package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarketTable;

/**
 * Asset and market definitions (and their updates). Checks run in the order of docs/engine-model.md; a
 * rejected definition changes nothing. Owned by the business-logic thread; off the hot path.
 */
final class ReferenceDataLogic
{
    static final int HAIRCUT_OUT_OF_RANGE = 1;
    static final int QUOTE_CONFLICT = 2;
    static final int QUOTE_HAIRCUT = 3;
    static final int MAINTENANCE_RATE_OUT_OF_RANGE = 4;
    static final int INITIAL_RATE_OUT_OF_RANGE = 5;
    static final int NO_QUOTE_ASSET = 6;

    private final AssetTable assets;
    private final MarketTable markets;
    private final OutputPublisher publisher;
    private final PenaltyReferenceData penaltyFields;
    private final MarginScheduleLogic marginSchedules;
    private final AutoDeleverageDefinitions autoDeleverage;
    private final OracleDefinitions oracleDefinitions;
    private final PartialLiquidationDefinition partialLiquidation;

    ReferenceDataLogic(
        final AssetTable assets,
        final MarketTable markets,
        final OutputPublisher publisher,
        final PenaltyReferenceData penaltyFields,
        final MarginScheduleLogic marginSchedules,
        final AutoDeleverageDefinitions autoDeleverage,
        final OracleDefinitions oracleDefinitions,
        final PartialLiquidationDefinition partialLiquidation)
    {
        this.assets = assets;
        this.markets = markets;
        this.publisher = publisher;
        this.penaltyFields = penaltyFields;
        this.marginSchedules = marginSchedules;
        this.autoDeleverage = autoDeleverage;
        this.oracleDefinitions = oracleDefinitions;
        this.partialLiquidation = partialLiquidation;
    }

    /** The partial-liquidation fields of the market definition being processed; {@link InputAdapter} fills them. */
    PartialLiquidationDefinition partialLiquidation()
    {
        return partialLiquidation;
    }

    void onAssetDefinition(
        final long seq,
        final long timeNs,
        final int assetId,
        final boolean quote,
        final long haircutMantissa,
        final int haircutExponent,
        final byte[] name,
        final int nameLength)
    {
        if (assetId < 0 || assetId >= assets.capacity())
        {
            publisher.rejection(seq, timeNs, RejectReason.CAPACITY, assets.capacity(), assetId);
            return;
        }
        final long haircutE8 = FixedPoint.toE8(haircutMantissa, haircutExponent);
        if (rejectedDecode(seq, timeNs, haircutE8, haircutMantissa, haircutExponent))
        {
            return;
        }
        if (haircutE8 < 0 || haircutE8 >= FixedPoint.SCALE)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, HAIRCUT_OUT_OF_RANGE, haircutE8);
            return;
        }
        final int quoteAssetId = assets.quoteAssetId();
        final boolean quoteConflict = quote ?
            (quoteAssetId != AssetTable.NO_QUOTE_ASSET && quoteAssetId != assetId) :
            quoteAssetId == assetId;
        final boolean redefinedWithOtherFlag = !quote && assets.isDefined(assetId) && assets.isQuote(assetId);
        if (quoteConflict || redefinedWithOtherFlag || (quote && assets.isDefined(assetId) && !assets.isQuote(assetId)))
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, QUOTE_CONFLICT, assetId);
            return;
        }
        if (quote && haircutE8 != 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, QUOTE_HAIRCUT, haircutE8);
            return;
        }
        if (penaltyFields.assetRejected(seq, timeNs, quote) || oracleDefinitions.rejectedAsset(seq, timeNs, assetId, quote))
        {
            return;
        }
        assets.define(assetId, quote, haircutE8, name, nameLength);
        // Staleness transitions come before anything else the input emits (the fund's DEPOSIT).
        oracleDefinitions.applyAsset(seq, timeNs, assetId);
        penaltyFields.applyAsset(seq, timeNs);
    }

    /**
     * @param sourceIds the market's oracle sources; only the first {@code sourceCount} are read.
     * @param autoDeleverageRaw the raw byte of the {@code autoDeleverage} field (BooleanType).
     */
    void onMarketDefinition(
        final long seq,
        final long timeNs,
        final int marketId,
        final long initialMantissa,
        final int initialExponent,
        final long maintenanceMantissa,
        final int maintenanceExponent,
        final byte[] name,
        final int nameLength,
        final int[] sourceIds,
        final int sourceCount,
        final short autoDeleverageRaw)
    {
        if (marketId < 0 || marketId >= markets.capacity())
        {
            publisher.rejection(seq, timeNs, RejectReason.CAPACITY, markets.capacity(), marketId);
            return;
        }
        if (sourceCount > EngineConfig.MAX_SOURCES_PER_MARKET)
        {
            publisher.rejection(seq, timeNs, RejectReason.CAPACITY, EngineConfig.MAX_SOURCES_PER_MARKET, sourceCount);
            return;
        }
        final long initialE8 = FixedPoint.toE8(initialMantissa, initialExponent);
        if (rejectedDecode(seq, timeNs, initialE8, initialMantissa, initialExponent))
        {
            return;
        }
        final long maintenanceE8 = FixedPoint.toE8(maintenanceMantissa, maintenanceExponent);
        if (rejectedDecode(seq, timeNs, maintenanceE8, maintenanceMantissa, maintenanceExponent))
        {
            return;
        }
        if (maintenanceE8 <= 0 || maintenanceE8 > FixedPoint.SCALE)
        {
            publisher.rejection(
                seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, MAINTENANCE_RATE_OUT_OF_RANGE, maintenanceE8);
            return;
        }
        if (initialE8 < maintenanceE8 || initialE8 > FixedPoint.SCALE)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, INITIAL_RATE_OUT_OF_RANGE, initialE8);
            return;
        }
        if (assets.quoteAssetId() == AssetTable.NO_QUOTE_ASSET)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, NO_QUOTE_ASSET, 0);
            return;
        }
        if (marginSchedules.rejected(seq, timeNs, maintenanceE8, initialE8) ||
            penaltyFields.marketRejected(seq, timeNs) ||
            autoDeleverage.rejected(seq, timeNs, autoDeleverageRaw) ||
            oracleDefinitions.rejectedMarket(seq, timeNs, sourceIds, sourceCount) ||
            partialLiquidation.rejected(seq, timeNs))
        {
            return;
        }
        markets.define(marketId, initialE8, maintenanceE8, name, nameLength);
        for (int i = 0; i < sourceCount; i++)
        {
            markets.addSource(marketId, sourceIds[i]);
        }
        penaltyFields.applyMarket(marketId);
        marginSchedules.apply(marketId);
        autoDeleverage.apply(marketId, autoDeleverageRaw);
        oracleDefinitions.applyMarket(seq, timeNs, marketId, sourceIds, sourceCount);
        partialLiquidation.apply(marketId);
    }

    private boolean rejectedDecode(
        final long seq, final long timeNs, final long valueE8, final long mantissa, final int exponent)
    {
        return DecodeRejections.rejected(publisher, seq, timeNs, valueE8, mantissa, exponent);
    }
}

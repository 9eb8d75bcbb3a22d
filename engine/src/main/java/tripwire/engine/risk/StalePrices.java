package tripwire.engine.risk;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.OracleTable;

/**
 * Which prices the oracle guard counts as stale at the current input's event time (docs/risk-model.md
 * section 8): a stale market counts as a market without a price; a stale asset's collateral value is cut
 * by its {@code staleHaircut}. A pure function of the oracle tables and the event time, so that an input
 * evaluated and then rejected (a withdrawal's margin check) commits nothing.
 *
 * <p>Owned by the business-logic thread; the event time is set once per input, before it is applied.
 */
public final class StalePrices
{
    private final OracleTable marketOracles;
    private final OracleTable assetOracles;
    private long eventTimeNs;

    public StalePrices(final OracleTable marketOracles, final OracleTable assetOracles)
    {
        this.marketOracles = marketOracles;
        this.assetOracles = assetOracles;
    }

    /** The event time of the input being applied: staleness is judged at it. */
    public void eventTimeNs(final long timeNs)
    {
        this.eventTimeNs = timeNs;
    }

    public long eventTimeNs()
    {
        return eventTimeNs;
    }

    /** True when the market's guard finds no fresh source at the event time (the mark, if any, is stale). */
    public boolean isMarketStale(final int marketId)
    {
        return marketOracles.isStaleAt(marketId, eventTimeNs);
    }

    public boolean isAssetStale(final int assetId)
    {
        return assetOracles.isStaleAt(assetId, eventTimeNs);
    }

    /**
     * A collateral value as it counts now: unchanged while the asset is fresh, else
     * {@code floor(valueE8 x (10^8 - staleHaircutE8) / 10^8)}.
     */
    public long collateralValueE8(final int assetId, final long valueE8)
    {
        if (!assetOracles.isStaleAt(assetId, eventTimeNs))
        {
            return valueE8;
        }
        return FixedPoint.mulE8Floor(valueE8, FixedPoint.SCALE - assetOracles.staleHaircutE8(assetId));
    }
}

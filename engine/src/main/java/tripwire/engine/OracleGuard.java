package tripwire.engine;

import tripwire.codecs.InstrumentKind;
import tripwire.codecs.OracleStatusCode;
import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.OracleTable;

/**
 * The oracle guard of docs/risk-model.md section 8, for markets and collateral assets: the price of a
 * guarded instrument is the lower median of its fresh sources' prices, a tick too far from the current
 * price is held until a different source confirms it, and an instrument none of whose sources is fresh is
 * stale ({@code STALE} / {@code FRESH} transitions).
 *
 * <p>Every method that emits is called only once its input is accepted; the evaluation of a tick
 * ({@link #rejectedMarketTick}, {@link #rejectedAssetTick}) is pure, so a tick rejected by the range rule
 * on the price the guard would set changes nothing. An unguarded instrument's ticks pass through
 * unchanged (v1): its oracle record is never written.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class OracleGuard
{
    /** What {@link #commitMarketTick} / {@link #commitAssetTick} return for a held tick: no new price. */
    static final long HELD = 0;

    private static final int UNGUARDED = 0;
    private static final int APPLY = 1;
    private static final int HOLD = 2;
    private static final int CONFIRM = 3;

    private final OracleTable marketOracles;
    private final OracleTable assetOracles;
    private final MarketTable markets;
    private final AssetTable assets;
    private final OutputPublisher publisher;
    private final long[] freshPricesE8 = new long[OracleTable.MAX_SOURCES];

    // The tick evaluated last, waiting for its commit.
    private int outcome;
    private int tickId;
    private int tickSourceId;
    private int tickSlot;
    private long tickPriceE8;
    private long tickTimeNs;
    private int heldSlot;
    private long resultPriceE8;

    OracleGuard(
        final OracleTable marketOracles,
        final OracleTable assetOracles,
        final MarketTable markets,
        final AssetTable assets,
        final OutputPublisher publisher)
    {
        this.marketOracles = marketOracles;
        this.assetOracles = assetOracles;
        this.markets = markets;
        this.assets = assets;
        this.publisher = publisher;
    }

    /**
     * Reports every staleness transition at the accepted input's event time: markets by id, then assets by
     * id. Call it once an input is accepted, before it emits anything else.
     */
    void commitTransitions(final long seq, final long timeNs)
    {
        for (int m = 0, capacity = marketOracles.watchedCount() == 0 ? 0 : markets.capacity(); m < capacity; m++)
        {
            if (markets.isDefined(m))
            {
                commitTransition(
                    marketOracles, InstrumentKind.MARKET, m, markets.markPriceE8(m) != 0, seq, timeNs);
            }
        }
        for (int a = 0, capacity = assetOracles.watchedCount() == 0 ? 0 : assets.capacity(); a < capacity; a++)
        {
            if (assets.isDefined(a) && !assets.isQuote(a))
            {
                commitTransition(assetOracles, InstrumentKind.ASSET, a, assets.priceE8(a) != 0, seq, timeNs);
            }
        }
    }

    /**
     * An asset that lists oracle sources takes ticks from those only: publishes {@code UNAUTHORISED_SOURCE}
     * [sourceId, -1 - assetId] and returns true otherwise.
     */
    boolean rejectedAssetSource(final long seq, final long timeNs, final int assetId, final int sourceId)
    {
        if (assetOracles.sourceCount(assetId) == 0 || assetOracles.slotOf(assetId, sourceId) != OracleTable.NO_SLOT)
        {
            return false;
        }
        publisher.rejection(seq, timeNs, RejectReason.UNAUTHORISED_SOURCE, sourceId, -1L - assetId);
        return true;
    }

    /**
     * Evaluates a market tick that passed v1's checks, without changing anything, and applies the range rule
     * to the mark it would set. Publishes {@code OVERFLOW} [notionalE8, 5] and returns true when that mark
     * would break it.
     */
    boolean rejectedMarketTick(
        final long seq, final long timeNs, final int marketId, final int sourceId, final long priceE8)
    {
        evaluate(marketOracles, marketId, sourceId, priceE8, timeNs, markets.markPriceE8(marketId));
        if (resultPriceE8 == priceE8 || outcome == HOLD)
        {
            return false;
        }
        final long largestNotionalE8 = FixedPoint.mulE8Floor(markets.maxAbsSizeE8(marketId), resultPriceE8);
        if (largestNotionalE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, largestNotionalE8, RangeRule.MARKET_PRICE);
            return true;
        }
        return false;
    }

    /** Asset counterpart of {@link #rejectedMarketTick}: {@code OVERFLOW} [valueE8, 6]. */
    boolean rejectedAssetTick(
        final long seq, final long timeNs, final int assetId, final int sourceId, final long priceE8)
    {
        evaluate(assetOracles, assetId, sourceId, priceE8, timeNs, assets.priceE8(assetId));
        if (resultPriceE8 == priceE8 || outcome == HOLD)
        {
            return false;
        }
        final long largestValueE8 = FixedPoint.mulE8Floor(assets.maxBalanceE8(assetId), resultPriceE8);
        if (largestValueE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, largestValueE8, RangeRule.ASSET_PRICE);
            return true;
        }
        return false;
    }

    /**
     * Commits the market tick evaluated last (it is accepted): the sources take their prices, transitions
     * are reported, then {@code HELD} or {@code CONFIRMED}.
     *
     * @return the mark to set, or {@link #HELD} when the tick is held and the mark stays.
     */
    long commitMarketTick(final long seq, final long timeNs)
    {
        return commit(marketOracles, InstrumentKind.MARKET, seq, timeNs);
    }

    /** Asset counterpart of {@link #commitMarketTick}: the asset price to set, or {@link #HELD}. */
    long commitAssetTick(final long seq, final long timeNs)
    {
        return commit(assetOracles, InstrumentKind.ASSET, seq, timeNs);
    }

    private void evaluate(
        final OracleTable table, final int id, final int sourceId, final long priceE8, final long timeNs,
        final long currentPriceE8)
    {
        tickId = id;
        tickSourceId = sourceId;
        tickPriceE8 = priceE8;
        tickTimeNs = timeNs;
        heldSlot = OracleTable.NO_SLOT;
        resultPriceE8 = priceE8;
        if (!table.isGuarded(id))
        {
            outcome = UNGUARDED;
            return;
        }
        tickSlot = table.slotOf(id, sourceId);
        final long maxDeviationE8 = table.maxDeviationE8(id);
        final long heldPriceE8 = table.heldPriceE8(id);
        if (maxDeviationE8 == 0 || currentPriceE8 == 0)
        {
            outcome = APPLY;
        }
        else if (heldPriceE8 != 0 && table.heldSourceId(id) != sourceId &&
            FixedPoint.abs(priceE8 - heldPriceE8) <= FixedPoint.mulE8Floor(heldPriceE8, maxDeviationE8))
        {
            outcome = CONFIRM;
            heldSlot = table.slotOf(id, table.heldSourceId(id));
        }
        else if (FixedPoint.abs(priceE8 - currentPriceE8) > FixedPoint.mulE8Floor(currentPriceE8, maxDeviationE8))
        {
            outcome = HOLD;
            resultPriceE8 = HELD;
            return;
        }
        else
        {
            outcome = APPLY;
        }
        resultPriceE8 = lowerMedianE8(table, id, timeNs);
    }

    private long commit(final OracleTable table, final InstrumentKind kind, final long seq, final long timeNs)
    {
        final int id = tickId;
        switch (outcome)
        {
            case APPLY:
                table.slotPrice(id, tickSlot, tickPriceE8, tickTimeNs);
                if (table.heldSourceId(id) == tickSourceId)
                {
                    table.clearHeld(id);
                }
                commitTransitions(seq, timeNs);
                break;

            case CONFIRM:
                table.slotPrice(id, heldSlot, table.heldPriceE8(id), table.heldTimeNs(id));
                table.slotPrice(id, tickSlot, tickPriceE8, tickTimeNs);
                table.clearHeld(id);
                commitTransitions(seq, timeNs);
                publisher.oracleStatus(seq, timeNs, kind, id, OracleStatusCode.CONFIRMED, tickSourceId, tickPriceE8);
                break;

            case HOLD:
                table.held(id, tickSourceId, tickPriceE8, tickTimeNs);
                commitTransitions(seq, timeNs);
                publisher.oracleStatus(seq, timeNs, kind, id, OracleStatusCode.HELD, tickSourceId, tickPriceE8);
                break;

            default:
                commitTransitions(seq, timeNs);
        }
        return resultPriceE8;
    }

    /**
     * The lower median (index {@code (k - 1) / 2} ascending) of the k sources fresh at {@code nowNs}, with
     * the tick under evaluation (and the held tick it confirms) in place of their sources' stored prices.
     * The ticking source is fresh, so k >= 1.
     */
    private long lowerMedianE8(final OracleTable table, final int id, final long nowNs)
    {
        final long stalenessNs = table.stalenessNs(id);
        final int count = table.sourceCount(id);
        int k = 0;
        for (int slot = 0; slot < count; slot++)
        {
            final long priceE8;
            final long timeNs;
            if (slot == tickSlot)
            {
                priceE8 = tickPriceE8;
                timeNs = tickTimeNs;
            }
            else if (slot == heldSlot)
            {
                priceE8 = table.heldPriceE8(id);
                timeNs = table.heldTimeNs(id);
            }
            else
            {
                priceE8 = table.slotPriceE8(id, slot);
                timeNs = table.slotTimeNs(id, slot);
            }
            if (OracleTable.isFresh(priceE8, timeNs, stalenessNs, nowNs))
            {
                int i = k++;
                while (i > 0 && freshPricesE8[i - 1] > priceE8)
                {
                    freshPricesE8[i] = freshPricesE8[i - 1];
                    i--;
                }
                freshPricesE8[i] = priceE8;
            }
        }
        return freshPricesE8[(k - 1) / 2];
    }

    private void commitTransition(
        final OracleTable table, final InstrumentKind kind, final int id, final boolean priced, final long seq,
        final long timeNs)
    {
        final boolean stale = priced && table.isStaleAt(id, timeNs);
        if (stale != table.isStaleFlag(id))
        {
            table.staleFlag(id, stale);
            publisher.oracleStatus(
                seq, timeNs, kind, id, stale ? OracleStatusCode.STALE : OracleStatusCode.FRESH, OracleTable.NO_SOURCE, 0);
        }
    }
}

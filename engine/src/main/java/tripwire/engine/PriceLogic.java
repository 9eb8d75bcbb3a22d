package tripwire.engine;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.RejectReason;
import tripwire.engine.index.LiquidationIndex;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.DynamicMargin;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.MemberList;
import tripwire.engine.state.OffHeap;

/**
 * Oracle ticks for markets and collateral assets. An accepted tick becomes the price at once (through the
 * {@link OracleGuard} when the instrument is guarded: the median of its fresh sources, or nothing while the
 * tick is held) and checks every account exposed to it: those with a position in the market, or a balance
 * of the asset.
 * Liquidatable accounts are collected, sorted by account index (the order accounts were opened) and only
 * then liquidated, so the order of outputs does not depend on the member lists' internal order.
 *
 * <p>Owned by the business-logic thread; allocates nothing. Cost per market tick: with the
 * {@link LiquidationIndex}, O(log n + k) plus the accounts it cannot index; without it (or for a market with
 * dynamic margin), O(members) evaluations. An asset tick, with the index, evaluates the holders whose balance's
 * trigger it crossed and the holders the index scans; without it, every holder.
 */
final class PriceLogic
{
    /** {@link #checkCandidates}'s market for an asset tick: the candidates' market slots are not touched. */
    private static final int NO_MARKET = -1;

    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarketTable markets;
    private final Liquidator liquidator;
    private final OutputPublisher publisher;
    private final OracleGuard oracle;
    /** Liquidatable account indexes of one tick, int entry i at {@code 4 i}: off-heap, sized for maxAccounts. */
    private final UnsafeBuffer liquidatable;
    private final DynamicMargin dynamicMargin;
    private LiquidationIndex index;
    /** Where touched values go, so that the JIT keeps the loads that warm the cache; never read. */
    private long touchedSink;

    PriceLogic(
        final AccountStore accounts,
        final AssetTable assets,
        final MarketTable markets,
        final Liquidator liquidator,
        final OutputPublisher publisher,
        final DynamicMargin dynamicMargin,
        final OracleGuard oracle)
    {
        this.oracle = oracle;
        this.accounts = accounts;
        this.assets = assets;
        this.markets = markets;
        this.liquidator = liquidator;
        this.publisher = publisher;
        this.liquidatable = OffHeap.allocate((long)accounts.capacity() * Integer.BYTES);
        this.dynamicMargin = dynamicMargin;
    }

    /** Market ticks visit accounts through this index (null: every member, as before). */
    void liquidationIndex(final LiquidationIndex index)
    {
        this.index = index;
    }

    void onMarketTick(
        final long seq, final long timeNs, final int sourceId, final int marketId, final long mantissa, final int exponent)
    {
        if (!markets.isDefined(marketId))
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_MARKET, marketId, 0);
            return;
        }
        if (!markets.isAuthorisedSource(marketId, sourceId))
        {
            publisher.rejection(seq, timeNs, RejectReason.UNAUTHORISED_SOURCE, sourceId, marketId);
            return;
        }
        final long priceE8 = DecodeRejections.positive(
            publisher, seq, timeNs, mantissa, exponent, RejectReason.NON_POSITIVE_PRICE);
        if (priceE8 == DecodeRejections.REJECTED)
        {
            return;
        }
        final long largestNotionalE8 = FixedPoint.mulE8Floor(markets.maxAbsSizeE8(marketId), priceE8);
        if (largestNotionalE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, largestNotionalE8, RangeRule.MARKET_PRICE);
            return;
        }
        if (oracle.rejectedMarketTick(seq, timeNs, marketId, sourceId, priceE8))
        {
            return;
        }

        final long markE8 = oracle.commitMarketTick(seq, timeNs);
        if (markE8 == OracleGuard.HELD)
        {
            return;
        }
        // The one place a market's mark is set: dynamic margin learns every change of it.
        final long oldMarkE8 = markets.markPriceE8(marketId);
        markets.markPrice(marketId, markE8, timeNs);
        dynamicMargin.onMarkChange(marketId, oldMarkE8, markE8);
        final int candidates = index == null ? LiquidationIndex.NOT_INDEXED : index.collect(marketId, markE8);
        if (candidates == LiquidationIndex.NOT_INDEXED)
        {
            checkMembers(accounts.marketMembers(marketId), seq, timeNs);
        }
        else
        {
            checkCandidates(candidates, marketId, seq, timeNs);
        }
    }

    void onAssetTick(
        final long seq, final long timeNs, final int sourceId, final int assetId, final long mantissa, final int exponent)
    {
        if (!assets.isDefined(assetId))
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_ASSET, assetId, 0);
            return;
        }
        if (assets.isQuote(assetId))
        {
            publisher.rejection(seq, timeNs, RejectReason.QUOTE_ASSET_TICK, assetId, sourceId);
            return;
        }
        if (oracle.rejectedAssetSource(seq, timeNs, assetId, sourceId))
        {
            return;
        }
        final long priceE8 = DecodeRejections.positive(
            publisher, seq, timeNs, mantissa, exponent, RejectReason.NON_POSITIVE_PRICE);
        if (priceE8 == DecodeRejections.REJECTED)
        {
            return;
        }
        final long largestValueE8 = FixedPoint.mulE8Floor(assets.maxBalanceE8(assetId), priceE8);
        if (largestValueE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, largestValueE8, RangeRule.ASSET_PRICE);
            return;
        }
        if (oracle.rejectedAssetTick(seq, timeNs, assetId, sourceId, priceE8))
        {
            return;
        }

        final long assetPriceE8 = oracle.commitAssetTick(seq, timeNs);
        if (assetPriceE8 == OracleGuard.HELD)
        {
            return;
        }
        assets.price(assetId, assetPriceE8, timeNs);
        if (index == null)
        {
            checkMembers(accounts.assetMembers(assetId), seq, timeNs);
        }
        else
        {
            checkCandidates(index.collectHolders(assetId), NO_MARKET, seq, timeNs);
        }
    }

    private void checkMembers(final MemberList members, final long seq, final long timeNs)
    {
        int count = 0;
        for (int slot = 0, size = members.size(); slot < size; slot++)
        {
            final int accountIndex = members.member(slot);
            if (liquidator.needsOrders(accountIndex))
            {
                liquidatable.putInt(count++ << 2, accountIndex);
            }
        }
        liquidate(count, seq, timeNs);
    }

    /**
     * As {@link #checkMembers}, over the index's candidates: a superset of the members that can be due. The
     * candidates' records are touched first (their header and, for a market tick, the market's slot), so that
     * their cache misses overlap.
     *
     * @param marketId the ticked market, or {@link #NO_MARKET} for an asset tick.
     */
    private void checkCandidates(final int candidates, final int marketId, final long seq, final long timeNs)
    {
        long touched = 0;
        for (int i = 0; i < candidates; i++)
        {
            final int accountIndex = index.candidate(i);
            touched += marketId == NO_MARKET ?
                accounts.touch(accountIndex) : accounts.touch(accountIndex, marketId);
        }
        touchedSink += touched;
        int count = 0;
        for (int i = 0; i < candidates; i++)
        {
            final int accountIndex = index.candidate(i);
            if (liquidator.needsOrders(accountIndex))
            {
                liquidatable.putInt(count++ << 2, accountIndex);
            }
        }
        liquidate(count, seq, timeNs);
    }

    private void liquidate(final int count, final long seq, final long timeNs)
    {
        if (count == 0)
        {
            return;
        }
        IntSort.sort(liquidatable, count);
        for (int i = 0; i < count; i++)
        {
            liquidator.check(liquidatable.getInt(i << 2), seq, timeNs);
        }
    }
}

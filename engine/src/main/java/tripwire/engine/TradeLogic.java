package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.codecs.Side;
import tripwire.engine.index.LiquidationIndex;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.OrderIndex;
import tripwire.engine.state.PositionCostStore;

/**
 * Fills from the venue's matching engine and fills of liquidation orders: both move quote cash by
 * {@code floor(-size x price / 10^8)} and the position by {@code size}, under the range rule. Checks run in
 * the order of docs/engine-model.md; a rejected event changes nothing.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class TradeLogic
{

    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarketTable markets;
    private final Liquidator liquidator;
    private final OutputPublisher publisher;
    private final OrderIndex orderRefById;
    private final LiquidationCharges charges;
    private final InitialMarginWarning initialMarginWarning;
    private final PositionCostStore costs;
    private LiquidationIndex liquidationIndex;
    /** Where touched values go, so that the JIT keeps the loads that warm the cache; never read. */
    private long touchedSink;
    private final OracleGuard oracle;

    TradeLogic(
        final AccountStore accounts,
        final AssetTable assets,
        final MarketTable markets,
        final Liquidator liquidator,
        final OutputPublisher publisher,
        final OrderIndex orderRefById,
        final LiquidationCharges charges,
        final InitialMarginWarning initialMarginWarning,
        final PositionCostStore costs,
        final OracleGuard oracle)
    {
        this.oracle = oracle;
        this.accounts = accounts;
        this.assets = assets;
        this.markets = markets;
        this.liquidator = liquidator;
        this.publisher = publisher;
        this.orderRefById = orderRefById;
        this.charges = charges;
        this.initialMarginWarning = initialMarginWarning;
        this.costs = costs;
    }

    void onFill(
        final long seq,
        final long timeNs,
        final long accountId,
        final int marketId,
        final long sizeMantissa,
        final int sizeExponent,
        final long priceMantissa,
        final int priceExponent)
    {
        if (AccountIds.rejectedInvalid(publisher, seq, timeNs, accountId))
        {
            return;
        }
        if (!markets.isDefined(marketId))
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_MARKET, marketId, 0);
            return;
        }
        final long sizeE8 = FixedPoint.toE8(sizeMantissa, sizeExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, sizeE8, sizeMantissa, sizeExponent))
        {
            return;
        }
        final long priceE8 = FixedPoint.toE8(priceMantissa, priceExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, priceE8, priceMantissa, priceExponent))
        {
            return;
        }
        if (sizeE8 == 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_AMOUNT, 0, 0);
            return;
        }
        if (priceE8 <= 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.NON_POSITIVE_PRICE, priceE8, 0);
            return;
        }

        int index = accounts.indexOf(accountId);
        if (index == AccountStore.NO_ACCOUNT)
        {
            if (rangeRejected(seq, timeNs, 0, 0, marketId, sizeE8, priceE8))
            {
                return;
            }
            if (accounts.isFull())
            {
                publisher.rejection(seq, timeNs, RejectReason.CAPACITY, accounts.capacity(), 0);
                return;
            }
            index = accounts.open(accountId);
        }
        else
        {
            touch(index, marketId);
            if (rangeRejected(seq, timeNs, cashE8(index), accounts.sizeE8(index, marketId), marketId, sizeE8, priceE8))
            {
                return;
            }
        }

        oracle.commitTransitions(seq, timeNs);
        settle(index, marketId, sizeE8, priceE8);
        initialMarginWarning.afterFill(index, marketId, seq, timeNs);
        liquidator.checkAfterFill(index, marketId, seq, timeNs);
    }

    /** Fills reach the index through this (null: no index), to touch what its re-split will read. */
    void liquidationIndex(final LiquidationIndex index)
    {
        this.liquidationIndex = index;
    }

    /**
     * Touches every line the fill will read or write, up front, so that their cache misses overlap instead of
     * following one another: the cost basis and the index's state are in other arrays than the account record.
     */
    private void touch(final int index, final int marketId)
    {
        touchedSink += costs.costE8(index, marketId) + accounts.touch(index, marketId) +
            (liquidationIndex == null ? 0 : liquidationIndex.touch(index, marketId));
    }

    void onLiquidationFill(
        final long seq,
        final long timeNs,
        final long orderId,
        final long sizeMantissa,
        final int sizeExponent,
        final long priceMantissa,
        final int priceExponent)
    {
        final long orderRef = orderRefById.get(orderId);
        if (orderRef == OrderIndex.MISSING)
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_ORDER, orderId, 0);
            return;
        }
        final long sizeE8 = FixedPoint.toE8(sizeMantissa, sizeExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, sizeE8, sizeMantissa, sizeExponent))
        {
            return;
        }
        final long priceE8 = FixedPoint.toE8(priceMantissa, priceExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, priceE8, priceMantissa, priceExponent))
        {
            return;
        }
        if (sizeE8 <= 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_AMOUNT, sizeE8, 0);
            return;
        }
        if (priceE8 <= 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.NON_POSITIVE_PRICE, priceE8, 0);
            return;
        }
        final int index = Liquidator.accountIndexOf(orderRef);
        final int marketId = Liquidator.marketIdOf(orderRef);
        final long remainingE8 = accounts.orderRemainingE8(index, marketId);
        if (sizeE8 > remainingE8)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_AMOUNT, sizeE8, remainingE8);
            return;
        }
        final long signedSizeE8 = accounts.orderSide(index, marketId) == Side.SELL.value() ? -sizeE8 : sizeE8;
        if (rangeRejected(seq, timeNs, cashE8(index), accounts.sizeE8(index, marketId), marketId, signedSizeE8, priceE8) ||
            charges.rangeRejected(seq, timeNs, index, marketId, signedSizeE8, priceE8))
        {
            return;
        }

        oracle.commitTransitions(seq, timeNs);
        settle(index, marketId, signedSizeE8, priceE8);
        if (sizeE8 == remainingE8)
        {
            accounts.order(index, marketId, Liquidator.NO_ORDER, 0, 0);
            orderRefById.remove(orderId);
        }
        else
        {
            accounts.orderRemaining(index, marketId, remainingE8 - sizeE8);
        }
        charges.onSettled(seq, timeNs, orderId, index, marketId, sizeE8, priceE8);
        liquidator.checkChanged(index, seq, timeNs);
    }

    private long cashE8(final int index)
    {
        return accounts.balanceE8(index, assets.quoteAssetId());
    }

    /** Applies a trade that passed the range rule. */
    private void settle(final int index, final int marketId, final long sizeE8, final long priceE8)
    {
        final int quoteAssetId = assets.quoteAssetId();
        final long cashDeltaE8 = FixedPoint.mulE8Floor(-sizeE8, priceE8);
        accounts.balance(index, quoteAssetId, accounts.balanceE8(index, quoteAssetId) + cashDeltaE8, false);
        costs.onTrade(index, marketId, accounts.sizeE8(index, marketId), sizeE8, priceE8);
        final long newSizeE8 = accounts.sizeE8(index, marketId) + sizeE8;
        accounts.size(index, marketId, newSizeE8);
        markets.raiseMaxAbsSize(marketId, FixedPoint.abs(newSizeE8));
    }

    /** The range rule for a trade; publishes the rejection and returns true when the trade breaks it. */
    private boolean rangeRejected(
        final long seq,
        final long timeNs,
        final long cashE8,
        final long positionE8,
        final int marketId,
        final long sizeE8,
        final long priceE8)
    {
        final long newCashE8 = cashE8 + FixedPoint.mulE8Floor(-sizeE8, priceE8);
        if (newCashE8 > FixedPoint.MAX_E8 || newCashE8 < -FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, newCashE8, RangeRule.BALANCE);
            return true;
        }
        final long newAbsSizeE8 = Math.abs(positionE8 + sizeE8);
        if (newAbsSizeE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, newAbsSizeE8, RangeRule.POSITION);
            return true;
        }
        final long notionalAtFillE8 = FixedPoint.mulE8Floor(newAbsSizeE8, priceE8);
        final long markE8 = markets.markPriceE8(marketId);
        final long notionalAtMarkE8 = markE8 == 0 ? 0 : FixedPoint.mulE8Floor(newAbsSizeE8, markE8);
        if (notionalAtFillE8 > FixedPoint.MAX_E8 || notionalAtMarkE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(
                seq, timeNs, RejectReason.OVERFLOW, Math.max(notionalAtFillE8, notionalAtMarkE8), RangeRule.NOTIONAL);
            return true;
        }
        return false;
    }
}

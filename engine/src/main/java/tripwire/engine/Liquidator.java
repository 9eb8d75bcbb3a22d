package tripwire.engine;

import tripwire.codecs.Side;
import tripwire.engine.index.LiquidationIndex;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.risk.PartialLiquidationSizer;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.PenaltyTable;
import tripwire.engine.state.OrderIndex;

/**
 * Checks an account and, when it is liquidatable, emits one liquidation order per open position without an
 * outstanding order, at the position's bankruptcy price (docs/engine-model.md, "Liquidation orders"); its
 * size is the whole position, or in a partial-liquidation market what {@link PartialLiquidationSizer} says
 * (docs/risk-model.md section 4), and its limit leaves room for the market's penalty ({@link LiquidationPricing}).
 * A bankrupt account's positions in auto-deleveraging markets go to the {@link AutoDeleverager} first
 * (docs/risk-model.md section 7); what it cannot place gets a whole-size order at the same bankruptcy price.
 *
 * <p>Owned by the business-logic thread. Allocates nothing: scratch arrays are sized at construction.
 */
final class Liquidator
{
    static final long NO_ORDER = 0;

    private final AccountStore accounts;
    private final MarketTable markets;
    private final MarginCalculator margin;
    private final OutputPublisher publisher;
    private final OrderIndex orderRefById;
    private final PenaltyTable penalties;
    private final InsuranceFund insuranceFund;
    private final AutoDeleverager deleverager;
    private final PartialLiquidationSizer sizer;
    private final int[] candidateMarkets;
    private LiquidationIndex liquidationIndex;
    private final long[] candidateMaintenanceE8;
    private long lastOrderId;

    Liquidator(
        final AccountStore accounts,
        final MarketTable markets,
        final MarginCalculator margin,
        final OutputPublisher publisher,
        final OrderIndex orderRefById,
        final PenaltyTable penalties,
        final InsuranceFund insuranceFund,
        final AutoDeleverager deleverager,
        final PartialLiquidationSizer sizer)
    {
        this.accounts = accounts;
        this.markets = markets;
        this.margin = margin;
        this.publisher = publisher;
        this.orderRefById = orderRefById;
        this.penalties = penalties;
        this.insuranceFund = insuranceFund;
        this.deleverager = deleverager;
        this.sizer = sizer;
        this.candidateMarkets = new int[markets.capacity()];
        this.candidateMaintenanceE8 = new long[markets.capacity()];
    }

    long lastOrderId()
    {
        return lastOrderId;
    }

    void lastOrderId(final long lastOrderId)
    {
        this.lastOrderId = lastOrderId;
    }

    /** Packs where an order lives: account index and market id. */
    static long orderRef(final int accountIndex, final int marketId)
    {
        return ((long)accountIndex << 32) | (marketId & 0xFFFF_FFFFL);
    }

    static int accountIndexOf(final long orderRef)
    {
        return (int)(orderRef >>> 32);
    }

    static int marketIdOf(final long orderRef)
    {
        return (int)orderRef;
    }

    /**
     * @return true when the account is liquidatable and has at least one open position without an
     * outstanding order: what {@link #liquidate} would act on.
     */
    boolean needsOrders(final int accountIndex)
    {
        // Cheap test first: an account whose every position already has an order has nothing to emit.
        boolean hasUnorderedPosition = false;
        for (int bits = accounts.positionMask(accountIndex); bits != 0 && !hasUnorderedPosition; bits &= bits - 1)
        {
            hasUnorderedPosition = accounts.orderId(accountIndex, Integer.numberOfTrailingZeros(bits)) == NO_ORDER;
        }
        return hasUnorderedPosition && margin.evaluate(accountIndex) && margin.isLiquidatable();
    }

    /** Checks the account after an event that concerns it and emits its orders if it is liquidatable. */
    void check(final int accountIndex, final long triggerSeq, final long timeNs)
    {
        check(accountIndex, triggerSeq, timeNs, true);
    }

    /**
     * As {@link #check}, after an input wrote the account's record (a liquidation fill, a deposit of an asset
     * other than the quote asset; fills and quote deposits have their own below). With an index, the account's
     * new split comes first: when it proves the account not
     * liquidatable ({@link LiquidationIndex#resplitProvesSafe}), the exact check, which could only agree, is
     * skipped; the split was due at the end of the input anyway.
     */
    void checkChanged(final int accountIndex, final long triggerSeq, final long timeNs)
    {
        if (liquidationIndex != null && liquidationIndex.resplitProvesSafe(accountIndex))
        {
            return;
        }
        check(accountIndex, triggerSeq, timeNs, true);
    }

    /** As {@link #checkChanged}, after a fill changed the account's position in the market and its quote cash. */
    void checkAfterFill(final int accountIndex, final int marketId, final long triggerSeq, final long timeNs)
    {
        if (liquidationIndex != null && liquidationIndex.afterFillProvesSafe(accountIndex, marketId))
        {
            return;
        }
        check(accountIndex, triggerSeq, timeNs, true);
    }

    /** As {@link #checkChanged}, after a deposit of the quote asset changed only the account's cash. */
    void checkAfterCash(final int accountIndex, final long triggerSeq, final long timeNs)
    {
        if (liquidationIndex != null && liquidationIndex.afterCashProvesSafe(accountIndex))
        {
            return;
        }
        check(accountIndex, triggerSeq, timeNs, true);
    }

    /** Set when the engine runs with an index (null: none). */
    void liquidationIndex(final LiquidationIndex index)
    {
        this.liquidationIndex = index;
    }

    /**
     * @param mayDeleverage false for the check of an ADL counterparty: it gets a v1 check only, so that ADL
     *                      never recurses into the deleverager's scratch arrays while they are in use.
     */
    private void check(final int accountIndex, final long triggerSeq, final long timeNs, final boolean mayDeleverage)
    {
        if (!margin.evaluate(accountIndex) || !margin.isLiquidatable())
        {
            return;
        }

        // Taken before ADL evaluates candidates with the same calculator: every figure of this check is the
        // account's as it was when the check began.
        final long equityE8 = margin.equityE8();
        final long maintenanceE8 = margin.maintenanceE8();
        final int count = collectUnorderedPositions(accountIndex);
        final long accountId = accounts.accountId(accountIndex);
        final boolean deleveraging = mayDeleverage && AutoDeleverager.isDue(equityE8, insuranceFund.balanceE8());
        if (deleveraging)
        {
            deleverager.begin();
            for (int i = 0; i < count; i++)
            {
                final int marketId = candidateMarkets[i];
                if (deleverager.covers(marketId))
                {
                    final long bankruptcyE8 = limitPriceE8(i, accountIndex, equityE8, maintenanceE8);
                    final long restE8 = deleverager.deleverage(accountIndex, marketId, bankruptcyE8, triggerSeq, timeNs);
                    if (restE8 != 0)
                    {
                        final long limitPriceE8 =
                            LiquidationPricing.limitPriceE8(bankruptcyE8, restE8, penalties.penaltyRateE8(marketId));
                        emitOrder(accountIndex, accountId, marketId, restE8, limitPriceE8, triggerSeq, timeNs);
                    }
                }
            }
        }
        sizer.begin(accountIndex, equityE8, maintenanceE8, timeNs);
        for (int i = 0; i < count; i++)
        {
            final int marketId = candidateMarkets[i];
            if (deleveraging && deleverager.covers(marketId))
            {
                continue;
            }
            final long sizeE8 = accounts.sizeE8(accountIndex, marketId);
            final long markE8 = markets.markPriceE8(marketId);
            final long penaltyRateE8 = penalties.penaltyRateE8(marketId);
            final long orderSizeE8 = sizer.orderSizeE8(marketId, FixedPoint.abs(sizeE8), markE8, penaltyRateE8);
            if (orderSizeE8 == PartialLiquidationSizer.NO_ORDER)
            {
                continue;
            }
            final long limitPriceE8 = LiquidationPricing.limitPriceE8(
                limitPriceE8(i, accountIndex, equityE8, maintenanceE8), sizeE8, penaltyRateE8);
            emitOrder(accountIndex, accountId, marketId, sizeE8 > 0 ? orderSizeE8 : -orderSizeE8, limitPriceE8, triggerSeq, timeNs);
        }
        if (deleveraging)
        {
            for (int i = 0; i < deleverager.counterpartyCount(); i++)
            {
                check(deleverager.counterparty(i), triggerSeq, timeNs, false);
            }
        }
    }

    /** The v1 limit of the i-th collected position: its bankruptcy price at this check's figures. */
    private long limitPriceE8(final int i, final int accountIndex, final long equityE8, final long maintenanceE8)
    {
        final int marketId = candidateMarkets[i];
        final long shareE8 = FixedPoint.mulDivFloor(equityE8, candidateMaintenanceE8[i], maintenanceE8);
        return bankruptcyPriceE8(markets.markPriceE8(marketId), shareE8, accounts.sizeE8(accountIndex, marketId));
    }

    /** Emits one order closing {@code sizeE8} (signed like the position, non-zero) and records it as outstanding. */
    private void emitOrder(
        final int accountIndex,
        final long accountId,
        final int marketId,
        final long sizeE8,
        final long limitPriceE8,
        final long triggerSeq,
        final long timeNs)
    {
        final Side side = sizeE8 > 0 ? Side.SELL : Side.BUY;
        final long absSizeE8 = FixedPoint.abs(sizeE8);
        final long orderId = ++lastOrderId;

        accounts.order(accountIndex, marketId, orderId, absSizeE8, side.value());
        orderRefById.put(orderId, orderRef(accountIndex, marketId));
        publisher.liquidationOrder(triggerSeq, timeNs, orderId, accountId, marketId, side, absSizeE8, limitPriceE8);
    }

    /**
     * The price at which the position's share of equity is used up: P - share / size, rounded against the
     * account (a SELL limit up, a BUY limit down), at least one unit of 10^-8.
     */
    static long bankruptcyPriceE8(final long markE8, final long shareE8, final long sizeE8)
    {
        final long quotientE8 = sizeE8 > 0 ?
            FixedPoint.mulDivFloor(shareE8, FixedPoint.SCALE, sizeE8) :
            FixedPoint.negateSaturating(FixedPoint.mulDivFloor(shareE8, FixedPoint.SCALE, FixedPoint.abs(sizeE8)));
        final long limitE8 = FixedPoint.subtractSaturating(markE8, quotientE8);
        return Math.max(1L, limitE8);
    }

    /**
     * Fills the scratch arrays with the positions that have no outstanding order, sorted by maintenance
     * requirement descending, ties by market id ascending (insertion sort: at most maxMarkets entries).
     */
    private int collectUnorderedPositions(final int accountIndex)
    {
        int count = 0;
        for (int bits = accounts.positionMask(accountIndex); bits != 0; bits &= bits - 1)
        {
            final int m = Integer.numberOfTrailingZeros(bits);
            if (accounts.orderId(accountIndex, m) != NO_ORDER)
            {
                continue;
            }
            final long maintenanceE8 = margin.positionMaintenanceE8(accountIndex, m);
            int i = count++;
            while (i > 0 && candidateMaintenanceE8[i - 1] < maintenanceE8)
            {
                candidateMarkets[i] = candidateMarkets[i - 1];
                candidateMaintenanceE8[i] = candidateMaintenanceE8[i - 1];
                i--;
            }
            candidateMarkets[i] = m;
            candidateMaintenanceE8[i] = maintenanceE8;
        }
        return count;
    }
}

package tripwire.engine;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.Side;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.AutoDeleverageTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.MemberList;
import tripwire.engine.state.OffHeap;
import tripwire.engine.state.PositionCostStore;

/**
 * Auto-deleveraging (docs/risk-model.md section 7): closes a bankrupt account's position in an ADL market
 * against accounts holding the opposite side, at the position's bankruptcy price, best-ranked first.
 *
 * <p>Ranking: every other account with a position of the opposite sign in the market, no outstanding order
 * on it and equity {@code E_j > 0} is a candidate, scored
 * {@code floor(uPnL_j x N_j / E_j)} in 128 bits ({@link FixedPoint#mulDivFloor}, which saturates to
 * {@code Long.MAX_VALUE} / {@code Long.MIN_VALUE}: saturated scores tie and fall back on the index), with
 * {@code uPnL_j = floor(s_j x P) - cost_j} and {@code N_j = ceil(|s_j| x P)} at the mark {@code P}. Candidates
 * are taken by score descending, then account index ascending, by repeated selection of the best remaining
 * (O(k x n) for k reductions among n candidates), until the position is closed or no candidate is left.
 *
 * <p>Each reduction settles both accounts like a fill at the bankruptcy price (quote cash
 * {@code floor(-size x price)}, position, cost basis, the market's largest |position|); a pair whose trade
 * would break the range rule for either account is skipped. One {@code deleverage} output per pair.
 *
 * <p>The caller ({@link Liquidator}) brackets one account's check with {@link #begin()}; the accounts that
 * took a side are then listed once each, in the order they were first deleveraged, for the caller to check.
 *
 * <p>Owned by the business-logic thread. Allocates nothing: every scratch array is an off-heap buffer sized for
 * maxAccounts at construction (entry i of an int array at {@code 4 i}, of a long array at {@code 8 i}).
 * Evaluates candidates with the shared {@link MarginCalculator}, so it overwrites the figures the calculator
 * held: the caller must have taken the liquidated account's figures first.
 */
final class AutoDeleverager
{
    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarketTable markets;
    private final AutoDeleverageTable autoDeleverageMarkets;
    private final PositionCostStore costs;
    private final MarginCalculator margin;
    private final OutputPublisher publisher;
    private final UnsafeBuffer candidateIndexes;
    private final UnsafeBuffer candidateScores;
    private final UnsafeBuffer counterparties;
    /** Per account index: the {@link #stamp} of the deleveraging it last took a side in. */
    private final UnsafeBuffer counterpartyStamps;
    private int counterpartyCount;
    private int stamp;

    AutoDeleverager(
        final AccountStore accounts,
        final AssetTable assets,
        final MarketTable markets,
        final AutoDeleverageTable autoDeleverageMarkets,
        final PositionCostStore costs,
        final MarginCalculator margin,
        final OutputPublisher publisher)
    {
        this.accounts = accounts;
        this.assets = assets;
        this.markets = markets;
        this.autoDeleverageMarkets = autoDeleverageMarkets;
        this.costs = costs;
        this.margin = margin;
        this.publisher = publisher;
        final long maxAccounts = accounts.capacity();
        this.candidateIndexes = OffHeap.allocate(maxAccounts * Integer.BYTES);
        this.candidateScores = OffHeap.allocate(maxAccounts * Long.BYTES);
        this.counterparties = OffHeap.allocate(maxAccounts * Integer.BYTES);
        this.counterpartyStamps = OffHeap.allocate(maxAccounts * Integer.BYTES);
    }

    /**
     * True when a liquidatable account with equity {@code equityE8} is to be deleveraged: it already has a
     * debt ({@code E < 0}) that the insurance fund cannot cover ({@code fund < -E}).
     */
    static boolean isDue(final long equityE8, final long fundBalanceE8)
    {
        return equityE8 < 0 && fundBalanceE8 < -equityE8;
    }

    /** True when the market auto-deleverages. */
    boolean covers(final int marketId)
    {
        return autoDeleverageMarkets.isOn(marketId);
    }

    /** Starts one account's deleveraging: forgets the counterparties of the previous one. */
    void begin()
    {
        counterpartyCount = 0;
        if (++stamp == 0)
        {
            counterpartyStamps.setMemory(0, counterpartyStamps.capacity(), (byte)0);
            stamp = 1;
        }
    }

    /** Counterparties since {@link #begin()}, each once. */
    int counterpartyCount()
    {
        return counterpartyCount;
    }

    /** The account index of the i-th counterparty, in the order they were first deleveraged. */
    int counterparty(final int i)
    {
        return counterparties.getInt(i << 2);
    }

    /**
     * Closes as much as the candidates can take of the account's position in the market, at
     * {@code bankruptcyPriceE8}, emitting one {@code deleverage} per pair.
     *
     * @return the account's position left in the market afterwards (signed; 0 when fully deleveraged).
     */
    long deleverage(
        final int accountIndex,
        final int marketId,
        final long bankruptcyPriceE8,
        final long triggerSeq,
        final long timeNs)
    {
        final long positionE8 = accounts.sizeE8(accountIndex, marketId);
        if (positionE8 == 0)
        {
            return 0;
        }
        int count = collectCandidates(accountIndex, marketId, positionE8);
        final long accountId = accounts.accountId(accountIndex);
        final Side side = positionE8 > 0 ? Side.SELL : Side.BUY;
        long remainingE8 = FixedPoint.abs(positionE8);
        while (remainingE8 > 0 && count > 0)
        {
            final int best = best(count);
            final int counterpartyIndex = candidateIndexes.getInt(best << 2);
            count--;
            candidateIndexes.putInt(best << 2, candidateIndexes.getInt(count << 2));
            candidateScores.putLong(best << 3, candidateScores.getLong(count << 3));

            final long sizeE8 = Math.min(remainingE8, FixedPoint.abs(accounts.sizeE8(counterpartyIndex, marketId)));
            final long accountTradeE8 = positionE8 > 0 ? -sizeE8 : sizeE8;
            if (breaksRangeRule(accountIndex, marketId, accountTradeE8, bankruptcyPriceE8) ||
                breaksRangeRule(counterpartyIndex, marketId, -accountTradeE8, bankruptcyPriceE8))
            {
                continue;
            }
            settle(accountIndex, marketId, accountTradeE8, bankruptcyPriceE8);
            settle(counterpartyIndex, marketId, -accountTradeE8, bankruptcyPriceE8);
            remainingE8 -= sizeE8;
            addCounterparty(counterpartyIndex);
            publisher.deleverage(
                triggerSeq, timeNs, accountId, accounts.accountId(counterpartyIndex), marketId, side, sizeE8,
                bankruptcyPriceE8);
        }
        return accounts.sizeE8(accountIndex, marketId);
    }

    /** Fills the candidate arrays with every eligible opposite-side account and its score; returns how many. */
    private int collectCandidates(final int accountIndex, final int marketId, final long positionE8)
    {
        final long markE8 = markets.markPriceE8(marketId);
        final MemberList members = accounts.marketMembers(marketId);
        int count = 0;
        for (int slot = 0, size = members.size(); slot < size; slot++)
        {
            final int candidate = members.member(slot);
            final long sizeE8 = accounts.sizeE8(candidate, marketId);
            if (candidate == accountIndex || sizeE8 == 0 || (sizeE8 > 0) == (positionE8 > 0) ||
                accounts.orderId(candidate, marketId) != Liquidator.NO_ORDER ||
                !margin.evaluate(candidate) || margin.equityE8() <= 0)
            {
                continue;
            }
            final long equityE8 = margin.equityE8();
            final long unrealisedPnlE8 = FixedPoint.subtractSaturating(
                FixedPoint.mulE8Floor(sizeE8, markE8), costs.costE8(candidate, marketId));
            final long notionalE8 = FixedPoint.mulE8Ceil(FixedPoint.abs(sizeE8), markE8);
            candidateIndexes.putInt(count << 2, candidate);
            candidateScores.putLong(count << 3, FixedPoint.mulDivFloor(unrealisedPnlE8, notionalE8, equityE8));
            count++;
        }
        return count;
    }

    /** Position in the candidate arrays of the best of the first {@code count}: score desc, then index asc. */
    private int best(final int count)
    {
        int best = 0;
        for (int i = 1; i < count; i++)
        {
            final long score = candidateScores.getLong(i << 3);
            final long bestScore = candidateScores.getLong(best << 3);
            if (score > bestScore ||
                (score == bestScore && candidateIndexes.getInt(i << 2) < candidateIndexes.getInt(best << 2)))
            {
                best = i;
            }
        }
        return best;
    }

    private void addCounterparty(final int accountIndex)
    {
        if (counterpartyStamps.getInt(accountIndex << 2) != stamp)
        {
            counterpartyStamps.putInt(accountIndex << 2, stamp);
            counterparties.putInt(counterpartyCount++ << 2, accountIndex);
        }
    }

    /** The range rule of a fill (docs/engine-model.md), checked without publishing anything. */
    private boolean breaksRangeRule(final int accountIndex, final int marketId, final long sizeE8, final long priceE8)
    {
        final long newCashE8 =
            accounts.balanceE8(accountIndex, assets.quoteAssetId()) + FixedPoint.mulE8Floor(-sizeE8, priceE8);
        if (newCashE8 > FixedPoint.MAX_E8 || newCashE8 < -FixedPoint.MAX_E8)
        {
            return true;
        }
        final long newAbsSizeE8 = Math.abs(accounts.sizeE8(accountIndex, marketId) + sizeE8);
        if (newAbsSizeE8 > FixedPoint.MAX_E8)
        {
            return true;
        }
        final long markE8 = markets.markPriceE8(marketId);
        return FixedPoint.mulE8Floor(newAbsSizeE8, priceE8) > FixedPoint.MAX_E8 ||
            FixedPoint.mulE8Floor(newAbsSizeE8, markE8) > FixedPoint.MAX_E8;
    }

    /** Settles one side of a reduction that passed the range rule, as a fill: cash, cost basis, position. */
    private void settle(final int accountIndex, final int marketId, final long sizeE8, final long priceE8)
    {
        final int quoteAssetId = assets.quoteAssetId();
        final long cashDeltaE8 = FixedPoint.mulE8Floor(-sizeE8, priceE8);
        final long cashE8 = accounts.balanceE8(accountIndex, quoteAssetId);
        accounts.balance(accountIndex, quoteAssetId, cashE8 + cashDeltaE8, false);
        final long positionE8 = accounts.sizeE8(accountIndex, marketId);
        costs.onTrade(accountIndex, marketId, positionE8, sizeE8, priceE8);
        final long newPositionE8 = positionE8 + sizeE8;
        accounts.size(accountIndex, marketId, newPositionE8);
        markets.raiseMaxAbsSize(marketId, FixedPoint.abs(newPositionE8));
    }
}

package tripwire.engine.index;

import java.util.Arrays;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.AccountChangeListener;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MemberList;

/**
 * Which accounts a tick of a market may have made liquidatable: a superset of the market's members that are
 * liquidatable at the new mark with a position without an outstanding order, found in O(log n + k) instead of
 * a scan of every member. Each visited account still gets the engine's exact check, so outputs are those of a
 * full scan.
 *
 * <p>Every open account is in one of three classes, recomputed whenever its record changes:
 * <ul>
 *   <li><b>dormant</b>: no position without an outstanding order. No tick can give it orders; never visited.</li>
 *   <li><b>simple</b>: exactly one position (market m), without an order; no balance other than quote cash;
 *       m has no dynamic margin (multiplier x1). Kept in m's long or short tree keyed by its
 *       {@link TriggerPrice}: a tick at P visits the longs with trigger > P and the shorts with trigger < P.</li>
 *   <li><b>scanned</b>: every other account with a position without an order; kept in the scan list of every
 *       market it has a position in, and visited by every tick of those markets (as without the index).</li>
 * </ul>
 * A market with dynamic margin is not indexed at all ({@link #collect} returns {@link #NOT_INDEXED}; its ticks
 * scan every member).
 *
 * <p>Freshness: {@link AccountStore} reports every write to an account record ({@link AccountChangeListener});
 * the account is queued and reclassified at the next {@link #collect}, before the trees are read. Each market's
 * schedule (tiers, deductions, flags, multiplier) as last used for triggers is cached; when the stored schedule
 * differs, every member of the market is queued again. The index is derived state: not hashed, not in
 * snapshots ({@link #rebuild} after a restore).
 *
 * <p>Memory, allocated once, on heap: the treap pool (maxAccounts nodes), per market a scan list of up to
 * maxAccounts entries and a slot per account, the queue, the output array. Allocates nothing afterwards.
 * Owned by the business-logic thread.
 */
public final class LiquidationIndex implements AccountChangeListener
{
    /** {@link #collect}'s answer for a market whose ticks must scan every member. */
    public static final int NOT_INDEXED = -1;

    private static final int NO_SLOT = -1;
    private static final int SCHEDULE_LONGS = 3 + 2 * MarginScheduleTable.MAX_TIERS;

    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarginScheduleTable schedules;
    private final TriggerPrice triggers;
    private final TriggerTreaps treaps;
    private final int maxAssets;
    private final int maxMarkets;
    private final int[][] scanLists;
    private final int[] scanSizes;
    /** scanSlots[account * maxMarkets + market]: the account's slot in the market's scan list, or NO_SLOT. */
    private final int[] scanSlots;
    private final boolean[] queued;
    private final int[] queue;
    private int queueSize;
    private final long[][] scheduleUsed;
    private final int[] candidates;

    public LiquidationIndex(
        final AccountStore accounts, final AssetTable assets, final MarginScheduleTable schedules, final int maxMarkets)
    {
        this.accounts = accounts;
        this.assets = assets;
        this.schedules = schedules;
        this.triggers = new TriggerPrice(schedules);
        this.maxAssets = assets.capacity();
        this.maxMarkets = maxMarkets;
        final int maxAccounts = accounts.capacity();
        this.treaps = new TriggerTreaps(maxAccounts, 2 * maxMarkets);
        this.scanLists = new int[maxMarkets][maxAccounts];
        this.scanSizes = new int[maxMarkets];
        this.scanSlots = new int[maxAccounts * maxMarkets];
        this.queued = new boolean[maxAccounts];
        this.queue = new int[maxAccounts];
        this.scheduleUsed = new long[maxMarkets][SCHEDULE_LONGS];
        this.candidates = new int[maxAccounts];
        rebuild();
    }

    /** Forgets everything and queues every open account again: after a snapshot is restored into the store. */
    public void rebuild()
    {
        treaps.clear();
        Arrays.fill(scanSizes, 0);
        Arrays.fill(scanSlots, NO_SLOT);
        Arrays.fill(queued, false);
        queueSize = 0;
        for (final long[] schedule : scheduleUsed)
        {
            Arrays.fill(schedule, Long.MIN_VALUE);
        }
        for (int i = 0, count = accounts.count(); i < count; i++)
        {
            onAccountChanged(i);
        }
    }

    @Override
    public void onAccountChanged(final int accountIndex)
    {
        if (!queued[accountIndex])
        {
            queued[accountIndex] = true;
            queue[queueSize++] = accountIndex;
        }
    }

    /**
     * Collects the accounts a tick of the market to {@code markE8} may have made liquidatable: its simple longs
     * with trigger > mark, its simple shorts with trigger < mark, its scanned members; each once, in no order.
     *
     * @return how many ({@link #candidate(int)} 0 .. n-1), or {@link #NOT_INDEXED} when the caller must scan
     * every member of the market.
     */
    public int collect(final int marketId, final long markE8)
    {
        if (!isIndexable(marketId))
        {
            return NOT_INDEXED;
        }
        refreshSchedule(marketId);
        flush();
        int count = treaps.collectAbove(longTree(marketId), markE8, candidates, 0);
        count = treaps.collectBelow(shortTree(marketId), markE8, candidates, count);
        final int[] scan = scanLists[marketId];
        final int scanSize = scanSizes[marketId];
        System.arraycopy(scan, 0, candidates, count, scanSize);
        return count + scanSize;
    }

    public int candidate(final int i)
    {
        return candidates[i];
    }

    /** Reclassifies every queued account (which may queue a market's members again: the loop takes them too). */
    private void flush()
    {
        while (queueSize > 0)
        {
            final int accountIndex = queue[--queueSize];
            queued[accountIndex] = false;
            reclassify(accountIndex);
        }
    }

    private void reclassify(final int accountIndex)
    {
        treaps.remove(accountIndex);
        final int slotBase = accountIndex * maxMarkets;
        for (int m = 0; m < maxMarkets; m++)
        {
            if (scanSlots[slotBase + m] != NO_SLOT)
            {
                removeFromScan(m, accountIndex);
            }
        }

        int positions = 0;
        int marketId = NO_SLOT;
        boolean unordered = false;
        for (int m = 0; m < maxMarkets; m++)
        {
            if (accounts.sizeE8(accountIndex, m) != 0)
            {
                positions++;
                marketId = m;
                unordered |= accounts.orderId(accountIndex, m) == 0;
            }
        }
        if (!unordered)
        {
            return;
        }
        final int quoteAssetId = assets.quoteAssetId();
        boolean onlyCash = quoteAssetId != AssetTable.NO_QUOTE_ASSET;
        for (int a = 0; a < maxAssets && onlyCash; a++)
        {
            onlyCash = a == quoteAssetId || accounts.balanceE8(accountIndex, a) == 0;
        }
        if (positions == 1 && onlyCash && isIndexable(marketId))
        {
            refreshSchedule(marketId);
            final long cashE8 = accounts.balanceE8(accountIndex, quoteAssetId);
            final long sizeE8 = accounts.sizeE8(accountIndex, marketId);
            if (sizeE8 > 0)
            {
                treaps.insert(longTree(marketId), accountIndex, triggers.longTriggerE8(marketId, cashE8, sizeE8));
            }
            else
            {
                treaps.insert(shortTree(marketId), accountIndex, triggers.shortTriggerE8(marketId, cashE8, sizeE8));
            }
            return;
        }
        for (int m = 0; m < maxMarkets; m++)
        {
            if (accounts.sizeE8(accountIndex, m) != 0)
            {
                addToScan(m, accountIndex);
            }
        }
    }

    private boolean isIndexable(final int marketId)
    {
        return !schedules.isDynamic(marketId) && schedules.multiplierE8(marketId) == FixedPoint.SCALE;
    }

    /** When the market's stored schedule is not the one its triggers were computed with, queues every member. */
    private void refreshSchedule(final int marketId)
    {
        final long[] used = scheduleUsed[marketId];
        final int tiers = schedules.tierCount(marketId);
        boolean same = used[0] == tiers &&
            used[1] == (schedules.isDynamic(marketId) ? 1 : 0) &&
            used[2] == schedules.multiplierE8(marketId);
        for (int t = 0; t < tiers && same; t++)
        {
            same = used[3 + 2 * t] == schedules.maintenanceRateE8(marketId, t) &&
                used[4 + 2 * t] == schedules.maintenanceDeductionE8(marketId, t);
        }
        if (same)
        {
            return;
        }
        used[0] = tiers;
        used[1] = schedules.isDynamic(marketId) ? 1 : 0;
        used[2] = schedules.multiplierE8(marketId);
        for (int t = 0; t < tiers; t++)
        {
            used[3 + 2 * t] = schedules.maintenanceRateE8(marketId, t);
            used[4 + 2 * t] = schedules.maintenanceDeductionE8(marketId, t);
        }
        final MemberList members = accounts.marketMembers(marketId);
        for (int slot = 0, size = members.size(); slot < size; slot++)
        {
            onAccountChanged(members.member(slot));
        }
    }

    private void addToScan(final int marketId, final int accountIndex)
    {
        final int slot = scanSizes[marketId]++;
        scanLists[marketId][slot] = accountIndex;
        scanSlots[accountIndex * maxMarkets + marketId] = slot;
    }

    private void removeFromScan(final int marketId, final int accountIndex)
    {
        final int slot = scanSlots[accountIndex * maxMarkets + marketId];
        final int last = --scanSizes[marketId];
        final int moved = scanLists[marketId][last];
        scanLists[marketId][slot] = moved;
        scanSlots[moved * maxMarkets + marketId] = slot;
        scanSlots[accountIndex * maxMarkets + marketId] = NO_SLOT;
    }

    private static int longTree(final int marketId)
    {
        return 2 * marketId;
    }

    private static int shortTree(final int marketId)
    {
        return 2 * marketId + 1;
    }
}

package tripwire.engine.index;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.risk.MarginRequirements;
import tripwire.engine.state.AccountChangeListener;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.MemberList;
import tripwire.engine.state.OffHeap;
import tripwire.engine.state.OracleTable;

/**
 * Which accounts a tick of a market or of a collateral asset may have made liquidatable: a superset of the
 * members (holders) that are liquidatable at the new price with a position without an outstanding order, found in
 * O(log n + k) instead of a scan of every member. Each visited account still gets the engine's exact check, so
 * the outputs are those of a full scan.
 *
 * <p><b>Bands.</b> An account's margin is separable by market and asset:
 * {@code E - MM = cash + sum_a v_a(P_a) + sum_m g_m(P_m)} with {@code v_a} a non-quote balance's value (haircut,
 * and stale cut, counted always when the asset's oracle has a staleness limit since staleness comes with time
 * alone) and {@code g_m(P) = floor(s_m P / 10^8) - MM_m(P)}. When the account is (re)classified at prices
 * {@code P0}, its slack {@code S = E - MM >= 0} is split among its positions and its non-quote balances in
 * proportion to their notionals and values ({@code S_x}: each but the last, in market then asset order, is
 * {@code floor(S w_x / W)}, at most its exact part, and the last takes what they leave, so they sum to {@code S};
 * a single exposure gets all of it). Each position gets a {@link TriggerPrice} for the margin {@code c_m = S_m - g_m(P0_m)}, each balance a
 * {@link CollateralTrigger} for the value {@code v_a(P0_a) - S_a}: while every price stays on the safe side of
 * its trigger, {@code g_m(P_m) >= g_m(P0_m) - S_m} and {@code v_a(P_a) >= v_a(P0_a) - S_a}, so
 * {@code E - MM >= S - sum S_x >= 0}: not liquidatable. For one position and quote cash only, {@code c} is the cash,
 * exact, independent of the marks. Each position is a node in its market's long or short {@link TriggerBuckets},
 * each balance in its asset's: a market tick at P visits the longs with trigger > P and the shorts with
 * trigger < P, an asset tick the balances with trigger > P, and every visited account is queued for a new split.
 *
 * <p><b>Classes</b>, recomputed whenever an account's inputs change:
 * <ul>
 *   <li><i>dormant</i>: no position without an outstanding order. No tick can give it orders; never visited.</li>
 *   <li><i>banded</i>: every position's market has a mark and no dynamic margin, and {@code S >= 0}: one node
 *       per position and per priced non-quote balance, as above.</li>
 *   <li><i>scanned</i>: every other account with a position without an order (a market without a mark or with
 *       dynamic margin, {@code S < 0}): in the scan list of each of its markets, visited by each of their
 *       ticks and by each tick of an asset it holds, as without the index; re-split after each visit when its
 *       class may change with prices.</li>
 * </ul>
 * A market with dynamic margin is not indexed ({@link #collect} returns {@link #NOT_INDEXED}: its ticks scan
 * every member).
 *
 * <p><b>Freshness.</b> {@link AccountStore} reports every write to an account record ({@link AccountChangeListener});
 * the account is queued and re-split at the end of the input ({@link #afterInput}), or at the next
 * {@link #collect} when that comes first, before any bucket is read. Each market's schedule (tiers, deductions,
 * flags, multiplier) and each asset's valuation parameters (haircut, staleness limit, stale haircut) as last
 * used are cached; when they differ, every member of that market or holder of that asset is queued. The index
 * is derived state: not hashed, not in snapshots ({@link #rebuild} after a restore).
 *
 * <p><b>Floors and early re-splits.</b> Each placed node keeps its floor {@code F_x}, the value its term stays at
 * or above while its price is on the safe side of its trigger; a split leaves {@code cash + sum F_x = 0}, and a
 * banded account keeps {@code cash + sum F_x >= 0}, so it is not liquidatable. After an input writes an account
 * the engine asks the index before its exact margin check ({@link #resplitProvesSafe}, {@link #afterFillProvesSafe},
 * {@link #afterCashProvesSafe}): the account is re-split then and there (a fill moves only its own position's
 * node when the other floors still hold; a quote deposit moves nothing), and when the split proves it safe the
 * check, which could only agree, is skipped.
 *
 * <p>Memory, allocated once. Off-heap ({@link OffHeap} buffers, entries at computed offsets), everything that
 * scales with accounts: the bucket pool (maxAccounts x (maxMarkets + maxAssets) nodes, 16 bytes each; chunks of
 * 14 node numbers in 64 bytes, enough for every node plus a partial chunk and a 4-byte head per bucket: about 4.6
 * bytes per node and 272 KB per tree), per market a scan list of up to maxAccounts entries and a slot per
 * account (8 bytes per account and market), and per account its state word, a queue entry and a candidate entry
 * (16 bytes), and a floor per node (8 bytes per account and market or asset). On heap, only what scales with
 * markets and assets: the bitmap and key bounds of the 4,097 buckets of each tree (two per market, one per
 * asset; about 65 KB each), the cached schedules and asset parameters. Allocates nothing afterwards. Owned by
 * the business-logic thread.
 */
public final class LiquidationIndex implements AccountChangeListener
{
    /** {@link #collect}'s answer for a market whose ticks must scan every member. */
    public static final int NOT_INDEXED = -1;
    /** {@link #floorSum}'s answer when a partial sum leaves a long (never a sum itself: such a sum is refused too). */
    private static final long OVERFLOWED = Long.MIN_VALUE;
    /** {@link #band}'s answer when the account's slack is negative. */
    private static final long NOT_BANDED = -1;

    private static final int NO_SLOT = -1;
    /** Bits of the state word naming where the account is placed: market m is bit m, asset a bit maxMarkets + a. */
    private static final long PLACED = (1L << 31) - 1;
    /**
     * Bit 31 + m: market m's node is in the market's short tree (maxAssets >= 1 and maxMarkets + maxAssets <= 31, so
     * maxMarkets <= 30 and bits 31..60 hold them; the constructor checks it).
     */
    private static final int SHORT_SHIFT = 31;
    /**
     * Bit 61: the account has an entry in the queue (set when it is pushed, cleared when {@link #flush} pops it),
     * so that it has one entry at most however often it is queued, re-split early and queued again within one
     * input: the queue never holds more than maxAccounts entries.
     */
    private static final long IN_QUEUE = 1L << 61;
    private static final long SCANNED = 1L << 62;
    /** Bit 63: the account changed (or was visited) since its last split. */
    private static final long QUEUED = 1L << 63;
    /** The bits a re-split keeps as they are: whether it waits, and whether it has a queue entry. */
    private static final long QUEUE_BITS = QUEUED | IN_QUEUE;
    private static final int SCHEDULE_LONGS = 3 + 2 * MarginScheduleTable.MAX_TIERS;
    private static final int ASSET_LONGS = 3;

    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarketTable markets;
    private final MarginScheduleTable schedules;
    private final OracleTable assetOracles;
    private final MarginRequirements requirements;
    private final TriggerPrice triggers;
    private final TriggerBuckets buckets;
    private final int maxAssets;
    private final int maxMarkets;
    private final int maxAccounts;
    /** Nodes per account: one per market (its position), then one per asset (its balance). */
    private final int nodesPerAccount;
    /** Market m's scan list: int entry {@code slot} at {@code (m x maxAccounts + slot) x 4}. */
    private final UnsafeBuffer scanLists;
    private final int[] scanSizes;
    /** The account's slot in the market's scan list, or NO_SLOT: int at {@code (account x maxMarkets + market) x 4}. */
    private final UnsafeBuffer scanSlots;
    /**
     * Per account, one long at {@code account x 8} (one cache miss for all of it): where it is placed
     * ({@link #PLACED}: the markets where it has a bucket node, banded, or a scan slot, scanned, and the assets
     * where it has a bucket node), which of its market nodes are in a short tree ({@link #SHORT_SHIFT}),
     * {@link #SCANNED} for a scanned account, whose class may change with prices alone (re-split after each
     * visit), {@link #QUEUED} while it waits for a split and {@link #IN_QUEUE} while it has an entry in the queue.
     */
    private final UnsafeBuffer accountState;
    /** Where touched values go, so that the JIT keeps the loads that warm the cache; never read. */
    private long touchedSink;
    /**
     * Per node, its floor {@code F_x} (long at {@code node x 8}), written when it is placed: a value its term stays
     * at or above while its price stays on the safe side of its trigger (a position's {@code g_m(P)}: minus the
     * margin its trigger was computed for; a balance's {@code v_a(P)}: its target value). A banded account keeps
     * {@code quote cash + sum F_x >= 0} over its placed nodes, so it is not liquidatable (see
     * {@link #afterFillProvesSafe}). Read only for placed nodes, so never cleared.
     */
    private final UnsafeBuffer floors;
    /**
     * The sum of the schedule, asset and asset-oracle tables' generations when every split last rested on their
     * current values (after {@link #refreshAll}); -1 until then. An incremental update of one node is sound only
     * while it still matches: the other nodes' floors were computed with those values.
     */
    private long splitGeneration = -1;
    /** Account indexes waiting for a re-split: int entry i at {@code i x 4}. */
    private final UnsafeBuffer queue;
    private int queueSize;
    private final long[][] scheduleUsed;
    private final long[][] assetUsed;
    /** {@link #collect}'s answer: int entry i at {@code i x 4} (node numbers until turned into account indexes). */
    private final UnsafeBuffer candidates;
    private final long[] termE8;
    private final long[] notionalE8;
    /** {@link #lowestCollateralE8}'s answer beside its sum: the assets with a value > 0, and their values. */
    private int valuedAssets;
    private final long[] assetValueE8;

    public LiquidationIndex(
        final AccountStore accounts,
        final AssetTable assets,
        final MarketTable markets,
        final MarginScheduleTable schedules,
        final OracleTable assetOracles)
    {
        this.accounts = accounts;
        this.assets = assets;
        this.markets = markets;
        this.schedules = schedules;
        this.assetOracles = assetOracles;
        this.requirements = new MarginRequirements(schedules);
        this.triggers = new TriggerPrice(schedules);
        this.maxAssets = assets.capacity();
        this.maxMarkets = markets.capacity();
        this.maxAccounts = accounts.capacity();
        this.nodesPerAccount = maxMarkets + maxAssets;
        if (maxAssets < 1 || nodesPerAccount > 31)
        {
            throw new IllegalArgumentException(
                "the state word holds 1 to 31 markets and assets, with at least one asset: " + maxMarkets + " markets, " +
                maxAssets + " assets");
        }
        if (!fits(maxAccounts, maxMarkets, maxAssets))
        {
            throw new IllegalArgumentException("index of " + maxAccounts + " accounts x (" + maxMarkets + " markets + " +
                maxAssets + " assets) exceeds one buffer");
        }
        final long accountMarkets = (long)maxAccounts * maxMarkets;
        this.buckets = new TriggerBuckets((int)((long)maxAccounts * nodesPerAccount), 2 * maxMarkets + maxAssets);
        this.scanLists = OffHeap.allocate(accountMarkets * Integer.BYTES);
        this.scanSizes = new int[maxMarkets];
        this.scanSlots = OffHeap.allocate(accountMarkets * Integer.BYTES);
        this.accountState = OffHeap.allocate((long)maxAccounts * Long.BYTES);
        this.floors = OffHeap.allocate((long)maxAccounts * nodesPerAccount * Long.BYTES);
        this.queue = OffHeap.allocate((long)maxAccounts * Integer.BYTES);
        this.scheduleUsed = new long[maxMarkets][SCHEDULE_LONGS];
        this.assetUsed = new long[maxAssets][ASSET_LONGS];
        this.candidates = OffHeap.allocate((long)maxAccounts * Integer.BYTES);
        this.termE8 = new long[maxMarkets];
        this.notionalE8 = new long[maxMarkets];
        this.assetValueE8 = new long[maxAssets];
        rebuild();
    }

    /**
     * True when every table of an index for these capacities fits one off-heap buffer (the engine runs without
     * an index otherwise). The node pool, 16 bytes per account and market or asset, is the largest (the chunks take
     * about 4.6 bytes per node and 256 KB per tree); an {@link AccountStore} record holds at least 16 bytes per asset
     * and 32 per market beside its header, so whenever the store fits, so does the index (near the store's limit the
     * record's other bytes leave far more room than the chunks' 256 KB per tree).
     */
    public static boolean fits(final int maxAccounts, final int maxMarkets, final int maxAssets)
    {
        return TriggerBuckets.fits((long)maxAccounts * (maxMarkets + maxAssets), 2 * maxMarkets + maxAssets);
    }

    /** Forgets everything and queues every open account again: after a snapshot is restored into the store. */
    public void rebuild()
    {
        buckets.clear();
        Arrays.fill(scanSizes, 0);
        // Every byte 0xFF: every int reads NO_SLOT (-1).
        scanSlots.setMemory(0, scanSlots.capacity(), (byte)0xFF);
        accountState.setMemory(0, accountState.capacity(), (byte)0);
        queueSize = 0;
        splitGeneration = -1;
        for (final long[] schedule : scheduleUsed)
        {
            Arrays.fill(schedule, Long.MIN_VALUE);
        }
        for (final long[] asset : assetUsed)
        {
            Arrays.fill(asset, Long.MIN_VALUE);
        }
        for (int i = 0, count = accounts.count(); i < count; i++)
        {
            onAccountChanged(i);
        }
    }

    @Override
    public void onAccountChanged(final int accountIndex)
    {
        final long state = state(accountIndex);
        if ((state & QUEUED) == 0)
        {
            if ((state & IN_QUEUE) == 0)
            {
                queue.putInt(queueSize++ << 2, accountIndex);
            }
            state(accountIndex, state | QUEUE_BITS);
        }
    }

    /**
     * Collects the accounts a tick of the market to {@code markE8} (already stored as its mark) may have made
     * liquidatable: members whose position's trigger the mark crossed, and the market's scanned members; each
     * once, in no order. Queues the visited accounts for a new split ({@link #afterInput}).
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
        refreshAll();
        int count = buckets.collectAbove(longTree(marketId), markE8, candidates, 0);
        count = buckets.collectBelow(shortTree(marketId), markE8, candidates, count);
        visitNodes(count);
        final int scanBase = scanListOffset(marketId, 0);
        for (int slot = 0, scanSize = scanSizes[marketId]; slot < scanSize; slot++)
        {
            // Every account in a scan list is SCANNED: re-split after each visit.
            final int accountIndex = scanLists.getInt(scanBase + (slot << 2));
            candidates.putInt(count++ << 2, accountIndex);
            onAccountChanged(accountIndex);
        }
        return count;
    }

    /**
     * Collects the holders of an asset whose tick (already stored as its price) may have made them liquidatable:
     * banded holders whose balance's trigger the price fell below, and the asset's holders in a scan list. Each
     * once, in no order; O(log n + k) plus the scanned accounts, never a walk of every holder. Queues the visited
     * accounts for a new split ({@link #afterInput}).
     *
     * @return how many ({@link #candidate(int)} 0 .. n-1).
     */
    public int collectHolders(final int assetId)
    {
        refreshAll();
        int count = assetId == assets.quoteAssetId() ?
            0 : buckets.collectAbove(assetTree(assetId), assets.priceE8(assetId), candidates, 0);
        visitNodes(count);
        for (int m = 0; m < maxMarkets; m++)
        {
            final int scanBase = scanListOffset(m, 0);
            for (int slot = 0, scanSize = scanSizes[m]; slot < scanSize; slot++)
            {
                final int accountIndex = scanLists.getInt(scanBase + (slot << 2));
                // Every account in a scan list is SCANNED, so being queued marks it as already taken by this call
                // (and a banded one taken above is in no scan list).
                if ((state(accountIndex) & QUEUED) == 0 && accounts.balanceE8(accountIndex, assetId) != 0)
                {
                    candidates.putInt(count++ << 2, accountIndex);
                    onAccountChanged(accountIndex);
                }
            }
        }
        return count;
    }

    /**
     * Re-splits the accounts the input just changed or visited, while their records are still in cache (a tick
     * later they would not be). A split made here may rest on a schedule or asset parameters that the next
     * {@link #collect} finds out of date; it then queues those accounts again, so buckets are exact whenever they
     * are read.
     */
    public void afterInput()
    {
        flush();
    }

    /**
     * Loads what a re-split of the account after a write to its market slot reads first (its state word, and its
     * node and floor in the market), so that the misses overlap with the caller's own ({@code AccountStore.touch});
     * the value means nothing.
     */
    public long touch(final int accountIndex, final int marketId)
    {
        final int node = accountIndex * nodesPerAccount + marketId;
        return state(accountIndex) + buckets.touch(node) + floors.getLong(node << 3);
    }

    /**
     * Re-splits the account now, when an input has changed it since its last split (it is queued), and tells
     * whether that split proves it not liquidatable at the current prices: it is banded, so its slack
     * {@code S = C_low + sum value_m - sum MM_m >= 0}, where {@code C_low} (stale cut counted) is at most the
     * collateral the exact check counts and every other term is the check's own, computed from the same record,
     * marks and schedules; hence {@code E - MM >= S >= 0}. False for an account not queued (its split may predate
     * a schedule change that only the next {@link #collect} would catch) and for any other class: the caller
     * then runs the exact check.
     */
    public boolean resplitProvesSafe(final int accountIndex)
    {
        final long state = state(accountIndex);
        if ((state & QUEUED) == 0)
        {
            return false;
        }
        state(accountIndex, state & ~QUEUED);
        reclassify(accountIndex);
        return isBanded(state(accountIndex));
    }

    /** A banded account: placed (it has a position without an order) and not in a scan list. */
    private static boolean isBanded(final long state)
    {
        return (state & SCANNED) == 0 && (state & PLACED) != 0;
    }

    /**
     * As {@link #resplitProvesSafe}, after a fill changed one position (the market's size) and the quote cash,
     * updating only that position's node when it can. Sound while the account was banded before the input and
     * every other node's floor {@code F_x} still bounds its term (no schedule or asset parameter written since the
     * splits, {@link #splitGeneration}; no price moved past a trigger, or a tick would have re-split it): then
     * {@code E - MM >= cash + sum_{x != m} F_x + g_m(P_m)}, and when that is {@code >= 0} the position gets a trigger
     * for the margin {@code c_m = cash + sum_{x != m} F_x} (all the slack the other nodes leave) and the floor
     * {@code -c_m}, so that {@code cash + sum F_x = 0} again. Any other case (not banded before, a parameter
     * written, the position closed, its market not indexable or without a mark, {@code c_m + g_m(P_m) < 0}, a sum
     * beyond a long) takes the full re-split. A fill thus costs one trigger instead of one per exposure.
     */
    public boolean afterFillProvesSafe(final int accountIndex, final int marketId)
    {
        final long state = state(accountIndex);
        final long marketBit = 1L << marketId;
        final long sizeE8 = accounts.sizeE8(accountIndex, marketId);
        final long markE8 = markets.markPriceE8(marketId);
        if (!splitsStillHold(state) || sizeE8 == 0 || markE8 == 0 || !isIndexable(marketId))
        {
            return resplitProvesSafe(accountIndex);
        }
        final int nodeBase = accountIndex * nodesPerAccount;
        final long marginE8 = floorSum(nodeBase, state & PLACED & ~marketBit, cashE8(accountIndex));
        final long notionalE8 = FixedPoint.mulE8Ceil(FixedPoint.abs(sizeE8), markE8);
        final long termE8 = FixedPoint.mulE8FloorFromAbsCeil(sizeE8, markE8, notionalE8) -
            requirements.maintenanceE8(marketId, requirements.tierOf(marketId, notionalE8), notionalE8);
        final long slackE8 = marginE8 + termE8;
        if (marginE8 == OVERFLOWED || sumOverflowed(marginE8, termE8, slackE8) || slackE8 < 0)
        {
            return resplitProvesSafe(accountIndex);
        }
        final long placedShort = placePosition(nodeBase, marketId, sizeE8, marginE8, state);
        state(accountIndex, (state & ~(QUEUED | 1L << (SHORT_SHIFT + marketId))) | marketBit | placedShort);
        return true;
    }

    /**
     * As {@link #resplitProvesSafe}, after a deposit of the quote asset changed only the account's cash: while its
     * splits still hold, {@code cash + sum F_x >= 0} (a deposit only raises it) proves it not liquidatable and
     * every trigger stays valid as it is (nothing is written); otherwise the full re-split.
     */
    public boolean afterCashProvesSafe(final int accountIndex)
    {
        final long state = state(accountIndex);
        if (!splitsStillHold(state))
        {
            return resplitProvesSafe(accountIndex);
        }
        final long floorE8 = floorSum(accountIndex * nodesPerAccount, state & PLACED, cashE8(accountIndex));
        if (floorE8 == OVERFLOWED || floorE8 < 0)
        {
            return resplitProvesSafe(accountIndex);
        }
        state(accountIndex, state & ~QUEUED);
        return true;
    }

    /**
     * True when the account, changed by this input (queued), was banded when the input began and no parameter its
     * splits used has been written since the last refresh.
     */
    private boolean splitsStillHold(final long state)
    {
        return (state & QUEUED) != 0 && isBanded(state) && splitGeneration == parameterGeneration();
    }

    /**
     * {@code cashE8 + sum F_x} over the given nodes, or {@link #OVERFLOWED} when a partial sum leaves a long or a
     * floor is {@code -Long.MAX_VALUE}: that one was negated from a margin saturated at {@code Long.MAX_VALUE} and
     * may overstate the true floor.
     */
    private long floorSum(final int nodeBase, final long placements, final long cashE8)
    {
        long sumE8 = cashE8;
        for (long bits = placements; bits != 0; bits &= bits - 1)
        {
            final long floorE8 = floors.getLong((nodeBase + Long.numberOfTrailingZeros(bits)) << 3);
            final long next = sumE8 + floorE8;
            if (floorE8 == -Long.MAX_VALUE || sumOverflowed(sumE8, floorE8, next) || next == OVERFLOWED)
            {
                return OVERFLOWED;
            }
            sumE8 = next;
        }
        return sumE8;
    }

    /** True when {@code sum = a + b} wrapped: both operands' signs differ from the sum's. */
    private static boolean sumOverflowed(final long a, final long b, final long sum)
    {
        return ((a ^ sum) & (b ^ sum)) < 0;
    }

    private long cashE8(final int accountIndex)
    {
        return accounts.balanceE8(accountIndex, assets.quoteAssetId());
    }

    /** The i-th account index of the last {@link #collect} or {@link #collectHolders}. */
    public int candidate(final int i)
    {
        return candidates.getInt(i << 2);
    }

    /** Turns the first {@code count} candidates from node numbers into account indexes and queues each account. */
    private void visitNodes(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final int accountIndex = candidates.getInt(i << 2) / nodesPerAccount;
            candidates.putInt(i << 2, accountIndex);
            onAccountChanged(accountIndex);
        }
    }

    /**
     * Brings every schedule and asset's parameters up to date and re-splits every queued account: the buckets are
     * exact. The per-market and per-asset comparisons run only when a table's generation says something was
     * written since the last refresh (and always after a {@link #rebuild}).
     */
    private void refreshAll()
    {
        if (splitGeneration != parameterGeneration())
        {
            for (int m = 0; m < maxMarkets; m++)
            {
                refreshSchedule(m);
            }
            for (int a = 0; a < maxAssets; a++)
            {
                refreshAsset(a);
            }
        }
        flush();
        splitGeneration = parameterGeneration();
    }

    private long parameterGeneration()
    {
        return schedules.generation() + assets.generation() + assetOracles.generation();
    }

    /** Re-splits every queued account (which may queue a market's members again: the loop takes them too). */
    private void flush()
    {
        // Touch every queued account first: a tick queues hundreds, and their misses then overlap.
        long touched = 0;
        for (int i = 0; i < queueSize; i++)
        {
            final int accountIndex = queue.getInt(i << 2);
            touched += state(accountIndex) + accounts.touch(accountIndex);
        }
        touchedSink += touched;
        while (queueSize > 0)
        {
            // An entry whose account is no longer QUEUED was re-split early (resplitProvesSafe) and not changed since.
            final int accountIndex = queue.getInt(--queueSize << 2);
            final long state = state(accountIndex);
            state(accountIndex, state & ~QUEUE_BITS);
            if ((state & QUEUED) != 0)
            {
                reclassify(accountIndex);
            }
        }
    }

    private void reclassify(final int accountIndex)
    {
        final int nodeBase = accountIndex * nodesPerAccount;
        // A scanned account has scan slots in its placed markets; a banded one has bucket nodes there and in its
        // placed assets. Scan slots go now; bucket nodes stay until band knows whether each keeps its bucket.
        final long state = state(accountIndex);
        long oldNodes = state & ~(SCANNED | QUEUE_BITS);
        if ((state & SCANNED) != 0)
        {
            for (long bits = state & PLACED; bits != 0; bits &= bits - 1)
            {
                removeFromScan(Long.numberOfTrailingZeros(bits), accountIndex);
            }
            oldNodes = 0;
        }
        // Placement and class are rewritten below; the queue bits are kept as they are.
        state(accountIndex, state & QUEUE_BITS);

        final int positions = accounts.positionMask(accountIndex);
        boolean unordered = false;
        boolean banded = true;
        for (int bits = positions; bits != 0; bits &= bits - 1)
        {
            final int m = Integer.numberOfTrailingZeros(bits);
            unordered |= accounts.orderId(accountIndex, m) == 0;
            banded &= isIndexable(m) && markets.markPriceE8(m) != 0;
        }
        if (unordered && banded && assets.quoteAssetId() != AssetTable.NO_QUOTE_ASSET)
        {
            final long placed = band(accountIndex, positions, oldNodes);
            if (placed != NOT_BANDED)
            {
                removeNodes(nodeBase, oldNodes & PLACED & ~placed);
                state(accountIndex, (state & QUEUE_BITS) | placed);
                return;
            }
        }
        removeNodes(nodeBase, oldNodes & PLACED);
        if (!unordered)
        {
            return;
        }
        state(accountIndex, (state & QUEUE_BITS) | SCANNED | positions);
        for (int bits = positions; bits != 0; bits &= bits - 1)
        {
            addToScan(Integer.numberOfTrailingZeros(bits), accountIndex);
        }
    }

    private void removeNodes(final int nodeBase, final long placements)
    {
        for (long bits = placements; bits != 0; bits &= bits - 1)
        {
            buckets.remove(nodeBase + Long.numberOfTrailingZeros(bits));
        }
    }

    /**
     * Splits the account's slack among its positions and its non-quote balances in proportion to their notionals
     * and values, and puts each in its buckets: a node already in the right tree whose new key falls in its
     * bucket is re-keyed where it is (no neighbour touched), any other is moved.
     *
     * @param oldNodes the account's bucket nodes now ({@link #PLACED} and short-tree bits of its state word).
     * @return the state bits of the nodes placed (placement and short-tree bits), or {@link #NOT_BANDED}
     * (nothing changed) when the slack is {@code < 0}. Nodes of {@code oldNodes} not in the answer are left for
     * the caller to remove.
     */
    private long band(final int accountIndex, final int positionMask, final long oldNodes)
    {
        long equityE8 = lowestCollateralE8(accountIndex);
        long maintenanceE8 = 0;
        long totalWeightE8 = 0;
        final int assetMask = valuedAssets;
        for (int bits = assetMask; bits != 0; bits &= bits - 1)
        {
            totalWeightE8 += assetValueE8[Integer.numberOfTrailingZeros(bits)];
        }
        final int exposures = Integer.bitCount(positionMask) + Integer.bitCount(assetMask);
        for (int bits = positionMask; bits != 0; bits &= bits - 1)
        {
            final int m = Integer.numberOfTrailingZeros(bits);
            final long sizeE8 = accounts.sizeE8(accountIndex, m);
            final long markE8 = markets.markPriceE8(m);
            final long notional = FixedPoint.mulE8Ceil(FixedPoint.abs(sizeE8), markE8);
            final long valueE8 = FixedPoint.mulE8FloorFromAbsCeil(sizeE8, markE8, notional);
            final long requirementE8 = requirements.maintenanceE8(m, requirements.tierOf(m, notional), notional);
            notionalE8[m] = notional;
            termE8[m] = valueE8 - requirementE8;
            equityE8 += valueE8;
            maintenanceE8 = MarginRequirements.addSaturating(maintenanceE8, requirementE8);
            totalWeightE8 += notional;
        }
        // E and MM summed as MarginCalculator sums them (each within a long under the range rule; the weights,
        // notionals and values each within 2^58, at most 31 of them).
        final long slackE8 = FixedPoint.subtractSaturating(equityE8, maintenanceE8);
        if (slackE8 < 0)
        {
            return NOT_BANDED;
        }
        final int nodeBase = accountIndex * nodesPerAccount;
        long shortBits = 0;
        int exposuresLeft = exposures;
        long givenE8 = 0;
        for (int bits = positionMask; bits != 0; bits &= bits - 1)
        {
            final int m = Integer.numberOfTrailingZeros(bits);
            final long sizeE8 = accounts.sizeE8(accountIndex, m);
            final long shareE8 = share(slackE8, notionalE8[m], totalWeightE8, --exposuresLeft, givenE8);
            givenE8 += shareE8;
            shortBits |= placePosition(
                nodeBase, m, sizeE8, FixedPoint.subtractSaturating(shareE8, termE8[m]), oldNodes);
        }
        for (int bits = assetMask; bits != 0; bits &= bits - 1)
        {
            final int a = Integer.numberOfTrailingZeros(bits);
            final long shareE8 = share(slackE8, assetValueE8[a], totalWeightE8, --exposuresLeft, givenE8);
            givenE8 += shareE8;
            final long targetE8 = assetValueE8[a] - shareE8;
            floors.putLong((nodeBase + maxMarkets + a) << 3, targetE8);
            place(assetTree(a), nodeBase + maxMarkets + a, CollateralTrigger.triggerE8(
                accounts.balanceE8(accountIndex, a), assets.haircutE8(a), staleHaircutCountedE8(a), targetE8),
                (oldNodes & (1L << (maxMarkets + a))) != 0);
        }
        return positionMask | ((long)assetMask << maxMarkets) | shortBits;
    }

    /**
     * Places market m's node for a position of {@code sizeE8} (not 0) at the trigger for {@code marginE8} in the
     * long or short tree, and records its floor {@code -marginE8}.
     *
     * @param oldNodes the account's nodes before (placement and short-tree bits of its state word).
     * @return the node's short-tree bit when it went to the short tree, else 0.
     */
    private long placePosition(
        final int nodeBase, final int m, final long sizeE8, final long marginE8, final long oldNodes)
    {
        final int node = nodeBase + m;
        final long shortBit = 1L << (SHORT_SHIFT + m);
        final boolean wasPlaced = (oldNodes & (1L << m)) != 0;
        floors.putLong(node << 3, FixedPoint.negateSaturating(marginE8));
        if (sizeE8 > 0)
        {
            place(longTree(m), node, triggers.longTriggerE8(m, marginE8, sizeE8), wasPlaced && (oldNodes & shortBit) == 0);
            return 0;
        }
        place(shortTree(m), node, triggers.shortTriggerE8(m, marginE8, sizeE8), wasPlaced && (oldNodes & shortBit) != 0);
        return shortBit;
    }

    /**
     * Puts the node in the tree at the key: in place when it is in that tree already ({@code inTree}) and the key
     * keeps its bucket, else out of wherever it is and into the tree.
     */
    private void place(final int tree, final int node, final long keyE8, final boolean inTree)
    {
        if (inTree && buckets.rekey(tree, node, keyE8))
        {
            return;
        }
        buckets.remove(node);
        buckets.insert(tree, node, keyE8);
    }

    /**
     * An exposure's share of the slack: in proportion to its weight, rounded down, for every exposure but the last
     * ({@code exposuresLeft == 0} after it), which takes what the others left ({@code slackE8 - givenE8 >= 0},
     * since each share is at most its exact part): one 128-bit division fewer per split, and the shares sum to
     * the slack.
     */
    private static long share(
        final long slackE8, final long weightE8, final long totalWeightE8, final int exposuresLeft, final long givenE8)
    {
        if (exposuresLeft == 0)
        {
            return slackE8 - givenE8;
        }
        return totalWeightE8 == 0 ? 0 : FixedPoint.mulDivFloor(slackE8, weightE8, totalWeightE8);
    }

    /**
     * Quote cash plus every other balance at its haircut value at the asset's price, cut by its stale haircut too
     * when its oracle has a staleness limit (staleness comes with time alone, without an input to re-split on):
     * a value the account's collateral is at or above while each asset's price stays at or above the price
     * now (docs/engine-model.md, docs/risk-model.md section 8). Leaves in {@link #valuedAssets} the non-quote
     * assets worth more than 0 and their values in {@link #assetValueE8}.
     */
    private long lowestCollateralE8(final int accountIndex)
    {
        long collateralE8 = 0;
        final int quoteAssetId = assets.quoteAssetId();
        valuedAssets = 0;
        for (int bits = accounts.balanceMask(accountIndex); bits != 0; bits &= bits - 1)
        {
            final int a = Integer.numberOfTrailingZeros(bits);
            final long balanceE8 = accounts.balanceE8(accountIndex, a);
            if (a == quoteAssetId)
            {
                collateralE8 += balanceE8;
                continue;
            }
            final long priceE8 = assets.priceE8(a);
            if (priceE8 > 0)
            {
                final long valueE8 = FixedPoint.mulE8Floor(
                    MarginCalculator.haircutValueE8(balanceE8, priceE8, assets.haircutE8(a)),
                    FixedPoint.SCALE - staleHaircutCountedE8(a));
                assetValueE8[a] = valueE8;
                valuedAssets |= valueE8 > 0 ? 1 << a : 0;
                collateralE8 += valueE8;
            }
        }
        return collateralE8;
    }

    /** The stale haircut when the asset's oracle has a staleness limit (the index counts it always), else 0. */
    private long staleHaircutCountedE8(final int assetId)
    {
        return assetOracles.stalenessNs(assetId) > 0 ? assetOracles.staleHaircutE8(assetId) : 0;
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
        // A dynamic market's multiplier moves with its every tick; its members are scanned whatever it is.
        final boolean dynamic = schedules.isDynamic(marketId);
        final long multiplierE8 = dynamic ? 0 : schedules.multiplierE8(marketId);
        boolean same = used[0] == tiers && used[1] == (dynamic ? 1 : 0) && used[2] == multiplierE8;
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
        used[1] = dynamic ? 1 : 0;
        used[2] = multiplierE8;
        for (int t = 0; t < tiers; t++)
        {
            used[3 + 2 * t] = schedules.maintenanceRateE8(marketId, t);
            used[4 + 2 * t] = schedules.maintenanceDeductionE8(marketId, t);
        }
        queueAll(accounts.marketMembers(marketId));
    }

    /**
     * When the asset's valuation parameters (haircut, staleness limit, stale haircut) are not those its holders'
     * triggers were computed with, queues every holder. Its price needs no such check: a fall below a holder's
     * trigger is what {@link #collectHolders} visits, and a rise only raises collateral.
     */
    private void refreshAsset(final int assetId)
    {
        if (assetId == assets.quoteAssetId())
        {
            return;
        }
        final long[] used = assetUsed[assetId];
        final long haircutE8 = assets.haircutE8(assetId);
        final long stalenessNs = assetOracles.stalenessNs(assetId);
        final long staleHaircutE8 = assetOracles.staleHaircutE8(assetId);
        if (used[0] == haircutE8 && used[1] == stalenessNs && used[2] == staleHaircutE8)
        {
            return;
        }
        used[0] = haircutE8;
        used[1] = stalenessNs;
        used[2] = staleHaircutE8;
        queueAll(accounts.assetMembers(assetId));
    }

    private void queueAll(final MemberList members)
    {
        for (int slot = 0, size = members.size(); slot < size; slot++)
        {
            onAccountChanged(members.member(slot));
        }
    }

    private void addToScan(final int marketId, final int accountIndex)
    {
        final int slot = scanSizes[marketId]++;
        scanLists.putInt(scanListOffset(marketId, slot), accountIndex);
        scanSlots.putInt(scanSlotOffset(accountIndex, marketId), slot);
    }

    private void removeFromScan(final int marketId, final int accountIndex)
    {
        final int slot = scanSlots.getInt(scanSlotOffset(accountIndex, marketId));
        final int last = --scanSizes[marketId];
        final int moved = scanLists.getInt(scanListOffset(marketId, last));
        scanLists.putInt(scanListOffset(marketId, slot), moved);
        scanSlots.putInt(scanSlotOffset(moved, marketId), slot);
        scanSlots.putInt(scanSlotOffset(accountIndex, marketId), NO_SLOT);
    }

    private long state(final int accountIndex)
    {
        return accountState.getLong(accountIndex << 3);
    }

    private void state(final int accountIndex, final long state)
    {
        accountState.putLong(accountIndex << 3, state);
    }

    private int scanListOffset(final int marketId, final int slot)
    {
        return (marketId * maxAccounts + slot) << 2;
    }

    private int scanSlotOffset(final int accountIndex, final int marketId)
    {
        return (accountIndex * maxMarkets + marketId) << 2;
    }

    private int assetTree(final int assetId)
    {
        return 2 * maxMarkets + assetId;
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

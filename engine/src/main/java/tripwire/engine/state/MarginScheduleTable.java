package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.math.FixedPoint;

/**
 * Each market's margin schedule (docs/risk-model.md sections 1 to 3), by dense market id, one 384-byte
 * off-heap record each: its tiers with their deductions, its dynamic-margin parameters and state, and its
 * initial-margin-warning flag.
 * <pre>
 *   0         4         8                  16                   24                 32         40             48      64
 *   +---------+---------+------------------+--------------------+------------------+----------+--------------+-------+
 *   | tiers n | flags   | baseVolatilityE8 | volatilityWeightE8 | maxMultiplierE8  | sigmaE8  | multiplierE8 | (pad) |
 *   +---------+---------+------------------+--------------------+------------------+----------+--------------+-------+
 *   64 + 40 x t, for tier t in 0..7 (the first n are used; tier 0 holds the market's own rates, notional 0):
 *   +--------------+-------------------+---------------+------------------------+--------------------+
 *   | notionalE8   | maintenanceRateE8 | initialRateE8 | maintenanceDeductionE8 | initialDeductionE8 |
 *   +--------------+-------------------+---------------+------------------------+--------------------+
 * </pre>
 * Invariants once a market is defined: {@code 1 <= n <= 8}; tier notionals strictly increase from 0; rates
 * never decrease from one tier to the next; deductions are those of the definition (computed once by its
 * writer). {@code multiplierE8} is 10^8 (x1) unless dynamic margin is on; {@code sigmaE8} is the market's
 * exponentially weighted mean absolute return, meaningful only while dynamic margin is on.
 * Flags: {@link #DYNAMIC_FLAG}, {@link #WARNING_FLAG}. An undefined market's record is all zero.
 *
 * <p>Owned by the business-logic thread. Reads allocate nothing.
 */
public final class MarginScheduleTable
{
    /** Tiers per market, tier 0 included. */
    public static final int MAX_TIERS = 8;
    public static final int DYNAMIC_FLAG = 1;
    public static final int WARNING_FLAG = 2;

    static final int TIER_COUNT_OFFSET = 0;
    static final int FLAGS_OFFSET = 4;
    static final int BASE_VOLATILITY_OFFSET = 8;
    static final int VOLATILITY_WEIGHT_OFFSET = 16;
    static final int MAX_MULTIPLIER_OFFSET = 24;
    static final int SIGMA_OFFSET = 32;
    static final int MULTIPLIER_OFFSET = 40;
    static final int TIERS_OFFSET = 64;
    static final int TIER_LENGTH = 40;
    static final int TIER_NOTIONAL_OFFSET = 0;
    static final int TIER_MAINTENANCE_RATE_OFFSET = 8;
    static final int TIER_INITIAL_RATE_OFFSET = 16;
    static final int TIER_MAINTENANCE_DEDUCTION_OFFSET = 24;
    static final int TIER_INITIAL_DEDUCTION_OFFSET = 32;
    public static final int RECORD_LENGTH = TIERS_OFFSET + MAX_TIERS * TIER_LENGTH;

    private final UnsafeBuffer buffer;
    private final int capacity;
    /** See {@link #generation()}. */
    private long generation;

    public MarginScheduleTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    /** Sets the number of tiers in use (tier 0 included) and the flags; the tiers are written by {@link #tier}. */
    public void schedule(final int marketId, final int tierCount, final int flags)
    {
        generation++;
        final int offset = offset(marketId);
        buffer.putInt(offset + TIER_COUNT_OFFSET, tierCount);
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        // Unused tier slots are zeroed so that equal schedules hash equally.
        buffer.setMemory(
            offset + TIERS_OFFSET + tierCount * TIER_LENGTH, (MAX_TIERS - tierCount) * TIER_LENGTH, (byte)0);
    }

    public void tier(
        final int marketId,
        final int tier,
        final long notionalE8,
        final long maintenanceRateE8,
        final long initialRateE8,
        final long maintenanceDeductionE8,
        final long initialDeductionE8)
    {
        generation++;
        final int offset = tierOffset(marketId, tier);
        buffer.putLong(offset + TIER_NOTIONAL_OFFSET, notionalE8);
        buffer.putLong(offset + TIER_MAINTENANCE_RATE_OFFSET, maintenanceRateE8);
        buffer.putLong(offset + TIER_INITIAL_RATE_OFFSET, initialRateE8);
        buffer.putLong(offset + TIER_MAINTENANCE_DEDUCTION_OFFSET, maintenanceDeductionE8);
        buffer.putLong(offset + TIER_INITIAL_DEDUCTION_OFFSET, initialDeductionE8);
    }

    /** Dynamic-margin parameters; all 0 when dynamic margin is off. */
    public void volatilityParameters(
        final int marketId, final long baseVolatilityE8, final long volatilityWeightE8, final long maxMultiplierE8)
    {
        generation++;
        final int offset = offset(marketId);
        buffer.putLong(offset + BASE_VOLATILITY_OFFSET, baseVolatilityE8);
        buffer.putLong(offset + VOLATILITY_WEIGHT_OFFSET, volatilityWeightE8);
        buffer.putLong(offset + MAX_MULTIPLIER_OFFSET, maxMultiplierE8);
    }

    /** The dynamic state: mean absolute return and the multiplier it gives (E8; 10^8 is x1). */
    public void volatility(final int marketId, final long sigmaE8, final long multiplierE8)
    {
        if (!isDynamic(marketId))
        {
            // A dynamic market's members are never banded; any other market's multiplier decides whether it is.
            generation++;
        }
        final int offset = offset(marketId);
        buffer.putLong(offset + SIGMA_OFFSET, sigmaE8);
        buffer.putLong(offset + MULTIPLIER_OFFSET, multiplierE8);
    }

    /**
     * How many times a value the liquidation index reads has been written (schedule, tiers, dynamic-margin
     * parameters; a multiplier of a market without dynamic margin): equal counts mean nothing it split with has
     * changed. Not state: not hashed, not in snapshots (a restore rebuilds the index).
     */
    public long generation()
    {
        return generation;
    }

    public int tierCount(final int marketId)
    {
        return buffer.getInt(offset(marketId) + TIER_COUNT_OFFSET);
    }

    public boolean isDynamic(final int marketId)
    {
        return (buffer.getInt(offset(marketId) + FLAGS_OFFSET) & DYNAMIC_FLAG) != 0;
    }

    public boolean warnsBelowInitial(final int marketId)
    {
        return (buffer.getInt(offset(marketId) + FLAGS_OFFSET) & WARNING_FLAG) != 0;
    }

    /**
     * The tier of a position of this notional: the largest t with {@code notional(t) <= notionalE8}
     * (tier 0 starts at 0). Linear scan of at most {@link #MAX_TIERS} entries.
     */
    public int tierOf(final int marketId, final long notionalE8)
    {
        final int offset = offset(marketId);
        int tier = buffer.getInt(offset + TIER_COUNT_OFFSET) - 1;
        while (tier > 0 && buffer.getLong(offset + TIERS_OFFSET + tier * TIER_LENGTH + TIER_NOTIONAL_OFFSET) > notionalE8)
        {
            tier--;
        }
        return Math.max(tier, 0);
    }

    public long notionalE8(final int marketId, final int tier)
    {
        return buffer.getLong(tierOffset(marketId, tier) + TIER_NOTIONAL_OFFSET);
    }

    public long maintenanceRateE8(final int marketId, final int tier)
    {
        return buffer.getLong(tierOffset(marketId, tier) + TIER_MAINTENANCE_RATE_OFFSET);
    }

    public long initialRateE8(final int marketId, final int tier)
    {
        return buffer.getLong(tierOffset(marketId, tier) + TIER_INITIAL_RATE_OFFSET);
    }

    public long maintenanceDeductionE8(final int marketId, final int tier)
    {
        return buffer.getLong(tierOffset(marketId, tier) + TIER_MAINTENANCE_DEDUCTION_OFFSET);
    }

    public long initialDeductionE8(final int marketId, final int tier)
    {
        return buffer.getLong(tierOffset(marketId, tier) + TIER_INITIAL_DEDUCTION_OFFSET);
    }

    public long baseVolatilityE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + BASE_VOLATILITY_OFFSET);
    }

    public long volatilityWeightE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + VOLATILITY_WEIGHT_OFFSET);
    }

    public long maxMultiplierE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + MAX_MULTIPLIER_OFFSET);
    }

    public long sigmaE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + SIGMA_OFFSET);
    }

    /** The market's requirement multiplier, E8 ({@link FixedPoint#SCALE} is x1). */
    public long multiplierE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + MULTIPLIER_OFFSET);
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private static int offset(final int marketId)
    {
        return marketId * RECORD_LENGTH;
    }

    private static int tierOffset(final int marketId, final int tier)
    {
        return marketId * RECORD_LENGTH + TIERS_OFFSET + tier * TIER_LENGTH;
    }
}

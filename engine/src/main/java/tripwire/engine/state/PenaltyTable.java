package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Liquidation penalty parameters by market id (docs/risk-model.md section 5), one 16-byte off-heap record each.
 * <pre>
 *   0                   8                   16
 *   +-------------------+-------------------+
 *   |   penaltyRateE8   |  rewardShareE8    |
 *   +-------------------+-------------------+
 * </pre>
 * {@code penaltyRateE8} (f) is a fraction of a liquidation fill's notional in [0, 10^8); {@code rewardShareE8}
 * (w) the liquidator's share of the penalty in [0, 10^8]. Both 0 for a market defined without them, or never
 * defined: the penalty is then off and the market behaves as v1.
 *
 * <p>Owned by the business-logic thread. Allocated once, capacity = maxMarkets.
 */
public final class PenaltyTable
{
    static final int PENALTY_RATE_OFFSET = 0;
    static final int REWARD_SHARE_OFFSET = 8;
    public static final int RECORD_LENGTH = 16;

    private final UnsafeBuffer buffer;
    private final int capacity;

    public PenaltyTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    /** Replaces the market's parameters (a redefinition replaces them as it replaces the rates). */
    public void define(final int marketId, final long penaltyRateE8, final long rewardShareE8)
    {
        final int offset = offset(marketId);
        buffer.putLong(offset + PENALTY_RATE_OFFSET, penaltyRateE8);
        buffer.putLong(offset + REWARD_SHARE_OFFSET, rewardShareE8);
    }

    /** f of the market, E8 fraction; 0 when the penalty is off. */
    public long penaltyRateE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + PENALTY_RATE_OFFSET);
    }

    /** w of the market, E8 fraction of the penalty paid to the liquidator. */
    public long rewardShareE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + REWARD_SHARE_OFFSET);
    }

    /** The whole table, for state hashing. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private static int offset(final int marketId)
    {
        return marketId * RECORD_LENGTH;
    }
}

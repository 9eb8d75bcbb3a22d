package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Each market's partial-liquidation parameters (docs/risk-model.md section 4), by dense market id, one
 * 64-byte off-heap record each.
 * <pre>
 *   0         4         8                     16                         24                    32           40      64
 *   +---------+---------+---------------------+--------------------------+--------------------+------------+-------+
 *   | enabled |  (pad)  | liquidationBufferE8 | minLiquidationNotionalE8 | backstopFractionE8 | cooldownNs | (pad) |
 *   +---------+---------+---------------------+--------------------------+--------------------+------------+-------+
 * </pre>
 * {@code enabled} is 1 when the market's definition said {@code partialLiquidation: true}, else 0; an all-zero
 * record is v1 (whole positions). Rates are E8 fractions ({@code liquidationBufferE8} in [0, 10^8],
 * {@code backstopFractionE8} in [0, 10^8]); {@code minLiquidationNotionalE8} is quote E8 in [0, MAX_E8];
 * {@code cooldownNs} is event-time nanoseconds, >= 0. Every market definition rewrites its record.
 *
 * <p>Owned by the business-logic thread.
 */
public final class PartialLiquidationTable
{
    static final int ENABLED_OFFSET = 0;
    static final int BUFFER_OFFSET = 8;
    static final int MIN_NOTIONAL_OFFSET = 16;
    static final int BACKSTOP_FRACTION_OFFSET = 24;
    static final int COOLDOWN_OFFSET = 32;
    public static final int RECORD_LENGTH = 64;

    private final UnsafeBuffer buffer;
    private final int capacity;

    public PartialLiquidationTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    /** Replaces the market's parameters; {@code enabled} false with zeros is v1. */
    public void define(
        final int marketId,
        final boolean enabled,
        final long liquidationBufferE8,
        final long minLiquidationNotionalE8,
        final long backstopFractionE8,
        final long cooldownNs)
    {
        final int offset = offset(marketId);
        buffer.putInt(offset + ENABLED_OFFSET, enabled ? 1 : 0);
        buffer.putLong(offset + BUFFER_OFFSET, liquidationBufferE8);
        buffer.putLong(offset + MIN_NOTIONAL_OFFSET, minLiquidationNotionalE8);
        buffer.putLong(offset + BACKSTOP_FRACTION_OFFSET, backstopFractionE8);
        buffer.putLong(offset + COOLDOWN_OFFSET, cooldownNs);
    }

    public boolean isEnabled(final int marketId)
    {
        return buffer.getInt(offset(marketId) + ENABLED_OFFSET) != 0;
    }

    public long liquidationBufferE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + BUFFER_OFFSET);
    }

    public long minLiquidationNotionalE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + MIN_NOTIONAL_OFFSET);
    }

    public long backstopFractionE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + BACKSTOP_FRACTION_OFFSET);
    }

    public long cooldownNs(final int marketId)
    {
        return buffer.getLong(offset(marketId) + COOLDOWN_OFFSET);
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private static int offset(final int marketId)
    {
        return marketId * RECORD_LENGTH;
    }
}

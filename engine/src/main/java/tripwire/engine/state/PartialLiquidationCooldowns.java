package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Per account (by the dense index of {@link AccountStore}), the event time of its last partial liquidation
 * order, for the cooldown of docs/risk-model.md section 4. One 16-byte off-heap record each, allocated once
 * for every account the store can hold.
 * <pre>
 *   0                          8                 16
 *   +--------------------------+-----------------+
 *   | lastPartialOrderTimeNs   | hasPartialOrder |
 *   +--------------------------+-----------------+
 * </pre>
 * {@code hasPartialOrder} is 1 once the account has received a partial order, else 0 (then the time is 0 and
 * means nothing): a flag rather than a sentinel time, because any long is a valid event time.
 *
 * <p>Owned by the business-logic thread.
 */
public final class PartialLiquidationCooldowns
{
    static final int TIME_OFFSET = 0;
    static final int FLAG_OFFSET = 8;
    public static final int RECORD_LENGTH = 16;

    private final UnsafeBuffer buffer;

    public PartialLiquidationCooldowns(final int maxAccounts)
    {
        this.buffer = OffHeap.allocate((long)maxAccounts * RECORD_LENGTH);
    }

    public void recordPartialOrder(final int accountIndex, final long timeNs)
    {
        final int offset = accountIndex * RECORD_LENGTH;
        buffer.putLong(offset + TIME_OFFSET, timeNs);
        buffer.putLong(offset + FLAG_OFFSET, 1L);
    }

    /**
     * @return true when the account received a partial order at event time {@code t} and
     * {@code timeNs < t + cooldownNs} (the sum saturating): no new partial order yet.
     */
    public boolean isCoolingDown(final int accountIndex, final long timeNs, final long cooldownNs)
    {
        final int offset = accountIndex * RECORD_LENGTH;
        if (buffer.getLong(offset + FLAG_OFFSET) == 0)
        {
            return false;
        }
        final long lastTimeNs = buffer.getLong(offset + TIME_OFFSET);
        final long sum = lastTimeNs + cooldownNs;
        final long readyTimeNs = ((lastTimeNs ^ sum) & (cooldownNs ^ sum)) < 0 ? Long.MAX_VALUE : sum;
        return timeNs < readyTimeNs;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }
}

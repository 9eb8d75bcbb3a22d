package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.math.FixedPoint;

/**
 * The cost basis of every position (docs/risk-model.md section 7): the quote paid for it, in quote E8,
 * signed like the position (a long's cost is positive, a short's negative), 0 while the position is flat.
 * One off-heap record per account index, allocated once for {@code maxAccounts}; account indexes are those of
 * {@link AccountStore} (dense, in the order accounts were opened).
 * <pre>
 *   record of account index i, at i x maxMarkets x 8
 *   0              8              16                     maxMarkets x 8
 *   |  costE8(m=0) |  costE8(m=1) |  ...  | costE8(maxMarkets-1) |
 * </pre>
 * Kept beside {@link AccountStore} rather than inside its records so that the account layout stays v1's.
 *
 * <p>Owned by the business-logic thread; allocates nothing after construction.
 */
public final class PositionCostStore
{
    private final int maxMarkets;
    private final int recordLength;
    private final UnsafeBuffer buffer;

    public PositionCostStore(final int maxAccounts, final int maxMarkets)
    {
        this.maxMarkets = maxMarkets;
        this.recordLength = maxMarkets * Long.BYTES;
        this.buffer = OffHeap.allocate((long)maxAccounts * recordLength);
    }

    public int recordLength()
    {
        return recordLength;
    }

    public long costE8(final int accountIndex, final int marketId)
    {
        return buffer.getLong(offset(accountIndex, marketId));
    }

    /**
     * Moves the cost basis for a trade that is being settled: call it with the position as it was before
     * the trade.
     *
     * @param positionE8 the position before the trade, signed.
     * @param sizeE8     the signed size traded (non-zero).
     * @param priceE8    the trade price, > 0.
     */
    public void onTrade(
        final int accountIndex, final int marketId, final long positionE8, final long sizeE8, final long priceE8)
    {
        final int offset = offset(accountIndex, marketId);
        buffer.putLong(offset, costAfterTradeE8(buffer.getLong(offset), positionE8, sizeE8, priceE8));
    }

    /**
     * The cost basis after a trade of signed size {@code sizeE8} at {@code priceE8} on a position
     * {@code positionE8} whose cost basis is {@code costE8}, with the cash move {@code c = floor(-size x price)}:
     * <ul>
     *   <li>opening or adding (flat, or the trade has the position's sign): {@code cost - c};</li>
     *   <li>reducing, to flat at most: {@code floor(cost x (s + size) / s)} (0 once flat);</li>
     *   <li>flipping: the cost of the new side alone, {@code -floor(-(s + size) x price)}.</li>
     * </ul>
     * Saturates rather than wraps: under the range rule every term is within 2^58, so only an adversarial
     * history of many adds could reach the saturation bound.
     */
    public static long costAfterTradeE8(final long costE8, final long positionE8, final long sizeE8, final long priceE8)
    {
        final long newPositionE8 = positionE8 + sizeE8;
        if (positionE8 == 0 || (positionE8 > 0) == (sizeE8 > 0))
        {
            final long cashDeltaE8 = FixedPoint.mulE8Floor(-sizeE8, priceE8);
            return FixedPoint.subtractSaturating(costE8, cashDeltaE8);
        }
        if (newPositionE8 == 0)
        {
            return 0;
        }
        if ((newPositionE8 > 0) == (positionE8 > 0))
        {
            // mulDivFloor needs a positive divisor: cost x (s + size) / s = cost x -(s + size) / -s
            return positionE8 > 0 ?
                FixedPoint.mulDivFloor(costE8, newPositionE8, positionE8) :
                FixedPoint.mulDivFloor(costE8, -newPositionE8, -positionE8);
        }
        return FixedPoint.negateSaturating(FixedPoint.mulE8Floor(-newPositionE8, priceE8));
    }

    /** The records, for state hashing: the first {@code accountCount x recordLength()} bytes are in use. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private int offset(final int accountIndex, final int marketId)
    {
        return (accountIndex * maxMarkets + marketId) * Long.BYTES;
    }
}

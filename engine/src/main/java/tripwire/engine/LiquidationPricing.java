package tripwire.engine;

import tripwire.engine.math.FixedPoint;

/**
 * The limit price of a liquidation order with a penalty (docs/risk-model.md section 5): the v1 bankruptcy price
 * {@code bk} moved so that a fill at the limit still covers the position's share of equity after the penalty
 * {@code f} (E8 fraction of the fill's notional):
 * <pre>
 *   SELL: limit = ceil(bk x 10^8 / (10^8 - f))      BUY: limit = floor(bk x 10^8 / (10^8 + f))
 * </pre>
 * at least one unit of 10^-8, as v1's. With {@code f = 0} both are {@code bk} exactly.
 *
 * <p>Stateless; any thread; allocates nothing.
 */
final class LiquidationPricing
{
    private LiquidationPricing()
    {
    }

    /**
     * @param bankruptcyPriceE8 v1's limit (quote E8 per contract, >= 1).
     * @param positionSizeE8    the signed position the order closes: > 0 is a SELL, < 0 a BUY.
     * @param penaltyRateE8     f in [0, 10^8).
     */
    static long limitPriceE8(final long bankruptcyPriceE8, final long positionSizeE8, final long penaltyRateE8)
    {
        if (penaltyRateE8 == 0)
        {
            return bankruptcyPriceE8;
        }
        final long limitE8 = positionSizeE8 > 0 ?
            FixedPoint.mulDivCeil(bankruptcyPriceE8, FixedPoint.SCALE, FixedPoint.SCALE - penaltyRateE8) :
            FixedPoint.mulDivFloor(bankruptcyPriceE8, FixedPoint.SCALE, FixedPoint.SCALE + penaltyRateE8);
        return Math.max(1L, limitE8);
    }
}

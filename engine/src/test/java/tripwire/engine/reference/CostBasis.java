package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A position's cost basis, docs/risk-model.md section 7: the quote paid for it (signed like the position).
 * On a trade of signed size Δ at price p, with cash move {@code c = floor(−Δ × p)}:
 * <pre>
 * opening or adding (s = 0 or same sign as Δ):  cost −= c
 * reducing (|s + Δ| <= |s|, same sign or flat):  cost = floor(cost × (s + Δ) / s)
 * flipping (the sign changes):                   cost = −floor(−(s + Δ) × p)
 * </pre>
 */
final class CostBasis
{
    private CostBasis()
    {
    }

    static BigDecimal after(
        final BigDecimal cost, final BigDecimal position, final BigDecimal signedSize, final BigDecimal price)
    {
        final BigDecimal newPosition = position.add(signedSize);
        if (position.signum() == 0 || position.signum() == signedSize.signum())
        {
            final BigDecimal cashMove = E8.floor(signedSize.negate().multiply(price));
            return cost.subtract(cashMove);
        }
        if (newPosition.signum() == 0 || newPosition.signum() == position.signum())
        {
            return cost.multiply(newPosition).divide(position, E8.SCALE, RoundingMode.FLOOR);
        }
        return E8.floor(newPosition.negate().multiply(price)).negate();
    }
}

package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The engine's fixed-point scale written on {@link BigDecimal} values in whole units.
 *
 * <p>A quantity the engine holds as {@code xE8} (a long in units of 10^-8) is held here as the exact
 * decimal {@code xE8 / 10^8}. The engine's {@code floor(a × b / 10^8)} on E8 longs is then exactly
 * {@code floor(a × b)} to 8 fractional digits: {@link #floor(BigDecimal)}; likewise for ceilings.
 */
final class E8
{
    static final int SCALE = 8;

    /** One unit of 10^-8: the smallest positive quantity. */
    static final BigDecimal ONE_UNIT = BigDecimal.ONE.movePointLeft(SCALE);

    /** {@code MAX_E8 = 2^58} units of 10^-8, in whole units (2882303761.51711744). */
    static final BigDecimal MAX = new BigDecimal(BigInteger.TWO.pow(58)).movePointLeft(SCALE);

    private E8()
    {
    }

    /** Rounds down (toward −∞) to a whole number of 10^-8. */
    static BigDecimal floor(final BigDecimal value)
    {
        return value.setScale(SCALE, RoundingMode.FLOOR);
    }

    /** Rounds up (toward +∞) to a whole number of 10^-8. */
    static BigDecimal ceil(final BigDecimal value)
    {
        return value.setScale(SCALE, RoundingMode.CEILING);
    }

    /** True when {@code |value| > MAX_E8}; {@code value} is a whole number of 10^-8. */
    static boolean beyondRange(final BigDecimal value)
    {
        return value.abs().compareTo(MAX) > 0;
    }

    /**
     * The range rule's product test {@code a × b / 10^8 > MAX_E8} for non-negative E8 quantities, read as the
     * docs' integer arithmetic: the quotient is rounded down before the comparison. (The docs' bound "every
     * term at most MAX_E8 + 1" relies on that: a notional, rounded up, may then reach MAX_E8 + 1.)
     */
    static boolean productBeyondRange(final BigDecimal a, final BigDecimal b)
    {
        return beyondRange(floor(a.multiply(b)));
    }

    /**
     * Decodes an exact input value as docs/engine-model.md "Decoding an input quantity" does: not a whole
     * number of 10^-8 → {@code PRECISION} (checked first, never rounded); beyond {@code MAX_E8} → {@code OVERFLOW}.
     *
     * @return the value at scale 8.
     * @throws Rejected with PRECISION or OVERFLOW.
     */
    static BigDecimal decode(final BigDecimal exactValue)
    {
        if (exactValue.stripTrailingZeros().scale() > SCALE)
        {
            throw new Rejected(RejectReason.PRECISION);
        }
        if (beyondRange(exactValue))
        {
            throw new Rejected(RejectReason.OVERFLOW);
        }
        return exactValue.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** Plain decimal text with trailing zeros stripped, as the engine prints quantities. */
    static String text(final BigDecimal value)
    {
        return value.stripTrailingZeros().toPlainString();
    }
}

package tripwire.engine.math;

/**
 * Fixed-point arithmetic on {@code long}s in units of 10^-8 (suffix {@code E8}), with 128-bit intermediates.
 *
 * <p>Every product of two E8 values is formed in 128 bits ({@link Math#multiplyHigh}) before it is divided,
 * so {@code size × price} never wraps. A result that does not fit a {@code long} saturates to
 * {@link Long#MAX_VALUE} or {@link Long#MIN_VALUE}; callers compare results against {@link #MAX_E8}, so a
 * saturated value is always seen as out of range, never as a wrapped number.
 *
 * <p>Stateless; any thread. Allocates nothing.
 */
public final class FixedPoint
{
    /** 10^8: one unit of every E8 quantity. */
    public static final long SCALE = 100_000_000L;
    /** Fractional digits of every E8 quantity. */
    public static final int SCALE_DIGITS = 8;
    /** The range rule's bound: every stored quantity and every account term satisfies |x| <= 2^58. */
    public static final long MAX_E8 = 1L << 58;

    /** Returned by {@link #toE8} for a value with more fractional digits than 10^-8. */
    public static final long PRECISION_ERROR = Long.MIN_VALUE;
    /** Returned by {@link #toE8} for a value outside +-{@link #MAX_E8}. */
    public static final long OVERFLOW_ERROR = Long.MIN_VALUE + 1;

    private static final long[] POW10 = new long[19];
    /** Divisors below 2^31 take the fast digit-by-digit path of 128-bit division (10^8 among them). */
    private static final long SMALL_DIVISOR_LIMIT = 1L << 31;

    static
    {
        long p = 1;
        for (int i = 0; i < POW10.length; i++)
        {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FixedPoint()
    {
    }

    /**
     * The E8 value of {@code mantissa × 10^exponent}, exactly, or {@link #PRECISION_ERROR} when it is not a
     * whole number of 10^-8, or {@link #OVERFLOW_ERROR} when its magnitude exceeds {@link #MAX_E8}.
     * A mantissa of {@link Long#MIN_VALUE} marks a value its sender could not represent: an exponent >= 0
     * then means too large, a negative one too many digits.
     */
    public static long toE8(final long mantissa, final int exponent)
    {
        if (mantissa == Long.MIN_VALUE)
        {
            return exponent >= 0 ? OVERFLOW_ERROR : PRECISION_ERROR;
        }
        if (mantissa == 0)
        {
            return 0;
        }

        final int shift = exponent + SCALE_DIGITS;
        final long valueE8;
        if (shift >= 0)
        {
            if (shift >= POW10.length)
            {
                return OVERFLOW_ERROR;
            }
            final long factor = POW10[shift];
            final long high = Math.multiplyHigh(mantissa, factor);
            final long low = mantissa * factor;
            if (high != (low >> 63))
            {
                return OVERFLOW_ERROR;
            }
            valueE8 = low;
        }
        else
        {
            if (-shift >= POW10.length)
            {
                return PRECISION_ERROR;
            }
            final long divisor = POW10[-shift];
            if (mantissa % divisor != 0)
            {
                return PRECISION_ERROR;
            }
            valueE8 = mantissa / divisor;
        }

        return (valueE8 > MAX_E8 || valueE8 < -MAX_E8) ? OVERFLOW_ERROR : valueE8;
    }

    /** @return true when {@code valueE8} is one of {@link #toE8}'s error markers. */
    public static boolean isError(final long valueE8)
    {
        return valueE8 == PRECISION_ERROR || valueE8 == OVERFLOW_ERROR;
    }

    /** floor(a × b / 10^8), saturating. */
    public static long mulE8Floor(final long a, final long b)
    {
        return mulDivFloor(a, b, SCALE);
    }

    /** ceil(a × b / 10^8), saturating. */
    public static long mulE8Ceil(final long a, final long b)
    {
        return mulDivCeil(a, b, SCALE);
    }

    /** ceil(a × b / divisor) for {@code divisor > 0}, saturating. */
    public static long mulDivCeil(final long a, final long b, final long divisor)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if (high == (low >> 63) && low != Long.MIN_VALUE)
        {
            return -Math.floorDiv(-low, divisor);
        }
        return divide128(high, low, divisor, true);
    }

    /**
     * floor(a × b / divisor), rounding toward negative infinity, for {@code divisor > 0}; the product is exact
     * in 128 bits. Saturates to {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} when the quotient does not fit.
     */
    public static long mulDivFloor(final long a, final long b, final long divisor)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if (high == (low >> 63))
        {
            return Math.floorDiv(low, divisor);
        }
        return divide128(high, low, divisor, false);
    }

    /** -x, with -Long.MIN_VALUE saturated to Long.MAX_VALUE. */
    public static long negateSaturating(final long x)
    {
        return x == Long.MIN_VALUE ? Long.MAX_VALUE : -x;
    }

    /** a - b, saturating instead of wrapping. */
    public static long subtractSaturating(final long a, final long b)
    {
        final long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0)
        {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** |x|, with |Long.MIN_VALUE| saturated. */
    public static long abs(final long x)
    {
        return x < 0 ? negateSaturating(x) : x;
    }

    /** The signed 128-bit value high:low divided by a positive divisor, rounded down or up, saturating. */
    private static long divide128(final long high, final long low, final long divisor, final boolean ceiling)
    {
        final boolean negative = high < 0;
        long magHigh = high;
        long magLow = low;
        if (negative)
        {
            magLow = -low;
            magHigh = ~high + (low == 0 ? 1 : 0);
        }

        // |a x b| < 2^126, so the high word of the magnitude is non-negative: plain signed division is exact.
        final long quotientHigh = magHigh >= 0 ? magHigh / divisor : Long.divideUnsigned(magHigh, divisor);
        long remainder = magHigh >= 0 ? magHigh % divisor : Long.remainderUnsigned(magHigh, divisor);
        long quotientLow;
        if (divisor < SMALL_DIVISOR_LIMIT)
        {
            // Schoolbook division by 32-bit digits: remainder < divisor < 2^32, so every step fits a long.
            final long upper = (remainder << 32) | (magLow >>> 32);
            final long upperQuotient = upper / divisor;
            final long lower = ((upper % divisor) << 32) | (magLow & 0xFFFF_FFFFL);
            quotientLow = (upperQuotient << 32) | (lower / divisor);
            remainder = lower % divisor;
        }
        else
        {
            quotientLow = 0;
            for (int bit = 63; bit >= 0; bit--)
            {
                final boolean carry = remainder < 0;
                remainder = (remainder << 1) | ((magLow >>> bit) & 1L);
                quotientLow <<= 1;
                if (carry || Long.compareUnsigned(remainder, divisor) >= 0)
                {
                    remainder -= divisor;
                    quotientLow |= 1L;
                }
            }
        }

        if (quotientHigh != 0 || quotientLow < 0)
        {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        // Magnitude rounding: away from zero when the division is inexact and the rounding direction points away.
        final boolean roundAway = remainder != 0 && (negative != ceiling);
        if (negative)
        {
            final long q = -quotientLow;
            return roundAway ? (q == Long.MIN_VALUE ? Long.MIN_VALUE : q - 1) : q;
        }
        return roundAway ? (quotientLow == Long.MAX_VALUE ? Long.MAX_VALUE : quotientLow + 1) : quotientLow;
    }
}

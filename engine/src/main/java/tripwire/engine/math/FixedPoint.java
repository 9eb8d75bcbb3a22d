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
    /** One 32-bit digit of 128-bit long division. */
    private static final long DIGIT_BASE = 1L << 32;
    private static final long LOW_32_MASK = 0xFFFF_FFFFL;

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
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if (high == (low >> 63))
        {
            return Math.floorDiv(low, SCALE);
        }
        return mulE8Wide(a, b, false);
    }

    /** ceil(a × b / 10^8), saturating. */
    public static long mulE8Ceil(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if (high == (low >> 63) && low != Long.MIN_VALUE)
        {
            return -Math.floorDiv(-low, SCALE);
        }
        return mulE8Wide(a, b, true);
    }

    /**
     * floor(a × b / 10^8), saturating, for {@code b > 0}, given {@code absCeilE8 = mulE8Ceil(abs(a), b)}: a position's
     * value from its notional with one 64-bit check instead of a second 128-bit product. With {@code X = |a| b} and
     * {@code c = absCeilE8 = ceil(X / 10^8)} not saturated, {@code d = c 10^8 - X} lies in {@code [0, 10^8)}, so its low
     * 64 bits are 0 exactly when the quotient is exact; the floor is then {@code c - (d != 0)} for {@code a > 0} and
     * {@code -c} for {@code a <= 0}. Any other case ({@code b <= 0}, {@code a = Long.MIN_VALUE}, {@code c} saturated)
     * takes {@link #mulE8Floor} itself.
     */
    public static long mulE8FloorFromAbsCeil(final long a, final long b, final long absCeilE8)
    {
        if (b <= 0 || a == Long.MIN_VALUE || absCeilE8 == Long.MAX_VALUE)
        {
            return mulE8Floor(a, b);
        }
        final long remainderLow = absCeilE8 * SCALE - Math.abs(a) * b;
        final long inexact = (remainderLow | -remainderLow) >>> 63;
        final long sign = a >> 63;
        // a > 0 (sign 0): c - inexact; a < 0 (sign -1): -c; a = 0: c = 0 and exact.
        return ((absCeilE8 - (inexact & ~sign)) ^ sign) - sign;
    }

    /**
     * a × b / 10^8 rounded down or up, saturating, for a product beyond 64 bits. The magnitude {@code |a| × |b|}
     * is formed in 128 bits ({@code high:low}, {@code high < 2^62}) and divided by 10^8 in two 32-bit digits,
     * schoolbook: while {@code high < 10^8} every partial dividend {@code (remainder << 32) | digit} is below
     * {@code 10^8 × 2^32 < 2^59}, so each digit is one signed division by the constant 10^8, which the JIT turns
     * into a multiplication. A larger {@code high} means a quotient of 2^64 or more: saturated.
     */
    private static long mulE8Wide(final long a, final long b, final boolean ceiling)
    {
        if (a == Long.MIN_VALUE || b == Long.MIN_VALUE)
        {
            return divide128(Math.multiplyHigh(a, b), a * b, SCALE, ceiling);
        }
        // Signs and rounding as arithmetic, not branches: a product's sign is data, and a branch first taken late
        // (the first short, the first negative cash) would send every compiled caller back to the interpreter.
        final long sign = (a ^ b) >> 63;
        final long magA = Math.abs(a);
        final long magB = Math.abs(b);
        final long high = Math.multiplyHigh(magA, magB);
        final long low = magA * magB;
        if (high >= SCALE)
        {
            return Long.MAX_VALUE ^ sign;
        }
        final long upper = (high << 32) | (low >>> 32);
        final long upperQuotient = upper / SCALE;
        final long lower = ((upper - upperQuotient * SCALE) << 32) | (low & LOW_32_MASK);
        final long lowerQuotient = lower / SCALE;
        // upperQuotient < 2^32; at 2^31 or more the magnitude is 2^63 or more.
        if (upperQuotient >= 1L << 31)
        {
            return Long.MAX_VALUE ^ sign;
        }
        final long remainder = lower - lowerQuotient * SCALE;
        final long inexact = (remainder | -remainder) >>> 63;
        // Away from zero when inexact and the rounding points away: a negative floor or a positive ceiling.
        final long awayFromZero = (sign ^ (ceiling ? -1L : 0L)) >>> 63;
        final long magnitude = (upperQuotient << 32) + lowerQuotient + (inexact & awayFromZero);
        if ((magnitude & ~sign) < 0)
        {
            // A positive magnitude of 2^63: saturated. A negative one is Long.MIN_VALUE itself, exact.
            return Long.MAX_VALUE;
        }
        return (magnitude ^ sign) - sign;
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

        // |a x b| < 2^126, so the magnitude's high word is non-negative; a quotient of 2^64 or more cannot fit.
        if (magHigh >= divisor)
        {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        final long quotient = divideUnsigned128(magHigh, magLow, divisor);
        if (quotient < 0)
        {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        // The remainder is below the divisor, so its value mod 2^64 is the remainder itself.
        final long remainder = magLow - quotient * divisor;
        // Magnitude rounding: away from zero when the division is inexact and the rounding direction points away.
        final boolean roundAway = remainder != 0 && (negative != ceiling);
        if (negative)
        {
            final long q = -quotient;
            return roundAway ? (q == Long.MIN_VALUE ? Long.MIN_VALUE : q - 1) : q;
        }
        return roundAway ? (quotient == Long.MAX_VALUE ? Long.MAX_VALUE : quotient + 1) : quotient;
    }

    /**
     * The unsigned quotient of the 128-bit {@code high:low} by {@code divisor}, for {@code 0 <= high < divisor}:
     * long division in two 32-bit digits on the normalised divisor, each digit estimated from the divisor's top
     * half and corrected at most twice (Knuth's algorithm D as given in Hacker's Delight, "divlu"). Two hardware
     * divisions instead of a bit-by-bit loop; a divisor below 2^31 (the index's tier slacks, small sizes) takes
     * the plain two-digit schoolbook path, with no normalisation or correction.
     */
    private static long divideUnsigned128(final long high, final long low, final long divisor)
    {
        if (divisor < DIGIT_BASE >>> 1)
        {
            // A divisor below 2^31 is one digit: schoolbook in two 32-bit digits, each partial dividend
            // (remainder << 32 | digit) below 2^63, so two signed divisions and no correction.
            final long upper = (high << 32) | (low >>> 32);
            final long upperQuotient = upper / divisor;
            final long lower = ((upper - upperQuotient * divisor) << 32) | (low & LOW_32_MASK);
            return (upperQuotient << 32) + lower / divisor;
        }
        final int shift = Long.numberOfLeadingZeros(divisor);
        final long v = divisor << shift;
        final long vHigh = v >>> 32;
        final long vLow = v & LOW_32_MASK;
        final long uHigh = shift == 0 ? high : (high << shift) | (low >>> (64 - shift));
        final long uLow = low << shift;
        final long uLowHigh = uLow >>> 32;
        final long uLowLow = uLow & LOW_32_MASK;

        final long q1 = correctedDigit(divideUnsignedByDigit(uHigh, vHigh), uHigh, vHigh, vLow, uLowHigh);
        final long u21 = (uHigh << 32) + uLowHigh - q1 * v;
        final long q0 = correctedDigit(divideUnsignedByDigit(u21, vHigh), u21, vHigh, vLow, uLowLow);
        return (q1 << 32) | q0;
    }

    /**
     * Algorithm D's correction of an estimated quotient digit {@code qHat = dividend / vHigh}: lowered while it is
     * a whole digit or more, or while {@code qHat vLow > (rHat << 32 | nextDigit)}, at most twice (Knuth), and not
     * again once {@code rHat} reaches 2^32. As arithmetic, not a loop: whether a digit needs correcting is data,
     * rarely true, and a branch first taken late would send every compiled caller back to the interpreter.
     */
    private static long correctedDigit(
        final long qHat, final long dividend, final long vHigh, final long vLow, final long nextDigit)
    {
        final long rHat = dividend - qHat * vHigh;
        final long first = needsCorrection(qHat, rHat, vLow, nextDigit);
        final long q = qHat - first;
        final long rHatAfter = rHat + first * vHigh;
        final long second = first & (1 - nonZero(rHatAfter >>> 32)) & needsCorrection(q, rHatAfter, vLow, nextDigit);
        return q - second;
    }

    /** 1 when the digit estimate {@code q} is too large for {@code rHat} (both below 2^32 where it counts), else 0. */
    private static long needsCorrection(final long q, final long rHat, final long vLow, final long nextDigit)
    {
        return nonZero(q >>> 32) | unsignedLess((rHat << 32) | nextDigit, q * vLow);
    }

    /** 1 when {@code x != 0}, else 0. */
    private static long nonZero(final long x)
    {
        return (x | -x) >>> 63;
    }

    /** 1 when {@code x < y} as unsigned longs, else 0 (Hacker's Delight 2-12). */
    private static long unsignedLess(final long x, final long y)
    {
        return ((~x & y) | ((~x | y) & (x - y))) >>> 63;
    }

    /** The unsigned quotient of {@code dividend} by a digit {@code 2^31 <= digit < 2^32}, without BigInteger. */
    private static long divideUnsignedByDigit(final long dividend, final long digit)
    {
        // Any dividend, the top bit set or not (that is data too): halve, divide, multiply by two, and add the one
        // the halving may have lost.
        final long quotient = ((dividend >>> 1) / digit) << 1;
        return quotient + 1 - unsignedLess(dividend - quotient * digit, digit);
    }
}

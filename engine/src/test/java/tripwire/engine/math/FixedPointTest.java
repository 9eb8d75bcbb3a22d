package tripwire.engine.math;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tripwire.engine.math.FixedPoint.MAX_E8;
import static tripwire.engine.math.FixedPoint.OVERFLOW_ERROR;
import static tripwire.engine.math.FixedPoint.PRECISION_ERROR;

class FixedPointTest
{
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    @Test
    void shouldConvertExactDecimalsToE8()
    {
        assertEquals(150_000_000L, FixedPoint.toE8(15, -1));
        assertEquals(1L, FixedPoint.toE8(1, -8));
        assertEquals(100_000_000L, FixedPoint.toE8(1_000_000_000_000L, -12));
        assertEquals(-250_000_000L, FixedPoint.toE8(-25, -1));
        assertEquals(5_000_000_000L, FixedPoint.toE8(5, 1));
        assertEquals(0L, FixedPoint.toE8(0, 100));
    }

    @Test
    void shouldRejectMoreFractionalDigitsThanTheScaleInsteadOfRounding()
    {
        assertEquals(PRECISION_ERROR, FixedPoint.toE8(123_456_789L, -9));
        assertEquals(PRECISION_ERROR, FixedPoint.toE8(1, -19));
        assertEquals(PRECISION_ERROR, FixedPoint.toE8(Long.MIN_VALUE, -1));
    }

    @Test
    void shouldRejectValuesBeyondTheRangeRuleInsteadOfWrapping()
    {
        assertEquals(MAX_E8, FixedPoint.toE8(MAX_E8, -8));
        assertEquals(OVERFLOW_ERROR, FixedPoint.toE8(MAX_E8 + 1, -8));
        assertEquals(OVERFLOW_ERROR, FixedPoint.toE8(-MAX_E8 - 1, -8));
        assertEquals(OVERFLOW_ERROR, FixedPoint.toE8(Long.MAX_VALUE, 0));
        assertEquals(OVERFLOW_ERROR, FixedPoint.toE8(1, 20));
        assertEquals(OVERFLOW_ERROR, FixedPoint.toE8(Long.MIN_VALUE, 0));
    }

    @Test
    void shouldMultiplyAndDivideExactlyIn128BitsWithFloorAndCeiling()
    {
        final SplittableRandom random = new SplittableRandom(20261124L);
        for (int i = 0; i < 200_000; i++)
        {
            final long a = randomLong(random);
            final long b = randomLong(random);
            final long divisor = 1 + (random.nextBoolean() ? random.nextLong(Long.MAX_VALUE) : random.nextLong(1_000_000_000L));
            final BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            assertEquals(expected(product, divisor, RoundingMode.FLOOR), FixedPoint.mulDivFloor(a, b, divisor),
                () -> "floor(" + a + " * " + b + " / " + divisor + ")");
            assertEquals(expected(product, divisor, RoundingMode.CEILING), FixedPoint.mulDivCeil(a, b, divisor),
                () -> "ceil(" + a + " * " + b + " / " + divisor + ")");
        }
    }

    @Test
    void shouldSaturateInsteadOfWrappingWhenTheQuotientDoesNotFit()
    {
        assertEquals(Long.MAX_VALUE, FixedPoint.mulE8Floor(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, FixedPoint.mulE8Floor(Long.MAX_VALUE, -Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, FixedPoint.subtractSaturating(Long.MAX_VALUE - 1, -5));
        assertEquals(Long.MIN_VALUE, FixedPoint.subtractSaturating(Long.MIN_VALUE + 1, 5));
    }

    private static long expected(final BigInteger product, final long divisor, final RoundingMode mode)
    {
        final BigInteger quotient = new java.math.BigDecimal(product)
            .divide(java.math.BigDecimal.valueOf(divisor), 0, mode).toBigIntegerExact();
        if (quotient.compareTo(LONG_MAX) > 0)
        {
            return Long.MAX_VALUE;
        }
        if (quotient.compareTo(LONG_MIN) < 0)
        {
            return Long.MIN_VALUE;
        }
        return quotient.longValueExact();
    }

    private static long randomLong(final SplittableRandom random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return random.nextLong();
            case 1:
                return random.nextLong(-MAX_E8, MAX_E8);
            case 2:
                return random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            default:
                return random.nextLong(-1000, 1000);
        }
    }
}

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
    void shouldMultiplyE8ValuesExactlyWithFloorAndCeilingWhateverTheProductsWidth()
    {
        final SplittableRandom random = new SplittableRandom(20261127L);
        final long[] edges = {
            0, 1, -1, FixedPoint.SCALE - 1, FixedPoint.SCALE, FixedPoint.SCALE + 1, -FixedPoint.SCALE, MAX_E8, -MAX_E8,
            Long.MAX_VALUE / FixedPoint.SCALE * FixedPoint.SCALE, Long.MAX_VALUE, -Long.MAX_VALUE, Long.MIN_VALUE,
            3_037_000_499L, 3_037_000_500L * FixedPoint.SCALE};
        for (final long a : edges)
        {
            for (final long b : edges)
            {
                assertE8Product(a, b);
            }
        }
        for (int i = 0; i < 300_000; i++)
        {
            assertE8Product(randomLong(random), randomLong(random));
        }
    }

    @Test
    void shouldDivideExactlyAtDigitAndWordBoundariesOfTheDivisor()
    {
        final long[] divisors = {
            1, 2, 3, 7, FixedPoint.SCALE, (1L << 31) - 1, 1L << 31, (1L << 31) + 1, (1L << 32) - 1, 1L << 32,
            (1L << 32) + 1, 0xFFFF_FFFF_FFFFL, 1L << 62, (1L << 62) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        final long[] operands = {
            1, -1, 2, FixedPoint.SCALE, -FixedPoint.SCALE, 1L << 31, (1L << 32) - 1, 1L << 32, MAX_E8, -MAX_E8,
            (1L << 62) + 12_345, Long.MAX_VALUE, -Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFF_FFFFL << 29};
        final SplittableRandom random = new SplittableRandom(20261126L);
        for (final long divisor : divisors)
        {
            for (final long a : operands)
            {
                for (final long b : operands)
                {
                    assertBothRoundings(a, b, divisor);
                }
                for (int i = 0; i < 2_000; i++)
                {
                    assertBothRoundings(a, randomLong(random), divisor);
                }
            }
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

    private static void assertE8Product(final long a, final long b)
    {
        final BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        assertEquals(expected(product, FixedPoint.SCALE, RoundingMode.FLOOR), FixedPoint.mulE8Floor(a, b),
            () -> "floor(" + a + " * " + b + " / 10^8)");
        assertEquals(expected(product, FixedPoint.SCALE, RoundingMode.CEILING), FixedPoint.mulE8Ceil(a, b),
            () -> "ceil(" + a + " * " + b + " / 10^8)");
        // A position's value from its notional: the same floor, whatever the signs, the width or saturation.
        final long absCeilE8 = FixedPoint.mulE8Ceil(FixedPoint.abs(a), b);
        assertEquals(FixedPoint.mulE8Floor(a, b), FixedPoint.mulE8FloorFromAbsCeil(a, b, absCeilE8),
            () -> "floor(" + a + " * " + b + " / 10^8) from ceil(|a| * b / 10^8) = " + absCeilE8);
    }

    private static void assertBothRoundings(final long a, final long b, final long divisor)
    {
        final BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        assertEquals(expected(product, divisor, RoundingMode.FLOOR), FixedPoint.mulDivFloor(a, b, divisor),
            () -> "floor(" + a + " * " + b + " / " + divisor + ")");
        assertEquals(expected(product, divisor, RoundingMode.CEILING), FixedPoint.mulDivCeil(a, b, divisor),
            () -> "ceil(" + a + " * " + b + " / " + divisor + ")");
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

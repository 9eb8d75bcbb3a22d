package tripwire.engine;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limit price with a penalty (docs/risk-model.md section 5), against exact integer arithmetic. */
class LiquidationPricingTest
{
    private static final long SCALE = 100_000_000L;

    @Test
    void shouldGiveTheBankruptcyPriceExactlyWhenThePenaltyIsZero()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++)
        {
            final long bankruptcyE8 = 1 + random.nextLong(1L << 58);
            assertEquals(bankruptcyE8, LiquidationPricing.limitPriceE8(bankruptcyE8, 1, 0));
            assertEquals(bankruptcyE8, LiquidationPricing.limitPriceE8(bankruptcyE8, -1, 0));
        }
    }

    @Test
    void shouldRoundASellLimitUpAndABuyLimitDown()
    {
        // SELL: ceil(90 / 0.99) = 90.90909091; BUY: floor(110 / 1.02) = 107.84313725
        assertEquals(9_090_909_091L, LiquidationPricing.limitPriceE8(9_000_000_000L, 100 * SCALE, 1_000_000L));
        assertEquals(10_784_313_725L, LiquidationPricing.limitPriceE8(11_000_000_000L, -100 * SCALE, 2_000_000L));
        // exact quotients are not moved: 91.08 / 0.99 = 92
        assertEquals(9_200_000_000L, LiquidationPricing.limitPriceE8(9_108_000_000L, 1, 1_000_000L));
    }

    @Test
    void shouldMatchExactArithmeticOnRandomInputs()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final BigInteger scale = BigInteger.valueOf(SCALE);
        for (int i = 0; i < 10_000; i++)
        {
            final long bankruptcyE8 = 1 + random.nextLong(1L << 50);
            final long penaltyE8 = 1 + random.nextLong(SCALE - 1);
            final BigInteger numerator = BigInteger.valueOf(bankruptcyE8).multiply(scale);
            final BigInteger[] sell = numerator.divideAndRemainder(scale.subtract(BigInteger.valueOf(penaltyE8)));
            final long expectedSell = sell[0].longValueExact() + (sell[1].signum() > 0 ? 1 : 0);
            final long expectedBuy = Math.max(1, numerator.divide(scale.add(BigInteger.valueOf(penaltyE8))).longValueExact());

            assertEquals(expectedSell, LiquidationPricing.limitPriceE8(bankruptcyE8, 1, penaltyE8), "bk " + bankruptcyE8 + " f " + penaltyE8);
            assertEquals(expectedBuy, LiquidationPricing.limitPriceE8(bankruptcyE8, -1, penaltyE8), "bk " + bankruptcyE8 + " f " + penaltyE8);
        }
    }

    @Test
    void shouldKeepABuyLimitAtLeastOneUnit()
    {
        // floor(0.00000001 / 1.5) = 0, raised to one unit as v1's limits are
        assertEquals(1L, LiquidationPricing.limitPriceE8(1L, -1, 50_000_000L));
    }
}

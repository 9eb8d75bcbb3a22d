package tripwire.engine.index;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginRequirements;
import tripwire.engine.state.MarginScheduleTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TriggerPrice} against the engine's exact per-position arithmetic ({@link MarginRequirements}, the
 * equity rounding of docs/engine-model.md): beyond the trigger (above it for a long, below it for a short) no
 * price makes the account liquidatable, on random schedules with up to 8 tiers, and on hand-computed cases.
 */
class TriggerPriceTest
{
    private static final long SCALE = FixedPoint.SCALE;
    private static final int MARKET = 0;
    private static final long NO_PRICE = -1;

    private final MarginScheduleTable schedules = new MarginScheduleTable(1);
    private final MarginRequirements requirements = new MarginRequirements(schedules);
    private final TriggerPrice triggers = new TriggerPrice(schedules);

    @Test
    void shouldPlaceAV1LongTriggerJustAboveItsExactLiquidationPrice()
    {
        // Cash -9,000, long 100, maintenance 5 %: E = -9,000 + 100 P, MM = 5 P; liquidatable when 95 P < 9,000,
        // P < 94.73684210526...: the last liquidatable price is 94.73684210, the first safe one 94.73684211.
        oneTier(5_000_000L);
        final long triggerE8 = triggers.longTriggerE8(MARKET, -9_000 * SCALE, 100 * SCALE);
        assertTrue(liquidatable(-9_000 * SCALE, 100 * SCALE, 9_473_684_210L));
        assertFalse(liquidatable(-9_000 * SCALE, 100 * SCALE, 9_473_684_211L));
        assertTrue(triggerE8 > 9_473_684_210L, "trigger " + triggerE8);
        assertTrue(triggerE8 <= 9_473_684_211L + 2 * TriggerPrice.SAFETY_MARGIN_E8, "trigger " + triggerE8);
    }

    @Test
    void shouldPlaceAV1ShortTriggerJustBelowItsExactLiquidationPrice()
    {
        // Cash 11,000, short 100, maintenance 5 %: E = 11,000 - 100 P, MM = 5 P: safe while 105 P <= 11,000,
        // P <= 104.76190476...
        oneTier(5_000_000L);
        final long triggerE8 = triggers.shortTriggerE8(MARKET, 11_000 * SCALE, -100 * SCALE);
        assertFalse(liquidatable(11_000 * SCALE, -100 * SCALE, 10_476_190_476L));
        assertTrue(liquidatable(11_000 * SCALE, -100 * SCALE, 10_476_190_477L));
        assertTrue(triggerE8 < 10_476_190_477L, "trigger " + triggerE8);
        assertTrue(triggerE8 >= 10_476_190_476L - 2 * TriggerPrice.SAFETY_MARGIN_E8, "trigger " + triggerE8);
    }

    @Test
    void shouldAlwaysVisitALongWithoutCashUnderAFullMarginRate()
    {
        oneTier(SCALE);
        assertEquals(TriggerPrice.ALWAYS_LONG, triggers.longTriggerE8(MARKET, 0, SCALE));
    }

    @Test
    void shouldAlwaysVisitAShortWithNegativeCash()
    {
        oneTier(5_000_000L);
        assertEquals(TriggerPrice.ALWAYS_SHORT, triggers.shortTriggerE8(MARKET, -1, -SCALE));
    }

    @Test
    void noPriceBeyondTheTriggerMakesARandomPositionLiquidatable()
    {
        final SplittableRandom random = new SplittableRandom(20_261_126L);
        int longChecks = 0;
        int shortChecks = 0;
        for (int scenario = 0; scenario < 3_000; scenario++)
        {
            randomSchedule(random);
            final long sizeE8 = randomSize(random);
            final long cashE8 = randomCash(random, sizeE8);
            if (sizeE8 > 0)
            {
                final long triggerE8 = triggers.longTriggerE8(MARKET, cashE8, sizeE8);
                for (int i = 0; i < 200; i++)
                {
                    final long priceE8 = priceAtOrAbove(random, triggerE8, sizeE8);
                    if (priceE8 == NO_PRICE)
                    {
                        break;
                    }
                    longChecks++;
                    assertFalse(liquidatable(cashE8, sizeE8, priceE8),
                        () -> "long " + sizeE8 + " cash " + cashE8 + " trigger " + triggerE8 + " price " + priceE8);
                }
            }
            else
            {
                final long triggerE8 = triggers.shortTriggerE8(MARKET, cashE8, sizeE8);
                for (int i = 0; i < 200 && triggerE8 >= 1; i++)
                {
                    final long priceE8 = i < 100 ?
                        Math.max(1, triggerE8 - i) : 1 + random.nextLong(Math.min(triggerE8, FixedPoint.MAX_E8));
                    shortChecks++;
                    assertFalse(liquidatable(cashE8, sizeE8, priceE8),
                        () -> "short " + sizeE8 + " cash " + cashE8 + " trigger " + triggerE8 + " price " + priceE8);
                }
            }
        }
        assertTrue(longChecks > 50_000 && shortChecks > 50_000, "checks: " + longChecks + " long, " + shortChecks + " short");
    }

    /** The engine's check of an account holding only this cash and this position (MarginCalculator's terms). */
    private boolean liquidatable(final long cashE8, final long sizeE8, final long priceE8)
    {
        final long equityE8 = cashE8 + FixedPoint.mulE8Floor(sizeE8, priceE8);
        final long notionalE8 = FixedPoint.mulE8Ceil(FixedPoint.abs(sizeE8), priceE8);
        final long maintenanceE8 =
            requirements.maintenanceE8(MARKET, requirements.tierOf(MARKET, notionalE8), notionalE8);
        return equityE8 < maintenanceE8;
    }

    private long priceAtOrAbove(final SplittableRandom random, final long triggerE8, final long sizeE8)
    {
        // Prices the range rule allows for this size: |s| x P / 10^8 <= MAX_E8.
        final long maxPriceE8 = Math.min(FixedPoint.MAX_E8, FixedPoint.mulDivFloor(FixedPoint.MAX_E8, SCALE, sizeE8));
        final long fromE8 = Math.max(1, triggerE8);
        if (fromE8 > maxPriceE8)
        {
            return NO_PRICE;
        }
        final long offset = random.nextBoolean() ? random.nextLong(100) : random.nextLong(maxPriceE8 - fromE8 + 1);
        return Math.min(maxPriceE8, fromE8 + offset);
    }

    private void oneTier(final long maintenanceRateE8)
    {
        schedules.schedule(MARKET, 1, 0);
        schedules.tier(MARKET, 0, 0, maintenanceRateE8, maintenanceRateE8, 0, 0);
        schedules.volatility(MARKET, 0, SCALE);
    }

    /** Tiers as docs/risk-model.md section 1 defines them, deductions floor(F_n x (m_n - m_{n-1})) summed. */
    private void randomSchedule(final SplittableRandom random)
    {
        final int tiers = 1 + random.nextInt(MarginScheduleTable.MAX_TIERS);
        schedules.schedule(MARKET, tiers, 0);
        long rateE8 = random.nextInt(4) == 0 ? 1 + random.nextLong(SCALE) : 1 + random.nextLong(SCALE / 10);
        long notionalE8 = 0;
        long deductionE8 = 0;
        schedules.tier(MARKET, 0, 0, rateE8, rateE8, 0, 0);
        for (int t = 1; t < tiers; t++)
        {
            final long nextNotionalE8 = notionalE8 + 1 + random.nextLong(random.nextBoolean() ? 1_000_000 * SCALE : 1_000);
            final long nextRateE8 = rateE8 + random.nextLong(SCALE - rateE8 + 1);
            deductionE8 += FixedPoint.mulE8Floor(nextNotionalE8, nextRateE8 - rateE8);
            schedules.tier(MARKET, t, nextNotionalE8, nextRateE8, nextRateE8, deductionE8, deductionE8);
            notionalE8 = nextNotionalE8;
            rateE8 = nextRateE8;
        }
        schedules.volatility(MARKET, 0, SCALE);
    }

    private static long randomSize(final SplittableRandom random)
    {
        final long magnitude = switch (random.nextInt(3))
        {
            case 0 -> 1 + random.nextLong(1_000);
            case 1 -> 1 + random.nextLong(1_000 * SCALE);
            default -> 1 + random.nextLong(1_000_000 * SCALE);
        };
        return random.nextBoolean() ? magnitude : -magnitude;
    }

    private static long randomCash(final SplittableRandom random, final long sizeE8)
    {
        final long scaleE8 = switch (random.nextInt(3))
        {
            case 0 -> 1_000;
            case 1 -> 1_000_000 * SCALE;
            default -> 1_000_000_000L * SCALE;
        };
        final long cashE8 = random.nextLong(2 * scaleE8) - scaleE8;
        return sizeE8 > 0 ? cashE8 - random.nextLong(scaleE8) : cashE8 + random.nextLong(scaleE8);
    }
}

package tripwire.engine.index;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collateral trigger is safe (at the trigger and every higher price the balance is worth at least its target,
 * valued exactly as the engine values it) and tight (for a sizeable balance, a price 0.1% below the trigger is
 * already worth less than the target).
 */
class CollateralTriggerTest
{
    @Test
    void balanceKeepsItsTargetAtAndAboveTheTrigger()
    {
        final SplittableRandom random = new SplittableRandom(20261126L);
        int tightChecked = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final long balanceE8 = random.nextInt(4) == 0 ? random.nextLong(1, 1_000) : random.nextLong(1, 1L << 40);
            final long haircutE8 = random.nextBoolean() ? 0 : random.nextLong(0, FixedPoint.SCALE);
            final long staleHaircutE8 = random.nextBoolean() ? 0 : random.nextLong(0, FixedPoint.SCALE);
            final long priceNowE8 = random.nextLong(1, 1_000_000 * FixedPoint.SCALE);
            final long valueNowE8 = engineValueE8(balanceE8, haircutE8, staleHaircutE8, priceNowE8);
            final long targetE8 = valueNowE8 - (random.nextBoolean() ? random.nextLong(0, valueNowE8 + 1) : random.nextLong(0, 100));
            final long triggerE8 = CollateralTrigger.triggerE8(balanceE8, haircutE8, staleHaircutE8, targetE8);
            if (triggerE8 == CollateralTrigger.NEVER)
            {
                assertTrue(targetE8 <= 0, "NEVER only for a target the balance always meets");
                continue;
            }
            if (triggerE8 == CollateralTrigger.ALWAYS)
            {
                continue;
            }
            for (final long priceE8 : new long[] {triggerE8, triggerE8 + 1, triggerE8 + random.nextLong(1, triggerE8 + 1)})
            {
                assertTrue(engineValueE8(balanceE8, haircutE8, staleHaircutE8, priceE8) >= targetE8,
                    () -> "balance " + balanceE8 + " h " + haircutE8 + " s " + staleHaircutE8 + " target " + targetE8 +
                        " trigger " + triggerE8 + " price " + priceE8);
            }
            if (targetE8 > 1_000_000 * FixedPoint.SCALE && triggerE8 > 1_000_000)
            {
                final long belowE8 = triggerE8 - triggerE8 / 1000;
                assertTrue(engineValueE8(balanceE8, haircutE8, staleHaircutE8, belowE8) < targetE8,
                    () -> "trigger " + triggerE8 + " is not tight for target " + targetE8);
                tightChecked++;
            }
        }
        assertTrue(tightChecked > 1000, "tightness was checked on " + tightChecked + " cases");
    }

    @Test
    void anUnreachableTargetMakesEveryTickVisit()
    {
        assertEquals(CollateralTrigger.ALWAYS, CollateralTrigger.triggerE8(1, FixedPoint.SCALE - 1, 0, 5));
        assertEquals(CollateralTrigger.NEVER, CollateralTrigger.triggerE8(1_000, 0, 0, 0));
    }

    /** The engine's valuation: MarginCalculator.collateralValueE8 with the stale cut applied. */
    private static long engineValueE8(final long balanceE8, final long haircutE8, final long staleHaircutE8, final long priceE8)
    {
        return FixedPoint.mulE8Floor(
            MarginCalculator.haircutValueE8(balanceE8, priceE8, haircutE8), FixedPoint.SCALE - staleHaircutE8);
    }
}

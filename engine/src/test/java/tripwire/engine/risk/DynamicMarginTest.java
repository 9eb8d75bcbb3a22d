package tripwire.engine.risk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tripwire.engine.state.MarginScheduleTable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The volatility update of docs/risk-model.md section 2, figure by figure (E8 integers). */
class DynamicMarginTest
{
    private static final int MARKET = 3;
    private static final long SCALE = 100_000_000L;

    private final MarginScheduleTable schedules = new MarginScheduleTable(8);
    private final DynamicMargin dynamicMargin = new DynamicMargin(schedules);

    @BeforeEach
    void worldOfTheWorkedExample()
    {
        // sigma_base 0.01, weight 0.5, cap 3; sigma starts at sigma_base, multiplier x1.
        schedules.schedule(MARKET, 1, MarginScheduleTable.DYNAMIC_FLAG);
        schedules.volatilityParameters(MARKET, 1_000_000L, 50_000_000L, 3 * SCALE);
        schedules.volatility(MARKET, 1_000_000L, SCALE);
    }

    @Test
    void shouldReproduceTheWorkedExampleOfTheRiskModel()
    {
        dynamicMargin.onMarkChange(MARKET, 100 * SCALE, 110 * SCALE);
        assertEquals(5_500_000L, schedules.sigmaE8(MARKET), "sigma 0.055");
        assertEquals(3 * SCALE, schedules.multiplierE8(MARKET), "5.5 capped at 3");

        dynamicMargin.onMarkChange(MARKET, 110 * SCALE, 110 * SCALE);
        assertEquals(5_500_000L, schedules.sigmaE8(MARKET), "no change of the mark: nothing happens");

        dynamicMargin.onMarkChange(MARKET, 110 * SCALE, 111 * SCALE);
        assertEquals(3_204_545L, schedules.sigmaE8(MARKET), "r = 0.0090909, sigma 0.03204545");
        assertEquals(3 * SCALE, schedules.multiplierE8(MARKET));
    }

    @Test
    void calmPricesBringTheMultiplierBackToOne()
    {
        dynamicMargin.onMarkChange(MARKET, 100 * SCALE, 110 * SCALE);
        long mark = 110 * SCALE;
        for (int i = 0; i < 40; i++)
        {
            dynamicMargin.onMarkChange(MARKET, mark, mark + 1);
            mark++;
        }
        // r = 0 each time: sigma halves, floored, and ends at 0; the multiplier never drops below x1.
        assertEquals(0, schedules.sigmaE8(MARKET));
        assertEquals(SCALE, schedules.multiplierE8(MARKET));
    }

    @Test
    void aReturnAboveOneHundredPercentCountsAsOneHundredPercent()
    {
        dynamicMargin.onMarkChange(MARKET, 100 * SCALE, 350 * SCALE);

        // floor((0.5 x 1 + 0.5 x 0.01)) = 0.505
        assertEquals(50_500_000L, schedules.sigmaE8(MARKET));
    }

    @Test
    void shouldIgnoreTheFirstMarkAndMarketsWithoutDynamicMargin()
    {
        dynamicMargin.onMarkChange(MARKET, 0, 110 * SCALE);
        assertEquals(1_000_000L, schedules.sigmaE8(MARKET), "no previous mark: not a change");

        schedules.schedule(MARKET + 1, 1, 0);
        schedules.volatility(MARKET + 1, 0, SCALE);
        dynamicMargin.onMarkChange(MARKET + 1, 100 * SCALE, 200 * SCALE);
        assertEquals(0, schedules.sigmaE8(MARKET + 1));
        assertEquals(SCALE, schedules.multiplierE8(MARKET + 1));
    }

    @Test
    void multiplierIsTheFlooredRatioBetweenOneAndTheCap()
    {
        assertEquals(SCALE, dynamicMargin.multiplierE8(MARKET, 500_000L), "below base: x1");
        assertEquals(160_227_200L, dynamicMargin.multiplierE8(MARKET, 1_602_272L));
        assertEquals(3 * SCALE, dynamicMargin.multiplierE8(MARKET, 3_000_001L), "capped");

        schedules.volatilityParameters(MARKET, 3_000_000L, 50_000_000L, 3 * SCALE);
        assertEquals(133_333_333L, dynamicMargin.multiplierE8(MARKET, 4_000_000L), "floor(0.04 / 0.03) = 1.33333333");
    }
}

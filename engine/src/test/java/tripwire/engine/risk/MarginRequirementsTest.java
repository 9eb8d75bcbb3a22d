package tripwire.engine.risk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tripwire.engine.state.MarginScheduleTable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tier lookup and tiered requirements (docs/risk-model.md sections 1 and 2) on a hand-written schedule: the
 * Binance brackets 0.4 % / 0.5 % from 50,000 / 1 % from 250,000 with their deductions 0 / 50 / 1,300.
 */
class MarginRequirementsTest
{
    private static final int MARKET = 1;
    private static final long SCALE = 100_000_000L;

    private final MarginScheduleTable schedules = new MarginScheduleTable(4);
    private final MarginRequirements requirements = new MarginRequirements(schedules);

    @BeforeEach
    void binanceBrackets()
    {
        schedules.schedule(MARKET, 3, 0);
        schedules.tier(MARKET, 0, 0, 400_000L, 800_000L, 0, 0);
        schedules.tier(MARKET, 1, 50_000 * SCALE, 500_000L, 1_000_000L, 50 * SCALE, 100 * SCALE);
        schedules.tier(MARKET, 2, 250_000 * SCALE, 1_000_000L, 2_000_000L, 1_300 * SCALE, 2_600 * SCALE);
        schedules.volatility(MARKET, 0, SCALE);
    }

    @Test
    void tierIsTheLargestWhoseBoundIsAtMostTheNotional()
    {
        assertEquals(0, requirements.tierOf(MARKET, 0));
        assertEquals(0, requirements.tierOf(MARKET, 50_000 * SCALE - 1));
        assertEquals(1, requirements.tierOf(MARKET, 50_000 * SCALE));
        assertEquals(1, requirements.tierOf(MARKET, 250_000 * SCALE - 1));
        assertEquals(2, requirements.tierOf(MARKET, 250_000 * SCALE));
        assertEquals(2, requirements.tierOf(MARKET, Long.MAX_VALUE));
    }

    @Test
    void shouldGiveBinancesMaintenanceAmountExample()
    {
        final long notionalE8 = 264_000 * SCALE;
        final int tier = requirements.tierOf(MARKET, notionalE8);

        assertEquals(1_340 * SCALE, requirements.maintenanceE8(MARKET, tier, notionalE8));
        assertEquals(2_680 * SCALE, requirements.initialE8(MARKET, tier, notionalE8));
        assertEquals(1_000_000L, requirements.marginalMaintenanceRateE8(MARKET, tier));
    }

    @Test
    void requirementIsContinuousAcrossABound()
    {
        // Tier 0 just below 50,000 and tier 1 at 50,000 meet at 200.
        assertEquals(200 * SCALE, requirements.maintenanceE8(MARKET, 1, 50_000 * SCALE));
        assertEquals(200 * SCALE, requirements.maintenanceE8(MARKET, 0, 50_000 * SCALE));
        assertEquals(199_99999996L, requirements.maintenanceE8(MARKET, 0, 50_000 * SCALE - 1_000));
    }

    @Test
    void multiplierScalesTieredRequirementsRoundingUp()
    {
        schedules.volatility(MARKET, 0, 160_227_200L);
        final long notionalE8 = 264_000 * SCALE;

        // ceil(1,340 x 1.602272) = 2,147.04448; ceil(2,680 x 1.602272) = 4,294.08896; ceil(0.01 x 1.602272) = 0.01602272
        assertEquals(2_147_04448000L, requirements.maintenanceE8(MARKET, 2, notionalE8));
        assertEquals(4_294_08896000L, requirements.initialE8(MARKET, 2, notionalE8));
        assertEquals(1_602_272L, requirements.marginalMaintenanceRateE8(MARKET, 2));
    }

    @Test
    void aMultipliedRequirementBeyondALongSaturates()
    {
        schedules.volatility(MARKET, 0, (1L << 58));
        final long notionalE8 = 1L << 58;

        assertEquals(Long.MAX_VALUE, requirements.maintenanceE8(MARKET, 2, notionalE8));
        assertEquals(Long.MAX_VALUE, MarginRequirements.addSaturating(Long.MAX_VALUE, 1));
        assertEquals(3, MarginRequirements.addSaturating(1, 2));
    }
}

package tripwire.engine.risk;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.MarginScheduleTable;

/**
 * One position's maintenance and initial requirement from its market's schedule (docs/risk-model.md
 * sections 1 and 2): the tier of its notional, {@code ceil(N x rate) - deduction}, then the market's
 * dynamic multiplier, {@code ceil(requirement x multiplier / 10^8)}. All figures E8 quote; rates E8
 * fractions. With one tier and multiplier x1 the result is v1's {@code ceil(N x rate)} exactly.
 *
 * <p>A multiplied requirement that does not fit a {@code long} saturates to {@link Long#MAX_VALUE} (the
 * range rule bounds unscaled terms only); callers add requirements with {@link #addSaturating}.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
public final class MarginRequirements
{
    private final MarginScheduleTable schedules;

    public MarginRequirements(final MarginScheduleTable schedules)
    {
        this.schedules = schedules;
    }

    /** The tier of a position of this notional (E8 quote, >= 0) in this market. */
    public int tierOf(final int marketId, final long notionalE8)
    {
        return schedules.tierOf(marketId, notionalE8);
    }

    public long maintenanceE8(final int marketId, final int tier, final long notionalE8)
    {
        final long tieredE8 = FixedPoint.mulE8Ceil(notionalE8, schedules.maintenanceRateE8(marketId, tier)) -
            schedules.maintenanceDeductionE8(marketId, tier);
        return scaled(marketId, tieredE8);
    }

    public long initialE8(final int marketId, final int tier, final long notionalE8)
    {
        final long tieredE8 = FixedPoint.mulE8Ceil(notionalE8, schedules.initialRateE8(marketId, tier)) -
            schedules.initialDeductionE8(marketId, tier);
        return scaled(marketId, tieredE8);
    }

    /** The tier's maintenance rate times the market's multiplier, rounded up (E8 fraction). */
    public long marginalMaintenanceRateE8(final int marketId, final int tier)
    {
        return scaled(marketId, schedules.maintenanceRateE8(marketId, tier));
    }

    /** a + b for non-negative a and b, saturating at {@link Long#MAX_VALUE}. */
    public static long addSaturating(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private long scaled(final int marketId, final long valueE8)
    {
        final long multiplierE8 = schedules.multiplierE8(marketId);
        return multiplierE8 == FixedPoint.SCALE ? valueE8 : FixedPoint.mulE8Ceil(valueE8, multiplierE8);
    }
}

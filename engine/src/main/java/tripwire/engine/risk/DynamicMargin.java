package tripwire.engine.risk;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.MarginScheduleTable;

/**
 * Dynamic margin (docs/risk-model.md section 2): per market, an exponentially weighted mean absolute return
 * sigma (E8 fraction) and the requirement multiplier it gives, updated at every change of the mark price.
 * Integer arithmetic only, so a replay reproduces sigma and the multiplier bit for bit:
 * <pre>
 *   r          = min(10^8, floor(|P1 - P0| x 10^8 / P0))
 *   sigma'     = floor((w x r + (10^8 - w) x sigma) / 10^8)
 *   multiplier = min(cap, max(10^8, floor(sigma' x 10^8 / sigmaBase)))
 * </pre>
 * With {@code r <= 10^8}, {@code sigma <= 10^8} and {@code w} in (0, 10^8], the numerator is at most 10^16.
 *
 * <p>{@link #onMarkChange} is the single entry point for every source of a new mark (ticks today, an
 * oracle median later). Owned by the business-logic thread; allocates nothing.
 */
public final class DynamicMargin
{
    private final MarginScheduleTable schedules;

    public DynamicMargin(final MarginScheduleTable schedules)
    {
        this.schedules = schedules;
    }

    /**
     * Records a change of the market's mark from {@code oldMarkE8} to {@code newMarkE8}. Does nothing when
     * dynamic margin is off for the market, when there was no mark before ({@code oldMarkE8 <= 0}) or when
     * the mark did not change. Call it after the new mark is stored and before any account is checked.
     */
    public void onMarkChange(final int marketId, final long oldMarkE8, final long newMarkE8)
    {
        if (oldMarkE8 <= 0 || oldMarkE8 == newMarkE8 || !schedules.isDynamic(marketId))
        {
            return;
        }
        final long returnE8 = Math.min(
            FixedPoint.SCALE, FixedPoint.mulDivFloor(FixedPoint.abs(newMarkE8 - oldMarkE8), FixedPoint.SCALE, oldMarkE8));
        final long weightE8 = schedules.volatilityWeightE8(marketId);
        final long sigmaE8 = Math.floorDiv(
            weightE8 * returnE8 + (FixedPoint.SCALE - weightE8) * schedules.sigmaE8(marketId), FixedPoint.SCALE);
        schedules.volatility(marketId, sigmaE8, multiplierE8(marketId, sigmaE8));
    }

    /** The multiplier of a sigma under the market's parameters (dynamic margin must be on). */
    public long multiplierE8(final int marketId, final long sigmaE8)
    {
        final long ratioE8 = FixedPoint.mulDivFloor(sigmaE8, FixedPoint.SCALE, schedules.baseVolatilityE8(marketId));
        return Math.min(schedules.maxMultiplierE8(marketId), Math.max(FixedPoint.SCALE, ratioE8));
    }
}

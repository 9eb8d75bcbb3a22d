package tripwire.engine.index;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.MarginScheduleTable;

/**
 * The conservative trigger price of one position of signed size {@code s} (E8 contracts) in a market without
 * dynamic margin, given the margin {@code c} (E8 quote) the rest of the account lends it: for an account
 * whose only exposure is this position, {@code c} is its quote cash; in general (see {@link LiquidationIndex})
 * {@code c} is the position's share of the account's slack minus the position's own term at the current mark,
 * so that the account stays safe while the price stays on the safe side of the trigger. Prices are E8 quote
 * per contract.
 *
 * <ul>
 *   <li>Long ({@code s > 0}): {@link #longTriggerE8} is a price {@code T} such that at every mark
 *       {@code P >= T} the account is not liquidatable; it may be liquidatable only when {@code P < T}.</li>
 *   <li>Short ({@code s < 0}): {@link #shortTriggerE8} is a price {@code T} such that at every mark
 *       {@code P <= T} it is not liquidatable; only when {@code P > T}.</li>
 * </ul>
 *
 * <p>Why it is safe (docs/engine-model.md and docs/risk-model.md section 1, exact integers). With
 * {@code n = floor(|s| P / 10^8)} and {@code N = ceil(|s| P / 10^8)}, the engine's requirement is
 * {@code MM(N) = ceil(N m_t / 10^8) - dm_t} for the tier {@code t} of {@code N}, so for every notional
 * {@code MM(N) <= U(N) = max_k (ceil(N m_k / 10^8) - dm_k)} over all tiers {@code k}; {@code U} never
 * decreases with {@code N} and rises by at most one unit per unit of {@code N} (every {@code m_k <= 10^8}).
 * A long's equity is {@code c + n} and {@code N <= n + 1}, so it is not liquidatable when
 * {@code c + n - U(n + 1) >= 0}, a condition that, once true, stays true for every larger {@code n}; per
 * tier it is {@code n (10^8 - m) >= m - (c + dm) 10^8}. A short's equity is {@code c - N}, safe when
 * {@code N (10^8 + m) <= (c + dm) 10^8} for every tier. Both bounds are solved in 128-bit integers
 * ({@link FixedPoint}); every rounding and every saturation moves the trigger towards "visit more", and a
 * further {@link #SAFETY_MARGIN_E8} widens it. A trigger may therefore make a tick visit an account that
 * is not liquidatable (the tick's exact check then finds nothing), never skip one that is.
 *
 * <p>Stateless apart from the schedule table it reads; allocates nothing; business-logic thread.
 */
public final class TriggerPrice
{
    /** Units of 10^-8 by which every trigger is widened beyond the proven bound. */
    public static final long SAFETY_MARGIN_E8 = 2;
    /** A long trigger that makes every tick visit the account. */
    public static final long ALWAYS_LONG = Long.MAX_VALUE;
    /** A short trigger that makes every tick visit the account. */
    public static final long ALWAYS_SHORT = Long.MIN_VALUE;

    private final MarginScheduleTable schedules;

    public TriggerPrice(final MarginScheduleTable schedules)
    {
        this.schedules = schedules;
    }

    /**
     * @param cashE8 the account's quote cash.
     * @param sizeE8 the long position, {@code > 0}.
     * @return the price at and above which the account is surely not liquidatable (E8; may exceed any price).
     */
    public long longTriggerE8(final int marketId, final long cashE8, final long sizeE8)
    {
        long safeFromN = Long.MIN_VALUE;
        for (int tier = 0, tiers = schedules.tierCount(marketId); tier < tiers; tier++)
        {
            final long rateE8 = schedules.maintenanceRateE8(marketId, tier);
            final long marginE8 = addSaturating(cashE8, schedules.maintenanceDeductionE8(marketId, tier));
            if (rateE8 >= FixedPoint.SCALE)
            {
                if (marginE8 < 1)
                {
                    return ALWAYS_LONG;
                }
                continue;
            }
            final long slackE8 = FixedPoint.SCALE - rateE8;
            final long tierN = FixedPoint.subtractSaturating(
                ceilDiv(rateE8, slackE8), FixedPoint.mulDivFloor(marginE8, FixedPoint.SCALE, slackE8));
            safeFromN = Math.max(safeFromN, tierN);
        }
        final long priceE8 = safeFromN <= 0 ? 1 : FixedPoint.mulDivCeil(safeFromN, FixedPoint.SCALE, sizeE8);
        return priceE8 >= Long.MAX_VALUE - SAFETY_MARGIN_E8 ? ALWAYS_LONG : priceE8 + SAFETY_MARGIN_E8;
    }

    /**
     * @param cashE8 the account's quote cash.
     * @param sizeE8 the short position, {@code < 0}.
     * @return the price at and below which the account is surely not liquidatable (E8; may be below any price).
     */
    public long shortTriggerE8(final int marketId, final long cashE8, final long sizeE8)
    {
        long safeToN = Long.MAX_VALUE;
        for (int tier = 0, tiers = schedules.tierCount(marketId); tier < tiers; tier++)
        {
            final long rateE8 = schedules.maintenanceRateE8(marketId, tier);
            final long marginE8 = addSaturating(cashE8, schedules.maintenanceDeductionE8(marketId, tier));
            safeToN = Math.min(safeToN, FixedPoint.mulDivFloor(marginE8, FixedPoint.SCALE, FixedPoint.SCALE + rateE8));
        }
        if (safeToN < 0)
        {
            return ALWAYS_SHORT;
        }
        final long priceE8 = FixedPoint.mulDivFloor(safeToN, FixedPoint.SCALE, FixedPoint.abs(sizeE8));
        return priceE8 - SAFETY_MARGIN_E8;
    }

    /** cash + deduction (deduction >= 0); a sum above a long saturates down, which only lowers the margin. */
    private static long addSaturating(final long cashE8, final long deductionE8)
    {
        final long sum = cashE8 + deductionE8;
        return sum < cashE8 ? Long.MAX_VALUE : sum;
    }

    private static long ceilDiv(final long a, final long b)
    {
        return -Math.floorDiv(-a, b);
    }
}

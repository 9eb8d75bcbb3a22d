package tripwire.engine.index;

import tripwire.engine.math.FixedPoint;

/**
 * The conservative trigger price of one non-quote collateral balance: a price {@code T} such that at every asset
 * price {@code P >= T} the balance is worth at least a target value, so that an account lending this balance a
 * share of its slack stays safe while the asset's price stays at or above {@code T} (see {@link LiquidationIndex}).
 * Prices are E8 quote per unit of the asset; values E8 quote.
 *
 * <p>Why it is safe. The engine values a balance {@code b} at price {@code P} as
 * {@code v(P) = floor(floor(b P / 10^8) (10^8 - h) / 10^8)}, cut while stale to {@code floor(v (10^8 - s) / 10^8)}
 * (docs/engine-model.md, docs/risk-model.md section 8; the index counts the cut whenever the asset's oracle has a
 * staleness limit, since staleness comes with time alone). Each floor loses less than one unit and each factor
 * is at most 1, so {@code v(P) > k P / 10^8 - 3} for {@code k = b (10^8 - h)(10^8 - s) / 10^16}, and
 * {@code kE8 = floor(floor(b (10^8 - h) / 10^8) (10^8 - s) / 10^8) <= k}. Hence {@code v(P) >= target} whenever
 * {@code P >= (target + 3) 10^8 / kE8}: the trigger is that bound rounded up, widened by
 * {@link TriggerPrice#SAFETY_MARGIN_E8}. {@code v} never decreases with {@code P} (balances are never negative),
 * so the condition holds at every higher price too.
 *
 * <p>Stateless; allocates nothing; any thread.
 */
public final class CollateralTrigger
{
    /** A trigger no positive price is below: the balance meets its target at any price. */
    public static final long NEVER = 0;
    /** A trigger every price is below: every tick of the asset visits the account. */
    public static final long ALWAYS = Long.MAX_VALUE;

    private static final long FLOOR_LOSS_E8 = 3;

    private CollateralTrigger()
    {
    }

    /**
     * @param balanceE8        the balance, {@code >= 0}.
     * @param haircutE8        the asset's haircut, {@code 0 <= h < 10^8}.
     * @param staleHaircutE8   the cut applied while stale (0 when the asset's oracle has no staleness limit).
     * @param targetValueE8    the value the balance must keep.
     * @return the price at and above which {@code v(P) >= targetValueE8} (E8; {@link #NEVER} or {@link #ALWAYS}).
     */
    public static long triggerE8(
        final long balanceE8, final long haircutE8, final long staleHaircutE8, final long targetValueE8)
    {
        if (targetValueE8 <= 0)
        {
            return NEVER;
        }
        final long valuePerPriceE8 = FixedPoint.mulE8Floor(
            FixedPoint.mulE8Floor(balanceE8, FixedPoint.SCALE - haircutE8), FixedPoint.SCALE - staleHaircutE8);
        if (valuePerPriceE8 <= 0)
        {
            return ALWAYS;
        }
        final long priceE8 = FixedPoint.mulDivCeil(
            FixedPoint.subtractSaturating(targetValueE8, -FLOOR_LOSS_E8), FixedPoint.SCALE, valuePerPriceE8);
        return priceE8 >= Long.MAX_VALUE - TriggerPrice.SAFETY_MARGIN_E8 ? ALWAYS : priceE8 + TriggerPrice.SAFETY_MARGIN_E8;
    }
}

package tripwire.engine.risk;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.PartialLiquidationCooldowns;
import tripwire.engine.state.PartialLiquidationTable;

/**
 * Sizes the liquidation order of each position of a liquidatable account (docs/risk-model.md section 4):
 * whole positions in v1 markets, and in partial markets just enough contracts to cover the account's running
 * shortage {@code S}, with the backstop, small-position, minimum-notional and cooldown rules.
 *
 * <p>Use per account check: {@link #begin} once with the account's figures, then {@link #orderSizeE8} for each
 * position without an outstanding order, in emission order (maintenance requirement descending, then market
 * id). A partial order is recorded for the cooldown when it is sized, so the caller must emit every order this
 * class sizes.
 *
 * <p>Units: sizes in contracts E8, prices in quote E8 per contract, money in quote E8, rates in E8 fractions,
 * time in event-time nanoseconds. Owned by the business-logic thread; allocates nothing.
 */
public final class PartialLiquidationSizer
{
    /** {@link #orderSizeE8} when the position gets no order at this event. */
    public static final long NO_ORDER = 0;

    private final PartialLiquidationTable parameters;
    private final PartialLiquidationCooldowns cooldowns;
    private final MarginCalculator margin;

    private int accountIndex;
    private long equityE8;
    private long maintenanceE8;
    private long timeNs;
    private boolean shortageStarted;
    private long shortageE8;

    public PartialLiquidationSizer(
        final PartialLiquidationTable parameters, final PartialLiquidationCooldowns cooldowns, final MarginCalculator margin)
    {
        this.parameters = parameters;
        this.cooldowns = cooldowns;
        this.margin = margin;
    }

    /**
     * Starts the check of a liquidatable account ({@code equityE8 < maintenanceE8}) at event time {@code timeNs}.
     * The shortage is set at the first position in a partial market, with that market's buffer.
     */
    public void begin(final int accountIndex, final long equityE8, final long maintenanceE8, final long timeNs)
    {
        this.accountIndex = accountIndex;
        this.equityE8 = equityE8;
        this.maintenanceE8 = maintenanceE8;
        this.timeNs = timeNs;
        this.shortageStarted = false;
        this.shortageE8 = 0;
    }

    /**
     * The size of the order for the next position, in emission order.
     *
     * @param marketId       the position's market.
     * @param absSizeE8      |position|, > 0.
     * @param markE8         the market's mark price, > 0.
     * @param penaltyRateE8  the market's liquidation penalty rate f_m, in [0, 10^8).
     * @return the order's size in (0, absSizeE8], or {@link #NO_ORDER}.
     */
    public long orderSizeE8(final int marketId, final long absSizeE8, final long markE8, final long penaltyRateE8)
    {
        if (!parameters.isEnabled(marketId))
        {
            return absSizeE8;
        }
        final long bufferE8 = parameters.liquidationBufferE8(marketId);
        if (!shortageStarted)
        {
            shortageStarted = true;
            shortageE8 = initialShortageE8(equityE8, maintenanceE8, bufferE8);
        }
        if (shortageE8 <= 0)
        {
            return NO_ORDER;
        }

        final long minNotionalE8 = parameters.minLiquidationNotionalE8(marketId);
        if (isBackstop(equityE8, maintenanceE8, parameters.backstopFractionE8(marketId)) ||
            FixedPoint.mulE8Ceil(absSizeE8, markE8) <= minNotionalE8)
        {
            return absSizeE8;
        }

        final long rateE8 = margin.marginalMaintenanceRateE8(accountIndex, marketId);
        final long releasedE8 = releasedPerContractE8(markE8, rateE8, bufferE8, penaltyRateE8);
        if (releasedE8 <= 0)
        {
            return absSizeE8;
        }
        final long contractsE8 = contractsToCoverE8(shortageE8, releasedE8);
        if (contractsE8 >= absSizeE8)
        {
            shortageE8 -= FixedPoint.mulE8Floor(absSizeE8, releasedE8);
            return absSizeE8;
        }
        if (cooldowns.isCoolingDown(accountIndex, timeNs, parameters.cooldownNs(marketId)))
        {
            return NO_ORDER;
        }
        final long minContractsE8 = FixedPoint.mulDivCeil(minNotionalE8, FixedPoint.SCALE, markE8);
        shortageE8 = 0;
        cooldowns.recordPartialOrder(accountIndex, timeNs);
        return Math.min(absSizeE8, Math.max(contractsE8, minContractsE8));
    }

    /** S = ceil(MM × (10^8 + b) / 10^8) − E, saturating. */
    public static long initialShortageE8(final long equityE8, final long maintenanceE8, final long bufferE8)
    {
        return FixedPoint.subtractSaturating(FixedPoint.mulE8Ceil(maintenanceE8, FixedPoint.SCALE + bufferE8), equityE8);
    }

    /**
     * k = floor(P × (floor(r × (10^8 + b) / 10^8) − f) / 10^8): the margin one contract's close releases, net of
     * the penalty, in quote E8 per contract (saturating).
     */
    public static long releasedPerContractE8(
        final long markE8, final long rateE8, final long bufferE8, final long penaltyRateE8)
    {
        final long bufferedRateE8 = FixedPoint.mulE8Floor(rateE8, FixedPoint.SCALE + bufferE8);
        return FixedPoint.mulE8Floor(markE8, FixedPoint.subtractSaturating(bufferedRateE8, penaltyRateE8));
    }

    /** x = ceil(S × 10^8 / k) contracts E8 for {@code k > 0} (saturating). */
    public static long contractsToCoverE8(final long shortageE8, final long releasedPerContractE8)
    {
        return FixedPoint.mulDivCeil(shortageE8, FixedPoint.SCALE, releasedPerContractE8);
    }

    /** The backstop: {@code E × 10^8 < backstopFraction × MM}, compared exactly in 128 bits. */
    public static boolean isBackstop(final long equityE8, final long maintenanceE8, final long backstopFractionE8)
    {
        final long leftHigh = Math.multiplyHigh(equityE8, FixedPoint.SCALE);
        final long leftLow = equityE8 * FixedPoint.SCALE;
        final long rightHigh = Math.multiplyHigh(backstopFractionE8, maintenanceE8);
        final long rightLow = backstopFractionE8 * maintenanceE8;
        return leftHigh != rightHigh ? leftHigh < rightHigh : Long.compareUnsigned(leftLow, rightLow) < 0;
    }
}

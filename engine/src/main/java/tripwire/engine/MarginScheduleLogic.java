package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.DynamicMargin;
import tripwire.engine.state.MarginScheduleTable;

/**
 * Checks and applies a market definition's margin schedule (docs/risk-model.md sections 1 to 3): tiers,
 * dynamic margin, initial-margin warning. {@link ReferenceDataLogic} calls {@link #rejected} after its own
 * checks and {@link #apply} after its own apply, so a rejected definition changes nothing.
 *
 * <p>Checks, in order (the first that fails is the rejection, {@code INVALID_REFERENCE_DATA} [code, figure]
 * unless a decimal does not decode, then {@code PRECISION}/{@code OVERFLOW}):
 * more than 7 tiers [7, count]; then tier by tier: its notional, maintenance and initial rate decode;
 * notional not above the previous tier's (0 for the first) [8, notionalE8]; maintenance rate outside
 * (0, 1] or below the previous tier's [9, rateE8]; initial rate outside [maintenance, 1] or below the
 * previous tier's [10, rateE8]; then {@code baseVolatility} decode, outside [0, 1] [11, valueE8];
 * {@code volatilityWeight} decode, outside (0, 1] [12, valueE8]; {@code maxMarginMultiplier} decode,
 * below 1 [12, valueE8]. Weight and cap are checked even when dynamic margin is off (the scenario reader
 * sends their defaults when they are absent).
 *
 * <p>Owned by the business-logic thread; off the hot path; allocates nothing.
 */
final class MarginScheduleLogic
{
    static final int TOO_MANY_TIERS = 7;
    static final int TIER_NOTIONAL_NOT_INCREASING = 8;
    static final int TIER_MAINTENANCE_RATE_OUT_OF_RANGE = 9;
    static final int TIER_INITIAL_RATE_OUT_OF_RANGE = 10;
    static final int BASE_VOLATILITY_OUT_OF_RANGE = 11;
    static final int VOLATILITY_WEIGHT_OR_CAP_OUT_OF_RANGE = 12;
    /** What {@link #decoded} returns for a value that did not decode: never a decoded value. */
    private static final long REJECTED = FixedPoint.PRECISION_ERROR;

    private final MarginScheduleTable schedules;
    private final DynamicMargin dynamicMargin;
    private final MarginScheduleDefinition definition;
    private final OutputPublisher publisher;

    // The checked schedule, tier 0 (the market's own rates) included: what apply() writes.
    private final long[] notionalE8 = new long[MarginScheduleTable.MAX_TIERS];
    private final long[] maintenanceRateE8 = new long[MarginScheduleTable.MAX_TIERS];
    private final long[] initialRateE8 = new long[MarginScheduleTable.MAX_TIERS];
    private int tierCount;
    private long baseVolatilityE8;
    private long volatilityWeightE8;
    private long maxMultiplierE8;

    MarginScheduleLogic(
        final MarginScheduleTable schedules,
        final DynamicMargin dynamicMargin,
        final MarginScheduleDefinition definition,
        final OutputPublisher publisher)
    {
        this.schedules = schedules;
        this.dynamicMargin = dynamicMargin;
        this.definition = definition;
        this.publisher = publisher;
    }

    /**
     * Checks the definition's margin fields against its (already checked) tier-0 rates.
     *
     * @return true when a rejection was published.
     */
    boolean rejected(
        final long seq, final long timeNs, final long marketMaintenanceRateE8, final long marketInitialRateE8)
    {
        final MarginScheduleDefinition d = definition;
        if (d.tierCount() > MarginScheduleTable.MAX_TIERS - 1)
        {
            return reject(seq, timeNs, TOO_MANY_TIERS, d.tierCount());
        }
        notionalE8[0] = 0;
        maintenanceRateE8[0] = marketMaintenanceRateE8;
        initialRateE8[0] = marketInitialRateE8;
        for (int i = 0; i < d.tierCount(); i++)
        {
            final int t = i + 1;
            final long notional = decoded(seq, timeNs, d.notionalMantissa(i), d.notionalExponent(i));
            final long maintenance = notional == REJECTED ?
                REJECTED : decoded(seq, timeNs, d.maintenanceMantissa(i), d.maintenanceExponent(i));
            final long initial = maintenance == REJECTED ?
                REJECTED : decoded(seq, timeNs, d.initialMantissa(i), d.initialExponent(i));
            if (initial == REJECTED)
            {
                return true;
            }
            if (notional <= notionalE8[t - 1])
            {
                return reject(seq, timeNs, TIER_NOTIONAL_NOT_INCREASING, notional);
            }
            if (maintenance <= 0 || maintenance > FixedPoint.SCALE || maintenance < maintenanceRateE8[t - 1])
            {
                return reject(seq, timeNs, TIER_MAINTENANCE_RATE_OUT_OF_RANGE, maintenance);
            }
            if (initial < maintenance || initial > FixedPoint.SCALE || initial < initialRateE8[t - 1])
            {
                return reject(seq, timeNs, TIER_INITIAL_RATE_OUT_OF_RANGE, initial);
            }
            notionalE8[t] = notional;
            maintenanceRateE8[t] = maintenance;
            initialRateE8[t] = initial;
        }

        final long base = decoded(seq, timeNs, d.baseVolatilityMantissa(), d.baseVolatilityExponent());
        if (base == REJECTED)
        {
            return true;
        }
        if (base < 0 || base > FixedPoint.SCALE)
        {
            return reject(seq, timeNs, BASE_VOLATILITY_OUT_OF_RANGE, base);
        }
        final long weight = decoded(seq, timeNs, d.volatilityWeightMantissa(), d.volatilityWeightExponent());
        if (weight == REJECTED)
        {
            return true;
        }
        if (weight <= 0 || weight > FixedPoint.SCALE)
        {
            return reject(seq, timeNs, VOLATILITY_WEIGHT_OR_CAP_OUT_OF_RANGE, weight);
        }
        final long cap = decoded(seq, timeNs, d.maxMultiplierMantissa(), d.maxMultiplierExponent());
        if (cap == REJECTED)
        {
            return true;
        }
        if (cap < FixedPoint.SCALE)
        {
            return reject(seq, timeNs, VOLATILITY_WEIGHT_OR_CAP_OUT_OF_RANGE, cap);
        }
        tierCount = d.tierCount() + 1;
        baseVolatilityE8 = base;
        volatilityWeightE8 = weight;
        maxMultiplierE8 = cap;
        return false;
    }

    /**
     * Writes the schedule last checked by {@link #rejected}: tiers with their deductions (computed here, once),
     * flags and dynamic-margin parameters. A redefinition that keeps dynamic margin on keeps the market's
     * sigma (price history is not reference data) and recomputes the multiplier under the new parameters; one
     * that turns it on starts sigma at the base volatility.
     */
    void apply(final int marketId)
    {
        final boolean dynamic = baseVolatilityE8 > 0;
        final boolean wasDynamic = schedules.isDynamic(marketId);
        final int flags = (dynamic ? MarginScheduleTable.DYNAMIC_FLAG : 0) |
            (definition.initialMarginWarning() ? MarginScheduleTable.WARNING_FLAG : 0);
        schedules.schedule(marketId, tierCount, flags);
        long maintenanceDeductionE8 = 0;
        long initialDeductionE8 = 0;
        for (int t = 0; t < tierCount; t++)
        {
            if (t > 0)
            {
                maintenanceDeductionE8 += FixedPoint.mulE8Floor(
                    notionalE8[t], maintenanceRateE8[t] - maintenanceRateE8[t - 1]);
                initialDeductionE8 += FixedPoint.mulE8Floor(notionalE8[t], initialRateE8[t] - initialRateE8[t - 1]);
            }
            schedules.tier(
                marketId, t, notionalE8[t], maintenanceRateE8[t], initialRateE8[t], maintenanceDeductionE8,
                initialDeductionE8);
        }

        if (!dynamic)
        {
            schedules.volatilityParameters(marketId, 0, 0, 0);
            schedules.volatility(marketId, 0, FixedPoint.SCALE);
            return;
        }
        final long sigmaE8 = wasDynamic ? schedules.sigmaE8(marketId) : baseVolatilityE8;
        schedules.volatilityParameters(marketId, baseVolatilityE8, volatilityWeightE8, maxMultiplierE8);
        schedules.volatility(marketId, sigmaE8, dynamicMargin.multiplierE8(marketId, sigmaE8));
    }

    /** The E8 value, or {@link #REJECTED} when it does not decode (the rejection is published). */
    private long decoded(final long seq, final long timeNs, final long mantissa, final int exponent)
    {
        final long valueE8 = FixedPoint.toE8(mantissa, exponent);
        return DecodeRejections.rejected(publisher, seq, timeNs, valueE8, mantissa, exponent) ? REJECTED : valueE8;
    }

    private boolean reject(final long seq, final long timeNs, final int code, final long figure)
    {
        publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, code, figure);
        return true;
    }
}

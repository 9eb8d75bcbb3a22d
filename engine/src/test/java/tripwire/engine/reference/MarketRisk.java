package tripwire.engine.reference;

import java.math.BigDecimal;

import static tripwire.engine.reference.RejectReason.INVALID_REFERENCE_DATA;

/**
 * A market's decoded parameters of docs/risk-model.md: tiers (section 1), the initial-margin warning (3), partial
 * liquidation with its cooldown (4), the liquidation penalty (5) and auto-deleveraging (7). Each feature is off at
 * its default. Immutable; a market redefinition replaces the whole record.
 *
 * @param liquidationBuffer      b in [0, 1], a fraction.
 * @param minLiquidationNotional quote units, >= 0.
 * @param backstopFraction       in [0, 1].
 * @param liquidationCooldownNs  event-time nanoseconds, >= 0.
 * @param liquidationPenaltyRate f in [0, 1).
 * @param liquidatorRewardShare  w in [0, 1].
 */
record MarketRisk(
    MarginTierSchedule tiers,
    boolean initialMarginWarning,
    boolean partialLiquidation,
    BigDecimal liquidationBuffer,
    BigDecimal minLiquidationNotional,
    BigDecimal backstopFraction,
    long liquidationCooldownNs,
    BigDecimal liquidationPenaltyRate,
    BigDecimal liquidatorRewardShare,
    boolean autoDeleverage)
{
    /**
     * Decodes and checks the fields after the v1 checks of a market line. Decoding may reject {@code PRECISION} or
     * {@code OVERFLOW}; a value outside its documented range rejects {@code INVALID_REFERENCE_DATA}.
     */
    static MarketRisk of(
        final BigDecimal maintenanceRate, final BigDecimal initialRate, final ModelEvent.MarketRiskFields fields)
    {
        final MarginTierSchedule tiers = MarginTierSchedule.of(maintenanceRate, initialRate, fields.marginTiers());
        final BigDecimal buffer = E8.decode(fields.liquidationBuffer());
        final BigDecimal minNotional = E8.decode(fields.minLiquidationNotional());
        final BigDecimal backstop = E8.decode(fields.backstopFraction());
        final BigDecimal penaltyRate = E8.decode(fields.liquidationPenaltyRate());
        final BigDecimal rewardShare = E8.decode(fields.liquidatorRewardShare());
        if (buffer.signum() < 0 || buffer.compareTo(BigDecimal.ONE) > 0 || minNotional.signum() < 0 ||
            fields.liquidationCooldownNs() < 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (backstop.signum() < 0 || backstop.compareTo(BigDecimal.ONE) > 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (penaltyRate.signum() < 0 || penaltyRate.compareTo(BigDecimal.ONE) >= 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (rewardShare.signum() < 0 || rewardShare.compareTo(BigDecimal.ONE) > 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        return new MarketRisk(
            tiers, fields.initialMarginWarning(), fields.partialLiquidation(), buffer, minNotional, backstop,
            fields.liquidationCooldownNs(), penaltyRate, rewardShare, fields.autoDeleverage());
    }

    boolean hasPenalty()
    {
        return liquidationPenaltyRate.signum() > 0;
    }
}

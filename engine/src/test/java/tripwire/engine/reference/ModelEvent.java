package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.List;

/**
 * One scenario line after the adapter rules (names, JSON types, decimal syntax), before the engine's checks.
 * Decimal quantities are the exact values the sender wrote; the model decodes them to 10^-8 itself, at the
 * step of the check order where docs/engine-model.md decodes them.
 */
sealed interface ModelEvent
{
    int seq();

    /** A JSON object the adapter could not map: rejected {@code MALFORMED}. */
    record Malformed(int seq, String problem) implements ModelEvent
    {
    }

    /**
     * {@code assetId} is the name's id in the asset namespace, given on its first well-formed definition line.
     * {@code insuranceFund} is the amount paid into the insurance fund (docs/risk-model.md section 6), 0 when absent.
     */
    record AssetDefinition(int seq, String asset, int assetId, boolean quote, BigDecimal haircut, BigDecimal insuranceFund)
        implements ModelEvent
    {
    }

    /**
     * {@code marketId} is the name's id in the market namespace; an empty source list means any source;
     * {@code risk} holds the fields of docs/risk-model.md, each at its default when absent.
     */
    record MarketDefinition(
        int seq, String market, int marketId, BigDecimal initialMarginRate, BigDecimal maintenanceMarginRate,
        List<String> oracleSources, MarketRiskFields risk) implements ModelEvent
    {
    }

    /** One further margin tier as written: from {@code notional} on, the two rates. Not yet decoded. */
    record TierFields(BigDecimal notional, BigDecimal maintenanceMarginRate, BigDecimal initialMarginRate)
    {
    }

    /**
     * A market line's fields of docs/risk-model.md sections 1, 3, 4, 5 and 7, as written (decimals not yet decoded);
     * an absent field has its documented default: no tiers, false, 0.
     */
    record MarketRiskFields(
        List<TierFields> marginTiers,
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
        static final MarketRiskFields NONE = new MarketRiskFields(
            List.of(), false, false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO,
            BigDecimal.ZERO, false);
    }

    record Deposit(int seq, long account, String asset, BigDecimal amount) implements ModelEvent
    {
    }

    record Withdraw(int seq, long account, String asset, BigDecimal amount) implements ModelEvent
    {
    }

    /** Signed {@code size}: positive buys, negative sells. */
    record Fill(int seq, long account, String market, BigDecimal size, BigDecimal price) implements ModelEvent
    {
    }

    record MarketTick(int seq, String source, String market, BigDecimal price) implements ModelEvent
    {
    }

    record AssetTick(int seq, String source, String asset, BigDecimal price) implements ModelEvent
    {
    }

    record LiquidationFill(int seq, long order, BigDecimal size, BigDecimal price) implements ModelEvent
    {
    }
}

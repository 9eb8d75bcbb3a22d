package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.List;

/** A defined market (linear perpetual on the quote asset). Mutable state owned by {@link ReferenceModel}. */
final class ModelMarket
{
    final String name;
    final int id;
    BigDecimal initialMarginRate;
    BigDecimal maintenanceMarginRate;

    /** Tiers, penalty, partial liquidation, ADL (docs/risk-model.md); every feature off for a v1 market line. */
    MarketRisk risk;

    /** Who may publish the price; empty means any source. */
    List<String> oracleSources;

    /** Last accepted tick; {@code null} until the first one. */
    BigDecimal markPrice;

    /** High-water mark: the largest |position| any account has ever held in this market. Never lowered. */
    BigDecimal maxAbsSize = BigDecimal.ZERO;

    ModelMarket(
        final String name, final int id, final BigDecimal initialMarginRate, final BigDecimal maintenanceMarginRate,
        final List<String> oracleSources, final MarketRisk risk)
    {
        this.risk = risk;
        this.name = name;
        this.id = id;
        this.initialMarginRate = initialMarginRate;
        this.maintenanceMarginRate = maintenanceMarginRate;
        this.oracleSources = oracleSources;
    }
}

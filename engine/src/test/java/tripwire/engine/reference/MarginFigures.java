package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * An account's equity and requirements, term by term as in docs/engine-model.md "Account figures".
 * Every rounding of that table is an explicit {@link E8#floor} or {@link E8#ceil} here.
 *
 * <pre>
 * quote collateral           c                                             exact
 * other collateral, priced   floor( floor(b × price) × (1 − haircut) )     down, twice
 * other collateral, no price 0
 * position value             floor(s × P)                                  down (toward −∞)
 * notional                   ceil(|s| × P)                                 up
 * maintenance of a position  ceil(notional × m_n) − dm_n                   up  (tier n, docs/risk-model.md 1)
 * initial of a position      ceil(notional × i_n) − di_n                   up  (a v1 market: tier 0, no deduction)
 * E = Σ collateral + Σ position value,  MM = Σ maintenance,  IM = Σ initial
 * </pre>
 */
final class MarginFigures
{
    final BigDecimal equity;
    final BigDecimal maintenance;
    final BigDecimal initial;

    /** MM_m of every open position, by market name. */
    final Map<String, BigDecimal> maintenanceByMarket;

    /** N_m, the notional of every open position, by market name. */
    final Map<String, BigDecimal> notionalByMarket;

    /** The maintenance rate m_n of the tier every open position is in, by market name. */
    final Map<String, BigDecimal> tierMaintenanceRateByMarket;

    private MarginFigures(
        final BigDecimal equity, final BigDecimal maintenance, final BigDecimal initial,
        final Map<String, BigDecimal> maintenanceByMarket, final Map<String, BigDecimal> notionalByMarket,
        final Map<String, BigDecimal> tierMaintenanceRateByMarket)
    {
        this.equity = equity;
        this.maintenance = maintenance;
        this.initial = initial;
        this.maintenanceByMarket = maintenanceByMarket;
        this.notionalByMarket = notionalByMarket;
        this.tierMaintenanceRateByMarket = tierMaintenanceRateByMarket;
    }

    /**
     * @param cash        quote cash.
     * @param collateral  non-quote balances by asset name (each asset defined).
     * @param positions   non-zero positions by market name; each market must have a mark price.
     */
    static MarginFigures of(
        final BigDecimal cash,
        final Map<String, BigDecimal> collateral,
        final Map<String, BigDecimal> positions,
        final Map<String, ModelAsset> assets,
        final Map<String, ModelMarket> markets)
    {
        BigDecimal equity = cash;
        for (final Map.Entry<String, BigDecimal> balance : collateral.entrySet())
        {
            equity = equity.add(collateralValue(assets.get(balance.getKey()), balance.getValue()));
        }

        BigDecimal maintenance = BigDecimal.ZERO;
        BigDecimal initial = BigDecimal.ZERO;
        final Map<String, BigDecimal> maintenanceByMarket = new HashMap<>();
        final Map<String, BigDecimal> notionalByMarket = new HashMap<>();
        final Map<String, BigDecimal> tierMaintenanceRateByMarket = new HashMap<>();
        for (final Map.Entry<String, BigDecimal> position : positions.entrySet())
        {
            final ModelMarket market = markets.get(position.getKey());
            final BigDecimal size = position.getValue();
            final BigDecimal markPrice = market.markPrice;

            final BigDecimal positionValue = E8.floor(size.multiply(markPrice));
            final BigDecimal notional = E8.ceil(size.abs().multiply(markPrice));
            final MarginTierSchedule.Tier tier = market.risk.tiers().tierOf(notional);
            final BigDecimal positionMaintenance = tier.maintenance(notional);
            final BigDecimal positionInitial = tier.initial(notional);

            equity = equity.add(positionValue);
            maintenance = maintenance.add(positionMaintenance);
            initial = initial.add(positionInitial);
            maintenanceByMarket.put(market.name, positionMaintenance);
            notionalByMarket.put(market.name, notional);
            tierMaintenanceRateByMarket.put(market.name, tier.maintenanceRate());
        }
        return new MarginFigures(
            equity, maintenance, initial, maintenanceByMarket, notionalByMarket, tierMaintenanceRateByMarket);
    }

    /** A non-quote balance's collateral value; zero until the asset has a price. */
    static BigDecimal collateralValue(final ModelAsset asset, final BigDecimal balance)
    {
        if (asset.price == null)
        {
            return BigDecimal.ZERO;
        }
        final BigDecimal grossValue = E8.floor(balance.multiply(asset.price));
        return E8.floor(grossValue.multiply(BigDecimal.ONE.subtract(asset.haircut)));
    }

    boolean isLiquidatable()
    {
        return equity.compareTo(maintenance) < 0;
    }
}

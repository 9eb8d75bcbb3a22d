package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The scenario generator's part for docs/risk-model.md, used only when the seed's {@link RiskMix} is not v1:
 * the risk fields of market lines (mostly valid, drawn per market so that markets with and without each feature
 * meet), the insurance fund's amounts, occasional definitions with one out-of-range risk field, and liquidation
 * fills settled worse than the order's limit so that bad debt and ADL happen.
 */
final class RiskScenarioParts
{
    private static final List<String> PENALTY_RATES = List.of(
        "0.001", "0.005", "0.01", "0.0125", "0.02", "0.025", "0.03333333", "0.05");
    private static final List<String> REWARD_SHARES = List.of("0", "0.25", "0.5", "0.33333333", "1");
    private static final List<String> BUFFERS = List.of("0", "0.05", "0.1", "0.2", "0.03333333");
    private static final List<String> MIN_NOTIONALS = List.of("0", "10", "50", "200", "1000", "12.5");
    private static final List<String> BACKSTOPS = List.of("0", "0.2", "0.5", "0.8", "1");
    private static final List<Long> COOLDOWNS_NS = List.of(0L, 2_000_000L, 10_000_000L, 50_000_000L, 200_000_000L);

    /** The risk fields of one market line, in the order they are written; a twin market gets the same. */
    record MarketRiskSpec(List<Map<String, String>> marginTiers, Map<String, Object> fields)
    {
        JsonLine applyTo(final JsonLine line)
        {
            if (!marginTiers.isEmpty())
            {
                line.putStringObjects("marginTiers", marginTiers);
            }
            fields.forEach((field, value) ->
            {
                if (value instanceof Boolean)
                {
                    line.put(field, (Boolean)value);
                }
                else if (value instanceof Long)
                {
                    line.put(field, (Long)value);
                }
                else
                {
                    line.put(field, (String)value);
                }
            });
            return line;
        }
    }

    private final SplittableRandom random;
    private final RiskMix mix;
    private final GeneratorWorld world;

    RiskScenarioParts(final SplittableRandom random, final RiskMix mix, final GeneratorWorld world)
    {
        this.random = random;
        this.mix = mix;
        this.world = world;
    }

    /** The fields of one market line for the mix; each feature on for most markets, off for some. */
    MarketRiskSpec drawMarketSpec(final BigDecimal maintenanceRate, final BigDecimal initialRate)
    {
        final List<Map<String, String>> tiers = mix.tiers() && random.nextDouble() < 0.75 ?
            drawTiers(maintenanceRate, initialRate) : List.of();
        final Map<String, Object> fields = new LinkedHashMap<>();
        if (mix.marginWarning() && random.nextDouble() < 0.75)
        {
            fields.put("initialMarginWarning", random.nextDouble() < 0.9);
        }
        if (mix.penaltyAndFund() && random.nextDouble() < 0.8)
        {
            fields.put("liquidationPenaltyRate", GeneratorWorld.pick(random, PENALTY_RATES));
            if (random.nextDouble() < 0.8)
            {
                fields.put("liquidatorRewardShare", GeneratorWorld.pick(random, REWARD_SHARES));
            }
        }
        if (mix.partialLiquidation() && random.nextDouble() < 0.8)
        {
            fields.put("partialLiquidation", true);
            if (random.nextDouble() < 0.7)
            {
                fields.put("liquidationBuffer", GeneratorWorld.pick(random, BUFFERS));
            }
            if (random.nextDouble() < 0.7)
            {
                fields.put("minLiquidationNotional", GeneratorWorld.pick(random, MIN_NOTIONALS));
            }
            if (random.nextDouble() < 0.7)
            {
                fields.put("backstopFraction", GeneratorWorld.pick(random, BACKSTOPS));
            }
            if (random.nextDouble() < 0.8)
            {
                fields.put("liquidationCooldownNs", GeneratorWorld.pick(random, COOLDOWNS_NS));
            }
        }
        if (mix.autoDeleverage() && random.nextDouble() < 0.75)
        {
            fields.put("autoDeleverage", true);
        }
        return new MarketRiskSpec(tiers, fields);
    }

    /**
     * 1 to 4 further tiers from a notional of 300 to 100,000 on, each bound 2 to 8 times the last; rates rising
     * (sometimes with 8 digits, like Hyperliquid's 0.16666667), capped at 1, initial at least maintenance.
     */
    private List<Map<String, String>> drawTiers(final BigDecimal maintenanceRate, final BigDecimal initialRate)
    {
        final List<Map<String, String>> tiers = new ArrayList<>();
        final int count = 1 + random.nextInt(4);
        BigDecimal notional = DecimalText.round(Math.pow(10, 2.5 + 2.5 * random.nextDouble()), 0).max(BigDecimal.ONE);
        BigDecimal maintenance = maintenanceRate;
        BigDecimal initial = initialRate;
        for (int i = 0; i < count; i++)
        {
            final int scale = random.nextBoolean() ? 5 : 8;
            maintenance = maintenance.multiply(BigDecimal.valueOf(1 + 1.5 * random.nextDouble()))
                .setScale(scale, RoundingMode.CEILING).min(BigDecimal.ONE);
            initial = initial.max(maintenance.multiply(BigDecimal.valueOf(1 + random.nextDouble())))
                .setScale(scale, RoundingMode.CEILING).min(BigDecimal.ONE);
            final Map<String, String> tier = new LinkedHashMap<>();
            tier.put("notional", notional.toPlainString());
            tier.put("maintenanceMarginRate", maintenance.stripTrailingZeros().toPlainString());
            tier.put("initialMarginRate", initial.stripTrailingZeros().toPlainString());
            tiers.add(tier);
            notional = notional.multiply(BigDecimal.valueOf(2 + 6 * random.nextDouble())).setScale(2, RoundingMode.DOWN);
        }
        return tiers;
    }

    /** The quote asset line's first payment into the fund: small with ADL (so the fund runs dry), larger otherwise. */
    BigDecimal initialFund()
    {
        final double amount = mix.autoDeleverage() ?
            Math.pow(10, -1 + 3 * random.nextDouble()) : Math.pow(10, 2 + 2.5 * random.nextDouble());
        return DecimalText.round(amount, 2).max(new BigDecimal("0.01"));
    }

    /** A redefinition of the quote asset that pays into the fund again. */
    JsonLine fundTopUp()
    {
        return JsonLine.of("asset").put("asset", world.quoteAsset).put("quote", true)
            .put("insuranceFund", initialFund().toPlainString());
    }

    /** A definition with exactly one risk field out of its range (or, rarely, too precise). */
    JsonLine badRiskDefinition()
    {
        final String market = GeneratorWorld.pick(random, world.markets);
        final BigDecimal maintenance = world.maintenanceRateByMarket.get(market);
        final BigDecimal initial = world.initialRateByMarket.get(market);
        final JsonLine line = JsonLine.of("market").put("market", market)
            .put("initialMarginRate", initial.toPlainString())
            .put("maintenanceMarginRate", maintenance.toPlainString());
        final String m = maintenance.toPlainString();
        final String i = initial.toPlainString();
        switch (random.nextInt(14))
        {
            case 0:
            {
                final List<Map<String, String>> tiers = new ArrayList<>();
                for (int n = 1; n <= 8; n++)
                {
                    tiers.add(tier(Integer.toString(1000 * n), m, i));
                }
                return line.putStringObjects("marginTiers", tiers);
            }
            case 1:
                return line.putStringObjects("marginTiers", List.of(tier(random.nextBoolean() ? "0" : "-5", m, i)));
            case 2:
                return line.putStringObjects("marginTiers",
                    List.of(tier("500", m, i), tier(random.nextBoolean() ? "500" : "400", m, i)));
            case 3:
                return line.putStringObjects("marginTiers", List.of(tier("1000", random.nextBoolean() ? "0" : "1.5", "1")));
            case 4:
                return line.putStringObjects("marginTiers", List.of(tier("1000", "1", "0.99999999")));
            case 5:
                return line.putStringObjects("marginTiers", List.of(tier("1000", m, "1.01")));
            case 6:
                return line.put("liquidationPenaltyRate", GeneratorWorld.pick(random, List.of("1", "-0.01", "1.5")));
            case 7:
                return line.put("liquidatorRewardShare", GeneratorWorld.pick(random, List.of("1.5", "-0.5", "1.00000001")));
            case 8:
                return line.put("backstopFraction", GeneratorWorld.pick(random, List.of("1.2", "-0.1")));
            case 9:
                return line.put("partialLiquidation", true).put("liquidationBuffer", "-0.05");
            case 10:
                return line.put("partialLiquidation", true).put("minLiquidationNotional", "-10");
            case 11:
                return line.put("partialLiquidation", true).put("liquidationCooldownNs", -1 - random.nextInt(1000));
            case 12:
                return JsonLine.of("asset").put("asset", world.quoteAsset).put("quote", true).put("insuranceFund", "-5");
            default:
                return line.putStringObjects("marginTiers", List.of(tier("100.000000001", m, i)));
        }
    }

    /** A price 1% to 31% worse than the order's limit for the account: below it for a SELL, above for a BUY. */
    BigDecimal worseThanLimit(final boolean sell, final BigDecimal limitPrice)
    {
        final double worse = 0.01 + 0.3 * random.nextDouble();
        final double price = limitPrice.doubleValue() * (sell ? 1 - worse : 1 + worse);
        return DecimalText.round(price, DecimalText.decimalsFor(price)).max(E8.ONE_UNIT);
    }

    private static Map<String, String> tier(final String notional, final String maintenance, final String initial)
    {
        final Map<String, String> tier = new LinkedHashMap<>();
        tier.put("notional", notional);
        tier.put("maintenanceMarginRate", maintenance);
        tier.put("initialMarginRate", initial);
        return tier;
    }
}

package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hostile scenario lines: unknown ids, non-positive quantities, too many decimals, values beyond the range,
 * states that would break the range rule, unauthorised sources, over-fills, quote-asset ticks, bad
 * reference data, malformed objects, and lines with several faults at once (so the order of checks shows).
 * Each kind is built from the generator's current world so that only the intended fault is present.
 */
final class HostileLines
{
    static final List<String> TOO_PRECISE = List.of(
        "0.000000001", "1.123456789", "-0.000000001", "100.0000000001", "3.141592653589793", "2.500000000500");
    static final List<String> HUGE = List.of(
        "2882303761.51711745", "3000000000", "-3000000000", "99999999999999999999999", "9223372036854775808",
        "92233720368.54775808", "123456789012345678901234567890.5");
    private static final String MAX_TEXT = "2882303761.51711744";
    private static final List<String> NON_POSITIVE = List.of("0", "-0", "0.00000000", "-1", "-0.00000001", "-250.5");

    private final SplittableRandom random;
    private final GeneratorWorld world;
    private final ReferenceModel model;
    private final List<HostileKind> kinds;
    private final MalformedLines malformed;
    private int newNameCounter;

    HostileLines(
        final SplittableRandom random, final GeneratorWorld world, final ReferenceModel model,
        final ScenarioFeatures features)
    {
        this.random = random;
        this.world = world;
        this.model = model;
        this.kinds = new ArrayList<>(features.hostileKinds());
        this.malformed = new MalformedLines(random, world);
    }

    JsonLine next()
    {
        final HostileKind kind = GeneratorWorld.pick(random, kinds);
        switch (kind)
        {
            case UNKNOWN_ACCOUNT:
                return JsonLine.of("withdraw").put("account", world.unusedAccountId(random, random.nextBoolean()))
                    .put("asset", world.quoteAsset).put("amount", "10");
            case UNKNOWN_ASSET:
                return unknownAsset();
            case UNKNOWN_MARKET:
                return unknownMarket();
            case UNKNOWN_ORDER:
                return liquidationFill(unknownOrderId(), "1", "100");
            case NON_POSITIVE_AMOUNT:
                return (random.nextBoolean() ? deposit() : quoteWithdrawal()).put("amount", nonPositive());
            case ZERO_FILL_SIZE:
                return fill().put("size", GeneratorWorld.pick(random, List.of("0", "-0", "0.000", "0.00000000")));
            case NON_POSITIVE_PRICE:
                return random.nextBoolean() ? fill().put("price", nonPositive()) : marketTick().put("price", nonPositive());
            case TOO_MANY_DECIMALS:
                return withOneQuantity(GeneratorWorld.pick(random, TOO_PRECISE));
            case HARMLESS_TRAILING_ZEROS:
                return harmlessTrailingZeros();
            case HUGE_VALUE:
                return withOneQuantity(GeneratorWorld.pick(random, HUGE));
            case OVERFLOWING_STATE:
                return overflowingState();
            case UNAUTHORISED_SOURCE:
                return unauthorisedSource();
            case LIQUIDATION_OVER_FILL:
                return liquidationOverFill();
            case BAD_LIQUIDATION_FILL:
                return badLiquidationFill();
            case QUOTE_ASSET_TICK:
                return JsonLine.of("tick").put("source", "pyth").put("asset", world.quoteAsset).put("price", "1");
            case BAD_ASSET_DEFINITION:
                return badAssetDefinition();
            case BAD_MARKET_DEFINITION:
                return badMarketDefinition();
            case MALFORMED_OBJECT:
                return malformed.next();
            case EXCESSIVE_WITHDRAWAL:
                return excessiveWithdrawal();
            case SEVERAL_FAULTS:
                return severalFaults();
            case EDGE_ACCOUNT_ID:
                return edgeAccountId();
            default:
                throw new IllegalStateException("unhandled " + kind);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Kinds
    // ------------------------------------------------------------------------------------------------

    private JsonLine unknownAsset()
    {
        final String asset = unusedName(List.of("USDT2", "XYZ", "BTC", "usdc", "WETH2", "EUR"), world.assetNamesOnDefinitionLines);
        switch (random.nextInt(3))
        {
            case 0:
                return deposit().put("asset", asset);
            case 1:
                return quoteWithdrawal().put("asset", asset);
            default:
                return JsonLine.of("tick").put("source", "pyth").put("asset", asset).put("price", "10");
        }
    }

    private JsonLine unknownMarket()
    {
        final String market = unusedName(
            List.of("FOO-PERP", "btc-perp", "ETH-PERP2", "BTC", "PERP"), world.marketNamesOnDefinitionLines);
        return random.nextBoolean() ? fill().put("market", market) : marketTick().put("market", market);
    }

    private long unknownOrderId()
    {
        if (world.highestOrderId > 0 && random.nextBoolean())
        {
            final long finished = 1 + random.nextLong(world.highestOrderId);
            if (model.outstandingOrders().stream().noneMatch(order -> order.order() == finished))
            {
                return finished;
            }
        }
        return world.highestOrderId + 1 + random.nextInt(1000);
    }

    private JsonLine harmlessTrailingZeros()
    {
        final String zeros = "0".repeat(1 + random.nextInt(8));
        if (random.nextBoolean())
        {
            final String market = GeneratorWorld.pick(random, world.markets);
            final BigDecimal price = world.marketPrice.get(market);
            world.pricedNames.add(market);
            return JsonLine.of("tick").put("source", world.authorisedSource(random, market)).put("market", market)
                .put("price", price.setScale(8).toPlainString() + zeros);
        }
        return deposit().put("amount", (1 + random.nextInt(5000)) + ".00000000" + zeros);
    }

    private JsonLine overflowingState()
    {
        switch (random.nextInt(5))
        {
            case 0:
                return deposit().put("amount", random.nextBoolean() ? MAX_TEXT : "2882303000");
            case 1:
            {
                // only for a priced asset: an unpriced one would accept it and block every later tick of it
                final List<String> priced = new ArrayList<>(world.collateralAssets);
                priced.retainAll(world.pricedNames);
                if (priced.isEmpty())
                {
                    return deposit().put("amount", MAX_TEXT);
                }
                final String asset = GeneratorWorld.pick(random, priced);
                // worth 1.5 × MAX at the walk's price; above MAX itself it fails to decode instead: OVERFLOW either way
                final BigDecimal amount = E8.MAX.multiply(BigDecimal.valueOf(1.5))
                    .divide(world.assetPrice.get(asset), 2, RoundingMode.DOWN);
                return deposit().put("asset", asset).put("amount", amount.toPlainString());
            }
            case 2:
                return fill().put("size", random.nextBoolean() ? "1000000" : "-1000000").put("price", "5000");
            case 3:
                return heldMarketTickAtTwoBillion();
            default:
                return quoteWithdrawal().put("amount", MAX_TEXT);
        }
    }

    /** A mark price of 2e9 on a market where someone held more than 2 contracts: beyond the range rule. */
    private JsonLine heldMarketTickAtTwoBillion()
    {
        for (final String market : world.markets)
        {
            for (final long account : world.openAccounts)
            {
                if (model.position(account, market).abs().compareTo(BigDecimal.valueOf(2)) > 0)
                {
                    return JsonLine.of("tick").put("source", world.authorisedSource(random, market))
                        .put("market", market).put("price", "2000000000");
                }
            }
        }
        return fill().put("size", "3000000").put("price", "1000");
    }

    private JsonLine unauthorisedSource()
    {
        final List<String> restricted = new ArrayList<>();
        for (final String market : world.markets)
        {
            if (!world.sourcesByMarket.get(market).isEmpty())
            {
                restricted.add(market);
            }
        }
        if (restricted.isEmpty())
        {
            return unknownMarket();
        }
        final String market = GeneratorWorld.pick(random, restricted);
        final List<String> others = new ArrayList<>(GeneratorWorld.SOURCE_POOL);
        others.removeAll(world.sourcesByMarket.get(market));
        others.add("rogue");
        return JsonLine.of("tick").put("source", GeneratorWorld.pick(random, others)).put("market", market)
            .put("price", world.marketPrice.get(market).toPlainString());
    }

    private JsonLine liquidationOverFill()
    {
        final List<ReferenceModel.OutstandingOrder> orders = model.outstandingOrders();
        if (orders.isEmpty())
        {
            return liquidationFill(unknownOrderId(), "1", "1");
        }
        final ReferenceModel.OutstandingOrder order = GeneratorWorld.pick(random, orders);
        final BigDecimal size = random.nextBoolean() ?
            order.remaining().add(E8.ONE_UNIT) : order.remaining().multiply(BigDecimal.valueOf(2));
        return liquidationFill(order.order(), size.toPlainString(), world.marketPrice.get(order.market()).toPlainString());
    }

    private JsonLine badLiquidationFill()
    {
        final List<ReferenceModel.OutstandingOrder> orders = model.outstandingOrders();
        final long orderId = orders.isEmpty() ? unknownOrderId() : GeneratorWorld.pick(random, orders).order();
        switch (random.nextInt(3))
        {
            case 0:
                return liquidationFill(orderId, nonPositive(), "100");
            case 1:
                return liquidationFill(orderId, "0.00000001", nonPositive());
            default:
                return liquidationFill(orderId, GeneratorWorld.pick(random, TOO_PRECISE), "100");
        }
    }

    private JsonLine badAssetDefinition()
    {
        final String collateral = world.collateralAssets.isEmpty() ?
            world.quoteAsset : GeneratorWorld.pick(random, world.collateralAssets);
        switch (random.nextInt(8))
        {
            case 0:
                return assetDefinition(collateral).put("haircut", GeneratorWorld.pick(random, List.of("1", "1.5", "-0.1", "1.00000000")));
            case 1:
                return assetDefinition(collateral).put("haircut", GeneratorWorld.pick(random, List.of("0.999999999", "0.1234567891")));
            case 2:
                return assetDefinition(newName("QX")).put("quote", true);
            case 3:
                return assetDefinition(collateral).put("quote", true);
            case 4:
                return assetDefinition(world.quoteAsset);
            case 5:
                return assetDefinition(world.quoteAsset).put("quote", true).put("haircut", "0.05");
            case 6:
                return assetDefinition(collateral).put("haircut", GeneratorWorld.pick(random, HUGE));
            default:
                return assetDefinition(newName("NA")).put("haircut", "0.2");
        }
    }

    private JsonLine badMarketDefinition()
    {
        final String market = GeneratorWorld.pick(random, world.markets);
        switch (random.nextInt(8))
        {
            case 0:
                return marketDefinition(market, "0.1", GeneratorWorld.pick(random, List.of("0", "-0.01", "1.5", "-0")));
            case 1:
                return marketDefinition(market, "0.04", "0.05");
            case 2:
                return marketDefinition(market, "1.00000001", "0.05");
            case 3:
            {
                final List<String> sources = new ArrayList<>();
                final int count = 9 + random.nextInt(4);
                for (int i = 1; i <= count; i++)
                {
                    sources.add("src" + i);
                }
                return marketDefinition(market, "0.1", "0.05").putNames("oracleSources", sources);
            }
            case 4:
                return marketDefinition(market, "0.1", GeneratorWorld.pick(random, TOO_PRECISE));
            case 5:
                return marketDefinition(market, GeneratorWorld.pick(random, HUGE), "0.05");
            case 6:
                return marketDefinition(newName("NM"), "0.1", "0.2");
            default:
                return marketDefinition(newName("NM"), "0.2", "0.1");
        }
    }

    private JsonLine excessiveWithdrawal()
    {
        final long account = world.anyOpenAccount(random);
        if (!world.collateralAssets.isEmpty() && random.nextBoolean())
        {
            final String asset = GeneratorWorld.pick(random, world.collateralAssets);
            final BigDecimal amount = model.balance(account, asset).add(BigDecimal.ONE);
            return JsonLine.of("withdraw").put("account", account).put("asset", asset).put("amount", amount.toPlainString());
        }
        final BigDecimal amount = world.depositedValue(account).multiply(BigDecimal.valueOf(2 + random.nextInt(8)))
            .add(BigDecimal.valueOf(1000));
        return JsonLine.of("withdraw").put("account", account).put("asset", world.quoteAsset)
            .put("amount", amount.toPlainString());
    }

    /** Two faults in one line: the first in the documented check order must be the rejection. */
    private JsonLine severalFaults()
    {
        switch (random.nextInt(7))
        {
            case 0:
                return JsonLine.of("withdraw").put("account", world.unusedAccountId(random, false))
                    .put("asset", "NOPE").put("amount", "0.000000001");
            case 1:
                return deposit().put("asset", "NOPE").put("amount", "-1");
            case 2:
                return fill().put("size", "0").put("price", "-1");
            case 3:
                return fill().put("size", GeneratorWorld.pick(random, TOO_PRECISE)).put("price", GeneratorWorld.pick(random, HUGE));
            case 4:
                return unauthorisedSource().put("price", "0");
            case 5:
                return liquidationFill(unknownOrderId(), "0", "0.000000001");
            default:
                return fill().put("market", "NOPE-PERP").put("size", GeneratorWorld.pick(random, MalformedLines.BAD_DECIMALS));
        }
    }

    private JsonLine edgeAccountId()
    {
        switch (random.nextInt(3))
        {
            case 0:
                return deposit().put("account", GeneratorWorld.MAX_ACCOUNT_ID);
            case 1:
                return deposit().put("account", GeneratorWorld.MAX_ACCOUNT_ID + 1);
            default:
                return fill().put("account", 1L);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Plain lines to corrupt
    // ------------------------------------------------------------------------------------------------

    private JsonLine deposit()
    {
        return JsonLine.of("deposit").put("account", world.anyOpenAccount(random)).put("asset", world.quoteAsset)
            .put("amount", Integer.toString(1 + random.nextInt(1000)));
    }

    private JsonLine quoteWithdrawal()
    {
        return JsonLine.of("withdraw").put("account", world.anyOpenAccount(random)).put("asset", world.quoteAsset)
            .put("amount", "1");
    }

    private JsonLine fill()
    {
        final String market = GeneratorWorld.pick(random, world.markets);
        return JsonLine.of("fill").put("account", world.anyOpenAccount(random)).put("market", market)
            .put("size", random.nextBoolean() ? "0.01" : "-0.01").put("price", world.marketPrice.get(market).toPlainString());
    }

    private JsonLine marketTick()
    {
        final String market = GeneratorWorld.pick(random, world.markets);
        return JsonLine.of("tick").put("source", world.authorisedSource(random, market)).put("market", market)
            .put("price", world.marketPrice.get(market).toPlainString());
    }

    private JsonLine liquidationFill(final long order, final String size, final String price)
    {
        return JsonLine.of("liquidationFill").put("order", order).put("size", size).put("price", price);
    }

    private JsonLine assetDefinition(final String asset)
    {
        world.assetNamesOnDefinitionLines.add(asset);
        return JsonLine.of("asset").put("asset", asset);
    }

    private JsonLine marketDefinition(final String market, final String initialRate, final String maintenanceRate)
    {
        world.marketNamesOnDefinitionLines.add(market);
        return JsonLine.of("market").put("market", market).put("initialMarginRate", initialRate)
            .put("maintenanceMarginRate", maintenanceRate);
    }

    /** A plain line of a random kind with one decimal quantity replaced. */
    private JsonLine withOneQuantity(final String text)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return deposit().put("amount", text);
            case 1:
                return quoteWithdrawal().put("amount", text);
            case 2:
                return fill().put("size", text);
            case 3:
                return fill().put("price", text);
            case 4:
                return marketTick().put("price", text);
            default:
            {
                final List<ReferenceModel.OutstandingOrder> orders = model.outstandingOrders();
                final long order = orders.isEmpty() ? 1 : GeneratorWorld.pick(random, orders).order();
                return random.nextBoolean() ? liquidationFill(order, text, "100") : liquidationFill(order, "0.00000001", text);
            }
        }
    }

    private String nonPositive()
    {
        return GeneratorWorld.pick(random, NON_POSITIVE);
    }

    private String unusedName(final List<String> candidates, final Set<String> used)
    {
        final String candidate = GeneratorWorld.pick(random, candidates);
        return used.contains(candidate) ? newName("UN") : candidate;
    }

    private String newName(final String prefix)
    {
        return prefix + (newNameCounter++);
    }
}

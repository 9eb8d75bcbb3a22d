package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random v1 scenario from a seed: the same seed always gives the same lines.
 *
 * <p>Reference data first (a quote asset, 2–4 collateral assets with haircuts, 2–5 markets with various
 * rates and oracle source lists), first prices, then a body of deposits, withdrawals (some too big), fills
 * with random leverage, random-walk ticks with crashes and rallies from authorised sources, liquidation
 * fills (partial and full) of the orders the {@link ReferenceModel} has emitted so far, occasional valid
 * reference data changes, withdrawals of exactly the equity above initial margin (or one unit more), a twin
 * market for emission ties, comments, blank lines and {@code timeNs}, and 5–10% hostile lines
 * ({@link HostileLines}). Which features appear varies by seed ({@link ScenarioFeatures}).
 *
 * <p>{@link #generateWithRiskFeatures} adds the features of docs/risk-model.md by the seed's {@link RiskMix}
 * ({@link RiskScenarioParts}): risk fields on market lines, an insurance fund on the quote asset, a {@code timeNs} on
 * every line (the cooldown's clock), all first prices at once, some liquidation fills worse than their limit and a
 * few definitions with an out-of-range risk field. Its {@link RiskMix#V1_ONLY} seeds, and
 * {@link #generateWithModelOutputs} for every seed, write the v1 scenario, line for line as before.
 *
 * <p>The generator runs its own reference model line by line to know which orders are outstanding and
 * which accounts are open; it never produces a line that is not a JSON object.
 */
public final class RandomScenarioGenerator
{
    static final int MIN_LINES = 50;

    private static final List<String> QUOTE_NAMES = List.of("USDC", "USDT", "DAI", "USD");
    private static final List<String> COLLATERAL_NAMES = List.of("WETH", "WBTC", "SOL", "stETH", "ARB", "LINK");
    private static final List<String> MARKET_NAMES = List.of(
        "BTC-PERP", "ETH-PERP", "SOL-PERP", "ARB-PERP", "DOGE-PERP", "XRP-PERP", "AVAX-PERP", "LINK-PERP");
    private static final List<String> MAINTENANCE_RATES = List.of(
        "0.003", "0.005", "0.01", "0.0125", "0.02", "0.025", "0.05", "0.1", "0.0333");

    private final SplittableRandom random;
    private final ScenarioFeatures features;
    private final RiskMix mix;
    private final RiskScenarioParts risk;
    private final GeneratorWorld world = new GeneratorWorld();
    private final ReferenceModel model = new ReferenceModel();
    private final HostileLines hostileLines;
    private final Map<String, PriceWalk> walks = new HashMap<>();
    private final Map<String, RiskScenarioParts.MarketRiskSpec> riskSpecByMarket = new HashMap<>();
    private final List<String> lines = new ArrayList<>();
    private int lineCount;
    private long timeNs;

    private RandomScenarioGenerator(final long seed, final RiskMix mix)
    {
        random = new SplittableRandom(seed);
        features = ScenarioFeatures.draw(random);
        hostileLines = new HostileLines(random, world, model, features);
        this.mix = mix;
        risk = new RiskScenarioParts(random, mix, world);
    }

    /**
     * The lines of a scenario, the outputs the reference model gave for them while they were written, and how
     * often each rule of docs/risk-model.md acted.
     */
    public record GeneratedScenario(List<String> lines, List<ModelOutput> modelOutputs, Map<RiskEvent, Integer> riskEvents)
    {
    }

    /** A scenario of exactly {@code lineCount} lines. */
    public static List<String> generate(final long seed, final int lineCount)
    {
        return generateWithModelOutputs(seed, lineCount).lines();
    }

    /**
     * A scenario of exactly {@code lineCount} lines (at least {@value #MIN_LINES}, room for the reference data)
     * with the model's outputs for it: the same as {@link ReferenceModel#run(List)} of the lines, without a
     * second run (the generator only reads the model between lines).
     */
    public static GeneratedScenario generateWithModelOutputs(final long seed, final int lineCount)
    {
        if (lineCount < MIN_LINES)
        {
            throw new IllegalArgumentException("lineCount " + lineCount + " < " + MIN_LINES);
        }
        return generate(seed, lineCount, RiskMix.V1_ONLY);
    }

    /**
     * Like {@link #generateWithModelOutputs}, with the features of docs/risk-model.md that the seed's
     * {@link RiskMix#ofSeed mix} selects (seeds ≡ 0 mod 4 give the v1 scenario).
     */
    public static GeneratedScenario generateWithRiskFeatures(final long seed, final int lineCount)
    {
        return generate(seed, lineCount, RiskMix.ofSeed(seed));
    }

    static GeneratedScenario generate(final long seed, final int lineCount, final RiskMix mix)
    {
        if (lineCount < MIN_LINES)
        {
            throw new IllegalArgumentException("lineCount " + lineCount + " < " + MIN_LINES);
        }
        final RandomScenarioGenerator generator = new RandomScenarioGenerator(seed, mix);
        final List<String> lines = generator.write(lineCount);
        return new GeneratedScenario(lines, generator.model.outputs(), generator.model.riskEvents());
    }

    /** The features a seed's scenario uses. */
    static ScenarioFeatures featuresOf(final long seed)
    {
        return ScenarioFeatures.draw(new SplittableRandom(seed));
    }

    private List<String> write(final int lineCount)
    {
        this.lineCount = lineCount;
        if (features.comments())
        {
            lines.add("# generated scenario: " + features + (mix.isV1() ? "" : " " + mix));
            model.acceptLine(lines.get(lines.size() - 1));
        }
        writeReferenceData();
        writeFirstPrices();
        while (lines.size() < lineCount)
        {
            writeBodyLine();
        }
        return List.copyOf(lines);
    }

    // ------------------------------------------------------------------------------------------------
    // Reference data and first prices
    // ------------------------------------------------------------------------------------------------

    private void writeReferenceData()
    {
        world.quoteAsset = GeneratorWorld.pick(random, QUOTE_NAMES);
        final JsonLine quote = JsonLine.of("asset").put("asset", world.quoteAsset).put("quote", true);
        if (random.nextDouble() < 0.3)
        {
            quote.put("haircut", "0.000");
        }
        if (mix.penaltyAndFund())
        {
            quote.put("insuranceFund", risk.initialFund().toPlainString());
        }
        world.assetNamesOnDefinitionLines.add(world.quoteAsset);
        emit(quote);

        for (final String asset : pickDistinct(COLLATERAL_NAMES, features.collateralAssetCount()))
        {
            final JsonLine definition = JsonLine.of("asset").put("asset", asset);
            if (random.nextDouble() < 0.2)
            {
                definition.put("quote", false);
            }
            if (random.nextDouble() < 0.85)
            {
                definition.put("haircut", randomHaircut().toPlainString());
            }
            world.assetNamesOnDefinitionLines.add(asset);
            world.collateralAssets.add(asset);
            world.assetPrice.put(asset, DecimalText.round(Math.pow(10, -1 + 5.5 * random.nextDouble()), 4));
            emit(definition);
        }

        for (final String market : pickDistinct(MARKET_NAMES, features.marketCount()))
        {
            final List<String> sources = randomSources();
            final BigDecimal maintenanceRate = new BigDecimal(GeneratorWorld.pick(random, MAINTENANCE_RATES));
            world.marketNamesOnDefinitionLines.add(market);
            world.markets.add(market);
            world.marketPrice.put(market, DecimalText.round(Math.pow(10, -1.5 + 6.3 * random.nextDouble()), 4));
            emitMarketDefinition(market, maintenanceRate, randomInitialRate(maintenanceRate), sources);
        }
        if (features.twinMarket())
        {
            writeTwinMarket(world.markets.get(0));
        }
        for (final Map.Entry<String, BigDecimal> price : world.marketPrice.entrySet())
        {
            walks.put(price.getKey(), new PriceWalk(price.getValue().doubleValue()));
        }
        for (final Map.Entry<String, BigDecimal> price : world.assetPrice.entrySet())
        {
            walks.put(price.getKey(), new PriceWalk(price.getValue().doubleValue()));
        }
    }

    /** A market with the same rates and sources as {@code original}, ticked to the same prices. */
    private void writeTwinMarket(final String original)
    {
        final String twin = "TWIN-PERP";
        world.marketNamesOnDefinitionLines.add(twin);
        world.markets.add(twin);
        world.marketPrice.put(twin, world.marketPrice.get(original));
        world.twinOf.put(twin, original);
        world.twinOf.put(original, twin);
        emitMarketDefinition(twin, world.maintenanceRateByMarket.get(original), world.initialRateByMarket.get(original),
            world.sourcesByMarket.get(original), riskSpecByMarket.get(original));
    }

    private BigDecimal randomInitialRate(final BigDecimal maintenanceRate)
    {
        return maintenanceRate.multiply(BigDecimal.valueOf(1 + 3 * random.nextDouble()))
            .setScale(5, RoundingMode.CEILING).min(BigDecimal.ONE);
    }

    private void emitMarketDefinition(
        final String market, final BigDecimal maintenanceRate, final BigDecimal initialRate, final List<String> sources)
    {
        emitMarketDefinition(market, maintenanceRate, initialRate, sources, null);
    }

    /** @param riskSpec the risk fields to write (a twin's copy), or {@code null} to draw them for the mix. */
    private void emitMarketDefinition(
        final String market, final BigDecimal maintenanceRate, final BigDecimal initialRate, final List<String> sources,
        final RiskScenarioParts.MarketRiskSpec riskSpec)
    {
        final JsonLine definition = JsonLine.of("market").put("market", market)
            .put("initialMarginRate", initialRate.toPlainString())
            .put("maintenanceMarginRate", maintenanceRate.toPlainString());
        if (!sources.isEmpty() || random.nextBoolean())
        {
            definition.putNames("oracleSources", sources);
        }
        if (!mix.isV1())
        {
            final RiskScenarioParts.MarketRiskSpec spec =
                riskSpec != null ? riskSpec : risk.drawMarketSpec(maintenanceRate, initialRate);
            spec.applyTo(definition);
            riskSpecByMarket.put(market, spec);
        }
        if (rejectionFree(emit(definition)))
        {
            world.sourcesByMarket.put(market, sources);
            world.maintenanceRateByMarket.put(market, maintenanceRate);
            world.initialRateByMarket.put(market, initialRate);
        }
    }

    private void writeFirstPrices()
    {
        for (final String asset : world.collateralAssets)
        {
            if (!features.latePrices() || !mix.isV1() || random.nextBoolean())
            {
                writeAssetTick(asset);
            }
        }
        for (final String market : world.markets)
        {
            if (!features.latePrices() || !mix.isV1() || random.nextBoolean())
            {
                writeMarketTick(market);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Body
    // ------------------------------------------------------------------------------------------------

    private void writeBodyLine()
    {
        double roll = random.nextDouble();
        if ((roll -= features.hostileRate()) < 0)
        {
            emit(hostileLines.next());
        }
        else if (features.comments() && (roll -= 0.02) < 0)
        {
            writeCommentOrBlank();
        }
        else if (features.referenceDataChanges() && (roll -= 0.006) < 0)
        {
            writeReferenceDataChange();
        }
        else if (!mix.isV1() && (roll -= 0.003) < 0)
        {
            emit(risk.badRiskDefinition());
        }
        else if (mix.penaltyAndFund() && (roll -= 0.002) < 0)
        {
            emit(risk.fundTopUp());
        }
        else if ((roll -= 0.27) < 0)
        {
            writeMarketTick(GeneratorWorld.pick(random, world.markets));
        }
        else if ((roll -= 0.07) < 0)
        {
            writeAssetTick(GeneratorWorld.pick(random, world.collateralAssets));
        }
        else if ((roll -= 0.15) < 0)
        {
            writeDeposit();
        }
        else if ((roll -= 0.07) < 0)
        {
            writeWithdrawal();
        }
        else if ((roll -= 0.12) < 0 && !model.outstandingOrders().isEmpty())
        {
            writeLiquidationFill();
        }
        else
        {
            writeFill();
        }
    }

    private void writeCommentOrBlank()
    {
        final String line = GeneratorWorld.pick(random, List.of("", "   ", "# a comment line", "  # indented comment"));
        lines.add(line);
        model.acceptLine(line);
    }

    private void writeMarketTick(final String market)
    {
        final BigDecimal price = nextPrice(market, world.marketPrice);
        emitMarketTick(market, price);
        final String twin = world.twinOf.get(market);
        if (twin != null && hasRoomForAnotherLine())
        {
            world.marketPrice.put(twin, price);
            emitMarketTick(twin, price);
        }
    }

    private void emitMarketTick(final String market, final BigDecimal price)
    {
        world.pricedNames.add(market);
        emit(JsonLine.of("tick").put("source", world.authorisedSource(random, market)).put("market", market)
            .put("price", price.toPlainString()));
    }

    private void writeAssetTick(final String asset)
    {
        final BigDecimal price = nextPrice(asset, world.assetPrice);
        world.pricedNames.add(asset);
        emit(JsonLine.of("tick").put("source", GeneratorWorld.pick(random, GeneratorWorld.SOURCE_POOL))
            .put("asset", asset).put("price", price.toPlainString()));
    }

    private BigDecimal nextPrice(final String name, final Map<String, BigDecimal> prices)
    {
        final double next = walks.get(name).next(prices.get(name).doubleValue(), random, features);
        final BigDecimal price = DecimalText.round(next, DecimalText.decimalsFor(next)).max(E8.ONE_UNIT);
        prices.put(name, price);
        return price;
    }

    private void writeDeposit()
    {
        final boolean openNew = world.openAccounts.isEmpty() ||
            (world.openAccounts.size() < features.targetAccountCount() && random.nextDouble() < 0.35);
        final long account = openNew ? newAccountId() : GeneratorWorld.pick(random, world.openAccounts);
        final double value = Math.pow(10, 1.5 + 3.5 * random.nextDouble());
        final JsonLine deposit = JsonLine.of("deposit").put("account", account);
        if (!world.collateralAssets.isEmpty() && random.nextDouble() < features.collateralDepositShare())
        {
            final String asset = GeneratorWorld.pick(random, world.collateralAssets);
            final double units = value / world.assetPrice.get(asset).doubleValue();
            final BigDecimal amount = DecimalText.round(units, DecimalText.decimalsFor(units)).max(E8.ONE_UNIT);
            deposit.put("asset", asset).put("amount", amount.toPlainString());
        }
        else
        {
            deposit.put("asset", world.quoteAsset).put("amount", DecimalText.round(value, random.nextInt(3)).toPlainString());
        }
        if (rejectionFree(emit(deposit)))
        {
            world.depositedValueByAccount.merge(account, BigDecimal.valueOf(value), BigDecimal::add);
        }
    }

    private void writeWithdrawal()
    {
        if (world.openAccounts.isEmpty())
        {
            writeDeposit();
            return;
        }
        final long account = GeneratorWorld.pick(random, world.openAccounts);
        if (!world.collateralAssets.isEmpty() && random.nextDouble() < 0.3)
        {
            final String asset = GeneratorWorld.pick(random, world.collateralAssets);
            final BigDecimal balance = model.balance(account, asset);
            if (balance.signum() > 0)
            {
                final BigDecimal amount = DecimalText.roundDown(
                    balance.multiply(BigDecimal.valueOf(0.1 + 1.2 * random.nextDouble())), 8).max(E8.ONE_UNIT);
                emit(JsonLine.of("withdraw").put("account", account).put("asset", asset).put("amount", amount.toPlainString()));
                return;
            }
        }
        final BigDecimal headroom = model.equityAboveInitialMargin(account);
        if (headroom != null && headroom.signum() > 0 && random.nextDouble() < 0.2)
        {
            // exactly to the initial margin (accepted), or one unit beyond it (rejected)
            final BigDecimal amount = random.nextBoolean() ? headroom : headroom.add(E8.ONE_UNIT);
            emit(JsonLine.of("withdraw").put("account", account).put("asset", world.quoteAsset)
                .put("amount", amount.toPlainString()));
            return;
        }
        final BigDecimal amount = DecimalText.roundDown(
            world.depositedValue(account).multiply(BigDecimal.valueOf(0.02 + 1.1 * random.nextDouble())), 2);
        emit(JsonLine.of("withdraw").put("account", account).put("asset", world.quoteAsset)
            .put("amount", amount.max(BigDecimal.ONE).toPlainString()));
    }

    private void writeFill()
    {
        final boolean openNew = world.openAccounts.isEmpty() || random.nextDouble() < 0.03;
        final long account = openNew ? newAccountId() : GeneratorWorld.pick(random, world.openAccounts);
        final String market = GeneratorWorld.pick(random, world.markets);
        final BigDecimal mark = world.marketPrice.get(market);
        final double priceValue = mark.doubleValue() * (1 + 0.002 * random.nextGaussian());
        final BigDecimal price = DecimalText.round(priceValue, DecimalText.decimalsFor(priceValue)).max(E8.ONE_UNIT);

        final BigDecimal position = model.position(account, market);
        final BigDecimal size;
        if (position.signum() != 0 && random.nextDouble() < 0.35)
        {
            final BigDecimal reduced = DecimalText.roundDown(
                position.negate().multiply(BigDecimal.valueOf(0.1 + 0.9 * random.nextDouble())), position.scale());
            size = random.nextBoolean() || reduced.signum() == 0 ? position.negate() : reduced;
        }
        else
        {
            final double collateral = Math.max(50, world.depositedValue(account).doubleValue());
            final double maxLeverage = Math.min(50, 1.5 / world.maintenanceRateByMarket.get(market).doubleValue());
            final double leverage = Math.exp(Math.log(0.2) + (Math.log(maxLeverage) - Math.log(0.2)) * random.nextDouble());
            final double contracts = collateral * leverage / price.doubleValue();
            final int decimals = Math.min(8, DecimalText.decimalsFor(contracts) - random.nextInt(3) + 1);
            final BigDecimal unsigned = DecimalText.round(contracts, Math.max(0, decimals));
            final BigDecimal nonZero = unsigned.signum() == 0 ? BigDecimal.ONE.movePointLeft(unsigned.scale()) : unsigned;
            size = random.nextBoolean() ? nonZero : nonZero.negate();
        }
        emit(JsonLine.of("fill").put("account", account).put("market", market)
            .put("size", size.toPlainString()).put("price", price.toPlainString()));
        final String twin = world.twinOf.get(market);
        if (twin != null && hasRoomForAnotherLine() && random.nextDouble() < 0.5)
        {
            emit(JsonLine.of("fill").put("account", account).put("market", twin)
                .put("size", size.toPlainString()).put("price", price.toPlainString()));
        }
    }

    private void writeLiquidationFill()
    {
        final ReferenceModel.OutstandingOrder order = GeneratorWorld.pick(random, model.outstandingOrders());
        BigDecimal size = order.remaining();
        if (random.nextDouble() < 0.45)
        {
            final BigDecimal partial = DecimalText.roundDown(
                order.remaining().multiply(BigDecimal.valueOf(0.05 + 0.9 * random.nextDouble())), random.nextInt(9));
            if (partial.signum() > 0 && partial.compareTo(order.remaining()) < 0)
            {
                size = partial;
            }
        }
        final BigDecimal reference = random.nextBoolean() ?
            world.limitPriceByOrder.get(order.order()) : world.marketPrice.get(order.market());
        final double priceValue = reference.doubleValue() * (1 + 0.003 * random.nextGaussian());
        BigDecimal price = DecimalText.round(priceValue, DecimalText.decimalsFor(priceValue)).max(E8.ONE_UNIT);
        if (!mix.isV1() && random.nextDouble() < 0.25)
        {
            price = risk.worseThanLimit("SELL".equals(order.side()), world.limitPriceByOrder.get(order.order()));
        }
        emit(JsonLine.of("liquidationFill").put("order", order.order()).put("size", size.toPlainString())
            .put("price", price.toPlainString()));
    }

    /** A valid change: a collateral asset's haircut, or a market's rates and oracle sources. */
    private void writeReferenceDataChange()
    {
        if (!world.collateralAssets.isEmpty() && random.nextBoolean())
        {
            final String asset = GeneratorWorld.pick(random, world.collateralAssets);
            emit(JsonLine.of("asset").put("asset", asset).put("haircut", randomHaircut().toPlainString()));
            return;
        }
        final String market = GeneratorWorld.pick(random, world.markets);
        final BigDecimal maintenanceRate = new BigDecimal(GeneratorWorld.pick(random, MAINTENANCE_RATES));
        final BigDecimal initialRate = randomInitialRate(maintenanceRate);
        final List<String> sources = randomSources();
        emitMarketDefinition(market, maintenanceRate, initialRate, sources);
        if (world.twinOf.containsKey(market) && hasRoomForAnotherLine())
        {
            emitMarketDefinition(
                world.twinOf.get(market), maintenanceRate, initialRate, sources, riskSpecByMarket.get(market));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------

    /** Decorates, writes and feeds one line to the model; returns the model's outputs for it. */
    private List<ModelOutput> emit(final JsonLine line)
    {
        if (!mix.isV1())
        {
            if (!line.has("timeNs"))
            {
                timeNs += 1 + random.nextInt(5_000_000);
                line.put("timeNs", timeNs);
            }
        }
        else if (features.timeNs() && random.nextDouble() < 0.5)
        {
            timeNs += 1 + random.nextInt(5_000_000);
            line.put("timeNs", timeNs);
        }
        if (features.extraFields() && random.nextDouble() < 0.05)
        {
            line.put("note", "extra fields are ignored");
        }
        if (features.shuffledFields() && random.nextDouble() < 0.2)
        {
            line.shuffleFields(random);
        }
        final String text = line.toString();
        lines.add(text);
        final List<ModelOutput> outputs = model.acceptLine(text);

        final long account = line.validAccountId();
        if (account != 0)
        {
            world.usedAccountIds.add(account);
            if (model.isOpen(account) && !world.openAccounts.contains(account))
            {
                world.openAccounts.add(account);
            }
        }
        for (final ModelOutput output : outputs)
        {
            if (output instanceof ModelOutput.LiquidationOrder)
            {
                final ModelOutput.LiquidationOrder order = (ModelOutput.LiquidationOrder)output;
                world.limitPriceByOrder.put(order.order(), order.limitPrice());
                world.highestOrderId = Math.max(world.highestOrderId, order.order());
            }
        }
        return outputs;
    }

    /** Whether a body step may write a second line and still leave the scenario at most {@code lineCount} long. */
    private boolean hasRoomForAnotherLine()
    {
        return lines.size() < lineCount;
    }

    private long newAccountId()
    {
        final long id = world.unusedAccountId(random, features.largeAccountIds() && random.nextBoolean());
        world.usedAccountIds.add(id);
        return id;
    }

    private BigDecimal randomHaircut()
    {
        return random.nextDouble() < 0.2 ?
            BigDecimal.ZERO : DecimalText.round(0.5 * random.nextDouble(), 1 + random.nextInt(4));
    }

    private List<String> randomSources()
    {
        final List<String> sources = new ArrayList<>();
        if (features.restrictedSources() && random.nextDouble() < 0.7)
        {
            for (final String source : pickDistinct(GeneratorWorld.SOURCE_POOL, 1 + random.nextInt(3)))
            {
                sources.add(source);
            }
        }
        return sources;
    }

    private List<String> pickDistinct(final List<String> pool, final int count)
    {
        final List<String> shuffled = new ArrayList<>(pool);
        for (int i = shuffled.size() - 1; i > 0; i--)
        {
            Collections.swap(shuffled, i, random.nextInt(i + 1));
        }
        return shuffled.subList(0, count);
    }

    private static boolean rejectionFree(final List<ModelOutput> outputs)
    {
        return outputs.stream().noneMatch(output -> output instanceof ModelOutput.Rejection);
    }
}

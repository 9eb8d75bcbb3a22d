package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static tripwire.engine.reference.RejectReason.CAPACITY;
import static tripwire.engine.reference.RejectReason.INSUFFICIENT_BALANCE;
import static tripwire.engine.reference.RejectReason.INSUFFICIENT_MARGIN;
import static tripwire.engine.reference.RejectReason.INVALID_AMOUNT;
import static tripwire.engine.reference.RejectReason.INVALID_REFERENCE_DATA;
import static tripwire.engine.reference.RejectReason.MALFORMED;
import static tripwire.engine.reference.RejectReason.NON_POSITIVE_PRICE;
import static tripwire.engine.reference.RejectReason.OVERFLOW;
import static tripwire.engine.reference.RejectReason.QUOTE_ASSET_TICK;
import static tripwire.engine.reference.RejectReason.UNAUTHORISED_SOURCE;
import static tripwire.engine.reference.RejectReason.UNKNOWN_ACCOUNT;
import static tripwire.engine.reference.RejectReason.UNKNOWN_ASSET;
import static tripwire.engine.reference.RejectReason.UNKNOWN_MARKET;
import static tripwire.engine.reference.RejectReason.UNKNOWN_ORDER;

/**
 * A plain reference implementation of the engine's v1 business logic, written from
 * {@code docs/engine-model.md} and {@code scenario-format.md} only, for differential tests.
 *
 * <p>Everything is {@link BigDecimal} in whole units; every rounding the docs name is an explicit
 * {@link E8#floor}/{@link E8#ceil} (see {@link MarginFigures}); every range rule is an explicit comparison
 * with {@link E8#MAX}. Accounts live in a {@link LinkedHashMap} in the order they were opened, and a tick
 * scans all of them. Each handler first runs the documented checks in the documented order (the first
 * failing one throws {@link Rejected}), then changes state, then checks the accounts the event concerns.
 *
 * <p>Feed lines one at a time with {@link #acceptLine(String)} (the generator does, to know which orders
 * are outstanding) or a whole scenario with {@link #run(List)}. Single-threaded; one instance per scenario.
 */
public final class ReferenceModel
{
    static final int MAX_ASSETS = 8;
    static final int MAX_MARKETS = 16;
    static final int MAX_ACCOUNTS = 65_536;
    static final int MAX_ORACLE_SOURCES_PER_MARKET = 8;

    /** A read-only view of an outstanding liquidation order. */
    public record OutstandingOrder(long order, long account, String market, String side, BigDecimal remaining)
    {
    }

    private final ScenarioLineMapper mapper = new ScenarioLineMapper();
    private final Map<String, ModelAsset> assets = new HashMap<>();
    private final Map<String, ModelMarket> markets = new HashMap<>();
    private final Map<Long, ModelAccount> accountsInOpenOrder = new LinkedHashMap<>();
    private final Map<Long, ModelOrder> outstandingOrders = new LinkedHashMap<>();
    private final List<ModelOutput> outputs = new ArrayList<>();
    private long nextOrderId = 1;
    private int linesRead;

    /** Runs a whole scenario through a fresh model and returns every output in emission order. */
    public static List<ModelOutput> run(final List<String> lines)
    {
        final ReferenceModel model = new ReferenceModel();
        for (final String line : lines)
        {
            model.acceptLine(line);
        }
        return model.outputs();
    }

    /**
     * Reads the next physical line of the scenario (its seq is the number of lines read so far).
     *
     * @return the outputs this line caused, in emission order.
     * @throws IllegalArgumentException when the line is not a JSON object (the engine's runner fails too).
     */
    public List<ModelOutput> acceptLine(final String line)
    {
        final int seq = ++linesRead;
        final ModelEvent event = mapper.map(seq, line);
        final int firstOutput = outputs.size();
        if (event != null)
        {
            try
            {
                apply(event);
            }
            catch (final Rejected rejected)
            {
                outputs.add(new ModelOutput.Rejection(seq, rejected.reason));
            }
        }
        return List.copyOf(outputs.subList(firstOutput, outputs.size()));
    }

    public List<ModelOutput> outputs()
    {
        return List.copyOf(outputs);
    }

    public List<OutstandingOrder> outstandingOrders()
    {
        final List<OutstandingOrder> views = new ArrayList<>();
        for (final ModelOrder order : outstandingOrders.values())
        {
            views.add(new OutstandingOrder(order.id, order.account, order.market, order.side, order.remaining));
        }
        return views;
    }

    public boolean isOpen(final long account)
    {
        return accountsInOpenOrder.containsKey(account);
    }

    /** The account's signed position; zero when none or when the account is not open. */
    public BigDecimal position(final long account, final String market)
    {
        final ModelAccount open = accountsInOpenOrder.get(account);
        return open == null ? BigDecimal.ZERO : open.position(market);
    }

    /** The account's balance of an asset (quote cash for the quote asset); zero when unknown. */
    public BigDecimal balance(final long account, final String asset)
    {
        final ModelAccount open = accountsInOpenOrder.get(account);
        final ModelAsset defined = assets.get(asset);
        return open == null || defined == null ? BigDecimal.ZERO : balanceOf(open, defined);
    }

    /**
     * What a quote withdrawal may take at most: equity minus initial margin; {@code null} when the account is
     * not open or a market of one of its positions has no price yet.
     */
    public BigDecimal equityAboveInitialMargin(final long account)
    {
        final ModelAccount open = accountsInOpenOrder.get(account);
        if (open == null || !everyPositionHasMarkPrice(open))
        {
            return null;
        }
        final MarginFigures figures = figuresOf(open);
        return figures.equity.subtract(figures.initial);
    }

    private void apply(final ModelEvent event)
    {
        if (event instanceof ModelEvent.Malformed)
        {
            throw new Rejected(MALFORMED);
        }
        else if (event instanceof ModelEvent.AssetDefinition)
        {
            defineAsset((ModelEvent.AssetDefinition)event);
        }
        else if (event instanceof ModelEvent.MarketDefinition)
        {
            defineMarket((ModelEvent.MarketDefinition)event);
        }
        else if (event instanceof ModelEvent.Deposit)
        {
            deposit((ModelEvent.Deposit)event);
        }
        else if (event instanceof ModelEvent.Withdraw)
        {
            withdraw((ModelEvent.Withdraw)event);
        }
        else if (event instanceof ModelEvent.Fill)
        {
            fill((ModelEvent.Fill)event);
        }
        else if (event instanceof ModelEvent.MarketTick)
        {
            marketTick((ModelEvent.MarketTick)event);
        }
        else if (event instanceof ModelEvent.AssetTick)
        {
            assetTick((ModelEvent.AssetTick)event);
        }
        else if (event instanceof ModelEvent.LiquidationFill)
        {
            liquidationFill((ModelEvent.LiquidationFill)event);
        }
        else
        {
            throw new IllegalStateException("unhandled event " + event);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Reference data
    // ------------------------------------------------------------------------------------------------

    private void defineAsset(final ModelEvent.AssetDefinition definition)
    {
        if (definition.assetId() >= MAX_ASSETS)
        {
            throw new Rejected(CAPACITY);
        }
        final BigDecimal haircut = E8.decode(definition.haircut());
        if (haircut.signum() < 0 || haircut.compareTo(BigDecimal.ONE) >= 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        final ModelAsset earlier = assets.get(definition.asset());
        final ModelAsset quoteAsset = quoteAsset();
        if (definition.quote() && quoteAsset != null && quoteAsset != earlier)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (earlier != null && earlier.quote != definition.quote())
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (definition.quote() && haircut.signum() != 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }

        if (earlier != null)
        {
            earlier.haircut = haircut;
        }
        else
        {
            assets.put(
                definition.asset(), new ModelAsset(definition.asset(), definition.assetId(), definition.quote(), haircut));
        }
    }

    private void defineMarket(final ModelEvent.MarketDefinition definition)
    {
        if (definition.marketId() >= MAX_MARKETS)
        {
            throw new Rejected(CAPACITY);
        }
        if (definition.oracleSources().size() > MAX_ORACLE_SOURCES_PER_MARKET)
        {
            throw new Rejected(CAPACITY);
        }
        final BigDecimal initialRate = E8.decode(definition.initialMarginRate());
        final BigDecimal maintenanceRate = E8.decode(definition.maintenanceMarginRate());
        if (maintenanceRate.signum() <= 0 || maintenanceRate.compareTo(BigDecimal.ONE) > 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (initialRate.compareTo(maintenanceRate) < 0 || initialRate.compareTo(BigDecimal.ONE) > 0)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }

        // docs/engine-model.md, rule 6: a market's cash and prices are in the quote asset, which must exist first.
        if (quoteAsset() == null)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        final ModelMarket earlier = markets.get(definition.market());
        if (earlier != null)
        {
            earlier.initialMarginRate = initialRate;
            earlier.maintenanceMarginRate = maintenanceRate;
            earlier.oracleSources = List.copyOf(definition.oracleSources());
        }
        else
        {
            markets.put(definition.market(), new ModelMarket(
                definition.market(), definition.marketId(), initialRate, maintenanceRate,
                List.copyOf(definition.oracleSources())));
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Account events
    // ------------------------------------------------------------------------------------------------

    private void deposit(final ModelEvent.Deposit deposit)
    {
        final ModelAsset asset = definedAsset(deposit.asset());
        final BigDecimal amount = E8.decode(deposit.amount());
        if (amount.signum() <= 0)
        {
            throw new Rejected(INVALID_AMOUNT);
        }
        final ModelAccount existing = accountsInOpenOrder.get(deposit.account());
        final BigDecimal newBalance = (existing == null ? BigDecimal.ZERO : balanceOf(existing, asset)).add(amount);
        if (newBalance.compareTo(E8.MAX) > 0)
        {
            throw new Rejected(OVERFLOW);
        }
        if (!asset.quote && asset.price != null && E8.productBeyondRange(newBalance, asset.price))
        {
            throw new Rejected(OVERFLOW);
        }
        if (existing == null && accountsInOpenOrder.size() >= MAX_ACCOUNTS)
        {
            throw new Rejected(CAPACITY);
        }

        final ModelAccount account = existing != null ? existing : open(deposit.account());
        setBalance(account, asset, newBalance);
        checkAccount(account, deposit.seq());
    }

    private void withdraw(final ModelEvent.Withdraw withdraw)
    {
        final ModelAccount account = openAccount(withdraw.account());
        final ModelAsset asset = definedAsset(withdraw.asset());
        final BigDecimal amount = E8.decode(withdraw.amount());
        if (amount.signum() <= 0)
        {
            throw new Rejected(INVALID_AMOUNT);
        }
        final BigDecimal newBalance = balanceOf(account, asset).subtract(amount);
        if (!asset.quote && newBalance.signum() < 0)
        {
            throw new Rejected(INSUFFICIENT_BALANCE);
        }
        if (asset.quote && newBalance.compareTo(E8.MAX.negate()) < 0)
        {
            throw new Rejected(OVERFLOW);
        }
        if (!everyPositionHasMarkPrice(account))
        {
            throw new Rejected(INSUFFICIENT_MARGIN);
        }
        final MarginFigures after = figuresWithBalance(account, asset, newBalance);
        if (after.equity.compareTo(after.initial) < 0)
        {
            throw new Rejected(INSUFFICIENT_MARGIN);
        }

        setBalance(account, asset, newBalance);
    }

    private void fill(final ModelEvent.Fill fill)
    {
        final ModelMarket market = definedMarket(fill.market());
        final BigDecimal size = E8.decode(fill.size());
        final BigDecimal price = E8.decode(fill.price());
        if (size.signum() == 0)
        {
            throw new Rejected(INVALID_AMOUNT);
        }
        if (price.signum() <= 0)
        {
            throw new Rejected(NON_POSITIVE_PRICE);
        }
        final ModelAccount existing = accountsInOpenOrder.get(fill.account());
        final BigDecimal cash = existing == null ? BigDecimal.ZERO : existing.cash;
        final BigDecimal position = existing == null ? BigDecimal.ZERO : existing.position(market.name);
        final Trade trade = checkedTrade(cash, position, size, price, market);
        if (existing == null && accountsInOpenOrder.size() >= MAX_ACCOUNTS)
        {
            throw new Rejected(CAPACITY);
        }

        final ModelAccount account = existing != null ? existing : open(fill.account());
        settle(account, market, trade);
        checkAccount(account, fill.seq());
    }

    private void liquidationFill(final ModelEvent.LiquidationFill fill)
    {
        final ModelOrder order = outstandingOrders.get(fill.order());
        if (order == null)
        {
            throw new Rejected(UNKNOWN_ORDER);
        }
        final BigDecimal size = E8.decode(fill.size());
        final BigDecimal price = E8.decode(fill.price());
        if (size.signum() <= 0)
        {
            throw new Rejected(INVALID_AMOUNT);
        }
        if (price.signum() <= 0)
        {
            throw new Rejected(NON_POSITIVE_PRICE);
        }
        if (size.compareTo(order.remaining) > 0)
        {
            throw new Rejected(INVALID_AMOUNT);
        }
        final ModelAccount account = accountsInOpenOrder.get(order.account);
        final ModelMarket market = markets.get(order.market);
        final BigDecimal signedSize = order.isSell() ? size.negate() : size;
        final Trade trade = checkedTrade(account.cash, account.position(market.name), signedSize, price, market);

        settle(account, market, trade);
        order.remaining = order.remaining.subtract(size);
        if (order.remaining.signum() == 0)
        {
            outstandingOrders.remove(order.id);
            account.outstandingOrderByMarket.remove(order.market);
        }
        checkAccount(account, fill.seq());
    }

    // ------------------------------------------------------------------------------------------------
    // Prices
    // ------------------------------------------------------------------------------------------------

    private void marketTick(final ModelEvent.MarketTick tick)
    {
        final ModelMarket market = definedMarket(tick.market());
        if (!market.oracleSources.isEmpty() && !market.oracleSources.contains(tick.source()))
        {
            throw new Rejected(UNAUTHORISED_SOURCE);
        }
        final BigDecimal price = E8.decode(tick.price());
        if (price.signum() <= 0)
        {
            throw new Rejected(NON_POSITIVE_PRICE);
        }
        if (E8.productBeyondRange(market.maxAbsSize, price))
        {
            throw new Rejected(OVERFLOW);
        }

        market.markPrice = price;
        for (final ModelAccount account : accountsInOpenOrder.values())
        {
            if (account.position(market.name).signum() != 0)
            {
                checkAccount(account, tick.seq());
            }
        }
    }

    private void assetTick(final ModelEvent.AssetTick tick)
    {
        final ModelAsset asset = definedAsset(tick.asset());
        if (asset.quote)
        {
            throw new Rejected(QUOTE_ASSET_TICK);
        }
        final BigDecimal price = E8.decode(tick.price());
        if (price.signum() <= 0)
        {
            throw new Rejected(NON_POSITIVE_PRICE);
        }
        if (E8.productBeyondRange(asset.maxBalance, price))
        {
            throw new Rejected(OVERFLOW);
        }

        asset.price = price;
        for (final ModelAccount account : accountsInOpenOrder.values())
        {
            if (account.collateral(asset.name).signum() > 0)
            {
                checkAccount(account, tick.seq());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Trades: the range rule, then settlement
    // ------------------------------------------------------------------------------------------------

    /** Cash and position after a trade that passed the range rule. */
    private record Trade(BigDecimal newCash, BigDecimal newPosition)
    {
    }

    /**
     * The range rule of a fill or liquidation fill: {@code cash += floor(−s × p)}, {@code position += s}, then
     * |new cash|, |new position|, |new position| × fill price and |new position| × mark price (when there is
     * one) must each be at most MAX_E8 (products rounded down, {@link E8#productBeyondRange}).
     */
    private static Trade checkedTrade(
        final BigDecimal cash, final BigDecimal position, final BigDecimal signedSize, final BigDecimal price,
        final ModelMarket market)
    {
        final BigDecimal newCash = cash.add(E8.floor(signedSize.negate().multiply(price)));
        if (E8.beyondRange(newCash))
        {
            throw new Rejected(OVERFLOW);
        }
        final BigDecimal newPosition = position.add(signedSize);
        if (E8.beyondRange(newPosition))
        {
            throw new Rejected(OVERFLOW);
        }
        if (E8.productBeyondRange(newPosition.abs(), price) ||
            (market.markPrice != null && E8.productBeyondRange(newPosition.abs(), market.markPrice)))
        {
            throw new Rejected(OVERFLOW);
        }
        return new Trade(newCash, newPosition);
    }

    private static void settle(final ModelAccount account, final ModelMarket market, final Trade trade)
    {
        account.cash = trade.newCash();
        account.setPosition(market.name, trade.newPosition());
        market.maxAbsSize = market.maxAbsSize.max(trade.newPosition().abs());
    }

    // ------------------------------------------------------------------------------------------------
    // Liquidation
    // ------------------------------------------------------------------------------------------------

    /**
     * Checks one account after an event that concerns it. When every position has a mark price and
     * E < MM, every open position without an outstanding order gets one, largest MM_m first, ties by
     * market id ascending.
     */
    private void checkAccount(final ModelAccount account, final int triggerSeq)
    {
        if (!everyPositionHasMarkPrice(account))
        {
            return;
        }
        final MarginFigures figures = figuresOf(account);
        if (!figures.isLiquidatable())
        {
            return;
        }
        final List<ModelMarket> positionMarkets = new ArrayList<>();
        for (final String market : account.positions.keySet())
        {
            positionMarkets.add(markets.get(market));
        }
        positionMarkets.sort(Comparator
            .comparing((ModelMarket market) -> figures.maintenanceByMarket.get(market.name)).reversed()
            .thenComparingInt(market -> market.id));
        for (final ModelMarket market : positionMarkets)
        {
            if (!account.outstandingOrderByMarket.containsKey(market.name))
            {
                emitOrder(account, market, figures, triggerSeq);
            }
        }
    }

    /**
     * One order closing the whole position at its bankruptcy price:
     * {@code share = floor(E × MM_m / MM)}; {@code q = share / s} rounded down for a SELL, up for a BUY;
     * {@code limit = max(P − q, 10^-8)}.
     */
    private void emitOrder(
        final ModelAccount account, final ModelMarket market, final MarginFigures figures, final int triggerSeq)
    {
        final BigDecimal size = account.position(market.name);
        final boolean sell = size.signum() > 0;
        final BigDecimal share = figures.equity.multiply(figures.maintenanceByMarket.get(market.name))
            .divide(figures.maintenance, E8.SCALE, RoundingMode.FLOOR);
        final BigDecimal q = share.divide(size, E8.SCALE, sell ? RoundingMode.FLOOR : RoundingMode.CEILING);
        final BigDecimal limitPrice = market.markPrice.subtract(q).max(E8.ONE_UNIT);

        final ModelOrder order = new ModelOrder(nextOrderId++, account.id, market.name, sell ? "SELL" : "BUY", size.abs());
        outstandingOrders.put(order.id, order);
        account.outstandingOrderByMarket.put(market.name, order.id);
        outputs.add(new ModelOutput.LiquidationOrder(
            order.id, account.id, market.name, order.side, order.remaining, limitPrice, triggerSeq));
    }

    // ------------------------------------------------------------------------------------------------
    // Look-ups and small helpers
    // ------------------------------------------------------------------------------------------------

    private ModelAsset definedAsset(final String name)
    {
        final ModelAsset asset = assets.get(name);
        if (asset == null)
        {
            throw new Rejected(UNKNOWN_ASSET);
        }
        return asset;
    }

    private ModelMarket definedMarket(final String name)
    {
        final ModelMarket market = markets.get(name);
        if (market == null)
        {
            throw new Rejected(UNKNOWN_MARKET);
        }
        return market;
    }

    private ModelAccount openAccount(final long id)
    {
        final ModelAccount account = accountsInOpenOrder.get(id);
        if (account == null)
        {
            throw new Rejected(UNKNOWN_ACCOUNT);
        }
        return account;
    }

    private ModelAccount open(final long id)
    {
        final ModelAccount account = new ModelAccount(id);
        accountsInOpenOrder.put(id, account);
        return account;
    }

    private ModelAsset quoteAsset()
    {
        for (final ModelAsset asset : assets.values())
        {
            if (asset.quote)
            {
                return asset;
            }
        }
        return null;
    }

    private static BigDecimal balanceOf(final ModelAccount account, final ModelAsset asset)
    {
        return asset.quote ? account.cash : account.collateral(asset.name);
    }

    private static void setBalance(final ModelAccount account, final ModelAsset asset, final BigDecimal newBalance)
    {
        if (asset.quote)
        {
            account.cash = newBalance;
        }
        else
        {
            account.collateral.put(asset.name, newBalance);
            asset.maxBalance = asset.maxBalance.max(newBalance);
        }
    }

    private boolean everyPositionHasMarkPrice(final ModelAccount account)
    {
        for (final String market : account.positions.keySet())
        {
            if (markets.get(market).markPrice == null)
            {
                return false;
            }
        }
        return true;
    }

    private MarginFigures figuresOf(final ModelAccount account)
    {
        return MarginFigures.of(account.cash, account.collateral, account.positions, assets, markets);
    }

    /** The account's figures as they would be with one balance changed (for a withdrawal's check). */
    private MarginFigures figuresWithBalance(final ModelAccount account, final ModelAsset asset, final BigDecimal balance)
    {
        BigDecimal cash = account.cash;
        final Map<String, BigDecimal> collateral = new HashMap<>(account.collateral);
        if (asset.quote)
        {
            cash = balance;
        }
        else
        {
            collateral.put(asset.name, balance);
        }
        return MarginFigures.of(cash, collateral, account.positions, assets, markets);
    }
}

package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * A plain reference implementation of the engine's business logic, written from {@code docs/engine-model.md},
 * {@code scenario-format.md} and {@code docs/risk-model.md} (sections 1 tiers, 3 initial-margin warning, 4 partial
 * liquidation with cooldown, 5 penalty, 6 insurance fund, 7 ADL with cost basis) only, for differential tests.
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
    private final Map<RiskEvent, Integer> riskEvents = new EnumMap<>(RiskEvent.class);
    private long nextOrderId = 1;
    private int linesRead;

    /** The event time of the input being applied (docs/scenario-format.md "Lines and time"). */
    private long nowNs;

    /** The insurance fund's balance in quote units (docs/risk-model.md section 6). */
    private BigDecimal insuranceFund = BigDecimal.ZERO.setScale(E8.SCALE);

    /** The liquidators' rewards paid so far, in quote units (section 5; the range rule bounds it by MAX_E8). */
    private BigDecimal liquidatorRewards = BigDecimal.ZERO.setScale(E8.SCALE);

    /**
     * Bad-debt handling is on once the fund is active (docs/risk-model.md section 6, precisions): an accepted quote
     * asset line has paid a positive {@code insuranceFund} in, or an accepted market line has a penalty rate f > 0.
     * (The doc turns every feature on by a field; without either the engine must stay v1.)
     */
    private boolean insuranceFundOn;

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
            nowNs = mapper.eventTimeNs();
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

    /** How often each rule of docs/risk-model.md has acted so far. */
    Map<RiskEvent, Integer> riskEvents()
    {
        return Map.copyOf(riskEvents);
    }

    public BigDecimal insuranceFundBalance()
    {
        return insuranceFund;
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
        final BigDecimal fundAmount = checkedInsuranceFundAmount(definition);

        if (earlier != null)
        {
            earlier.haircut = haircut;
        }
        else
        {
            assets.put(
                definition.asset(), new ModelAsset(definition.asset(), definition.assetId(), definition.quote(), haircut));
        }
        if (fundAmount.signum() > 0)
        {
            insuranceFundOn = true;
            insuranceFund = insuranceFund.add(fundAmount);
            count(RiskEvent.FUND_DEPOSIT);
            outputs.add(new ModelOutput.InsuranceFundMovement(
                definition.seq(), "DEPOSIT", 0, null, fundAmount, BigDecimal.ZERO, insuranceFund));
        }
    }

    /**
     * docs/risk-model.md section 6, checked after the v1 checks: the amount decodes (PRECISION/OVERFLOW), is not
     * negative, is paid on the quote asset only, and keeps the fund's balance within MAX_E8 (OVERFLOW).
     */
    private BigDecimal checkedInsuranceFundAmount(final ModelEvent.AssetDefinition definition)
    {
        final BigDecimal amount = E8.decode(definition.insuranceFund());
        if (amount.signum() < 0 || (!definition.quote() && amount.signum() != 0))
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        if (E8.beyondRange(insuranceFund.add(amount)))
        {
            throw new Rejected(OVERFLOW);
        }
        return amount;
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
        final MarketRisk risk = MarketRisk.of(maintenanceRate, initialRate, definition.risk());
        final ModelMarket earlier = markets.get(definition.market());
        if (earlier != null)
        {
            earlier.initialMarginRate = initialRate;
            earlier.maintenanceMarginRate = maintenanceRate;
            earlier.oracleSources = List.copyOf(definition.oracleSources());
            earlier.risk = risk;
        }
        else
        {
            markets.put(definition.market(), new ModelMarket(
                definition.market(), definition.marketId(), initialRate, maintenanceRate,
                List.copyOf(definition.oracleSources()), risk));
        }
        if (risk.hasPenalty())
        {
            insuranceFundOn = true;
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
        checkAccount(account, deposit.seq(), true);
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
        settle(account, market, trade, size, price);
        if (market.risk.initialMarginWarning() && everyPositionHasMarkPrice(account))
        {
            final MarginFigures figures = figuresOf(account);
            if (figures.equity.compareTo(figures.initial) < 0)
            {
                count(RiskEvent.MARGIN_WARNING);
                outputs.add(new ModelOutput.MarginWarning(fill.seq(), account.id, figures.equity, figures.initial));
            }
        }
        checkAccount(account, fill.seq(), true);
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
        checkPenaltyRange(trade, market, size, price);

        settle(account, market, trade, signedSize, price);
        order.remaining = order.remaining.subtract(size);
        if (order.remaining.signum() == 0)
        {
            outstandingOrders.remove(order.id);
            account.outstandingOrderByMarket.remove(order.market);
        }
        if (market.risk.hasPenalty())
        {
            chargePenalty(account, market, order, size, price, fill.seq());
        }
        if (insuranceFundOn && account.positions.isEmpty())
        {
            coverBadDebt(account, market, fill.seq());
        }
        checkAccount(account, fill.seq(), true);
    }

    /**
     * docs/risk-model.md section 5, range rule, after v1's: a liquidation fill whose nominal penalty could take the
     * account's cash after the trade below −MAX_E8, or the fund's balance or the liquidators' total above MAX_E8, is
     * rejected {@code OVERFLOW} before anything moves.
     */
    private void checkPenaltyRange(
        final Trade trade, final ModelMarket market, final BigDecimal size, final BigDecimal price)
    {
        final BigDecimal nominal = nominalPenalty(market, size, price);
        if (trade.newCash().subtract(nominal).compareTo(E8.MAX.negate()) < 0 ||
            insuranceFund.add(nominal).compareTo(E8.MAX) > 0 || liquidatorRewards.add(nominal).compareTo(E8.MAX) > 0)
        {
            throw new Rejected(OVERFLOW);
        }
    }

    private static BigDecimal nominalPenalty(final ModelMarket market, final BigDecimal size, final BigDecimal price)
    {
        return E8.ceil(E8.ceil(size.multiply(price)).multiply(market.risk.liquidationPenaltyRate()));
    }

    /**
     * docs/risk-model.md section 5: {@code nominal = ceil(ceil(size × price) × f)}, {@code charged = min(nominal,
     * max(0, E_after))} (positions in markets without a price count 0), {@code reward = floor(charged × w)}, the rest
     * to the fund. Output {@code liquidationPenalty}, then the fund's {@code PENALTY} movement when its part is > 0.
     */
    private void chargePenalty(
        final ModelAccount account, final ModelMarket market, final ModelOrder order, final BigDecimal size,
        final BigDecimal price, final int seq)
    {
        final BigDecimal nominal = nominalPenalty(market, size, price);
        final BigDecimal equityAfter = equityCountingUnpricedAsZero(account);
        final BigDecimal charged = nominal.min(equityAfter.max(BigDecimal.ZERO));
        final BigDecimal reward = E8.floor(charged.multiply(market.risk.liquidatorRewardShare()));
        final BigDecimal fundPart = charged.subtract(reward);
        count(charged.compareTo(nominal) < 0 ? RiskEvent.PENALTY_CAPPED : RiskEvent.PENALTY_CHARGED_IN_FULL);

        account.cash = account.cash.subtract(charged);
        liquidatorRewards = liquidatorRewards.add(reward);
        outputs.add(new ModelOutput.LiquidationPenalty(
            seq, order.id, account.id, market.name, charged, reward, fundPart));
        if (fundPart.signum() > 0)
        {
            insuranceFund = insuranceFund.add(fundPart);
            count(RiskEvent.FUND_PENALTY);
            outputs.add(new ModelOutput.InsuranceFundMovement(
                seq, "PENALTY", account.id, market.name, fundPart, BigDecimal.ZERO, insuranceFund));
        }
    }

    /**
     * docs/risk-model.md section 6: an account with no position left and {@code E < 0} (unpriced collateral counts 0)
     * has its debt {@code D = −E} covered by the fund as far as it goes; the {@code BAD_DEBT} movement is emitted
     * even when nothing is covered.
     */
    private void coverBadDebt(final ModelAccount account, final ModelMarket market, final int seq)
    {
        final BigDecimal equity = equityCountingUnpricedAsZero(account);
        if (equity.signum() >= 0)
        {
            return;
        }
        final BigDecimal debt = equity.negate();
        final BigDecimal covered = debt.min(insuranceFund);
        account.cash = account.cash.add(covered);
        insuranceFund = insuranceFund.subtract(covered);
        count(covered.compareTo(debt) == 0 ? RiskEvent.BAD_DEBT_COVERED_IN_FULL : RiskEvent.BAD_DEBT_PARTLY_UNCOVERED);
        outputs.add(new ModelOutput.InsuranceFundMovement(
            seq, "BAD_DEBT", account.id, market.name, covered.negate(), debt.subtract(covered), insuranceFund));
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
        final List<ModelAccount> due = new ArrayList<>();
        for (final ModelAccount account : accountsInOpenOrder.values())
        {
            if (account.position(market.name).signum() != 0 && needsOrders(account))
            {
                due.add(account);
            }
        }
        checkEach(due, tick.seq());
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
        final List<ModelAccount> due = new ArrayList<>();
        for (final ModelAccount account : accountsInOpenOrder.values())
        {
            if (account.collateral(asset.name).signum() > 0 && needsOrders(account))
            {
                due.add(account);
            }
        }
        checkEach(due, tick.seq());
    }

    /**
     * docs/risk-model.md section 7 precisions: a tick first collects the accounts it concerns that are due at the
     * new price, then checks them in account order, each as it is at its turn (an earlier one's ADL may have
     * changed it; one that became liquidatable only through that ADL was checked as its counterparty).
     */
    private void checkEach(final List<ModelAccount> due, final int seq)
    {
        for (final ModelAccount account : due)
        {
            checkAccount(account, seq, true);
        }
    }

    /** Whether a check would act: every position priced, E < MM, and a position without an outstanding order. */
    private boolean needsOrders(final ModelAccount account)
    {
        boolean unordered = false;
        for (final String market : account.positions.keySet())
        {
            unordered |= !account.outstandingOrderByMarket.containsKey(market);
        }
        return unordered && everyPositionHasMarkPrice(account) && figuresOf(account).isLiquidatable();
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

    /** Applies a checked trade of {@code signedSize} at {@code price}, with its cost basis (risk-model.md 7). */
    private static void settle(
        final ModelAccount account, final ModelMarket market, final Trade trade, final BigDecimal signedSize,
        final BigDecimal price)
    {
        final BigDecimal cost = CostBasis.after(
            account.costBasis(market.name), account.position(market.name), signedSize, price);
        if (trade.newPosition().signum() == 0)
        {
            account.costBasis.remove(market.name);
        }
        else
        {
            account.costBasis.put(market.name, cost);
        }
        account.cash = trade.newCash();
        account.setPosition(market.name, trade.newPosition());
        market.maxAbsSize = market.maxAbsSize.max(trade.newPosition().abs());
    }

    // ------------------------------------------------------------------------------------------------
    // Liquidation
    // ------------------------------------------------------------------------------------------------

    /**
     * Checks one account after an event that concerns it (docs/engine-model.md, docs/risk-model.md "Order of
     * outputs"). When every position has a mark price and E < MM, the positions without an outstanding order are
     * visited in emission order (MM_m largest first, ties by market id ascending), with the figures of this moment:
     * first ADL (section 7) when allowed, E < 0 and the fund cannot cover −E, for the positions in ADL markets,
     * each with its {@code deleverage} events then its remainder order; then the other positions' orders
     * (sections 4 and 5); then each counterparty's check, in the order it was deleveraged, without ADL.
     */
    private void checkAccount(final ModelAccount account, final int triggerSeq, final boolean adlAllowed)
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
            if (!account.outstandingOrderByMarket.containsKey(market))
            {
                positionMarkets.add(markets.get(market));
            }
        }
        positionMarkets.sort(Comparator
            .comparing((ModelMarket market) -> figures.maintenanceByMarket.get(market.name)).reversed()
            .thenComparingInt(market -> market.id));

        final Set<ModelAccount> counterparties = new LinkedHashSet<>();
        if (adlAllowed && figures.equity.signum() < 0 && insuranceFund.compareTo(figures.equity.negate()) < 0)
        {
            final List<ModelMarket> deleveraged = new ArrayList<>();
            for (final ModelMarket market : positionMarkets)
            {
                if (market.risk.autoDeleverage())
                {
                    deleveraged.add(market);
                    autoDeleverage(account, market, figures, triggerSeq, counterparties);
                }
            }
            positionMarkets.removeAll(deleveraged);
        }
        emitOrders(account, positionMarkets, figures, triggerSeq);
        for (final ModelAccount counterparty : counterparties)
        {
            final int ordersBefore = outstandingOrders.size();
            checkAccount(counterparty, triggerSeq, false);
            if (outstandingOrders.size() > ordersBefore)
            {
                count(RiskEvent.COUNTERPARTY_ORDER);
            }
        }
    }

    /**
     * Section 4 over the positions that get no ADL, in emission order. A running shortage
     * {@code S = ceil(MM × (1 + b)) − E} (b of the first visited partial market); per position:
     * a v1 market closes whole; once {@code S <= 0} a partial-market position gets nothing; backstop
     * ({@code E < backstopFraction × MM}) or small ({@code N <= minLiquidationNotional}) closes whole; with
     * {@code k = floor(P × floor(r × (1 + b)) − P × f)}: {@code k <= 0} closes whole; {@code x = ceil(S / k)};
     * {@code x >= |s|} closes whole and {@code S −= floor(|s| × k)}; else, outside the account's cooldown, a partial
     * order of {@code min(|s|, max(x, ceil(minLiquidationNotional / P)))} and {@code S = 0}. In its cooldown (before
     * the time of its last partial order plus the visited market's {@code liquidationCooldownNs}, saturating), that
     * position gets no order and S is unchanged.
     */
    private void emitOrders(
        final ModelAccount account, final List<ModelMarket> positionMarkets, final MarginFigures figures,
        final int triggerSeq)
    {
        BigDecimal shortage = null;
        for (final ModelMarket market : positionMarkets)
        {
            final BigDecimal size = account.position(market.name);
            final MarketRisk risk = market.risk;
            if (!risk.partialLiquidation())
            {
                emitOrder(account, market, figures, size.abs(), triggerSeq);
                continue;
            }
            if (shortage != null && shortage.signum() <= 0)
            {
                count(RiskEvent.SHORTAGE_COVERED_SKIP);
                continue;
            }
            if (shortage == null)
            {
                shortage = E8.ceil(figures.maintenance.multiply(BigDecimal.ONE.add(risk.liquidationBuffer())))
                    .subtract(figures.equity);
            }
            if (figures.equity.compareTo(risk.backstopFraction().multiply(figures.maintenance)) < 0)
            {
                count(RiskEvent.BACKSTOP_CLOSE);
                emitOrder(account, market, figures, size.abs(), triggerSeq);
                continue;
            }
            if (figures.notionalByMarket.get(market.name).compareTo(risk.minLiquidationNotional()) <= 0)
            {
                count(RiskEvent.SMALL_CLOSE);
                emitOrder(account, market, figures, size.abs(), triggerSeq);
                continue;
            }
            final BigDecimal price = market.markPrice;
            final BigDecimal bufferedRate = E8.floor(figures.tierMaintenanceRateByMarket.get(market.name)
                .multiply(BigDecimal.ONE.add(risk.liquidationBuffer())));
            final BigDecimal releasedPerContract = E8.floor(
                price.multiply(bufferedRate).subtract(price.multiply(risk.liquidationPenaltyRate())));
            if (releasedPerContract.signum() <= 0)
            {
                emitOrder(account, market, figures, size.abs(), triggerSeq);
                continue;
            }
            final BigDecimal contracts = shortage.divide(releasedPerContract, E8.SCALE, RoundingMode.CEILING);
            if (contracts.compareTo(size.abs()) >= 0)
            {
                count(RiskEvent.WHOLE_BY_SHORTAGE);
                emitOrder(account, market, figures, size.abs(), triggerSeq);
                shortage = shortage.subtract(E8.floor(size.abs().multiply(releasedPerContract)));
                continue;
            }
            if (account.hadPartialOrder && BigInteger.valueOf(nowNs).compareTo(
                BigInteger.valueOf(account.lastPartialOrderTimeNs).add(BigInteger.valueOf(risk.liquidationCooldownNs()))
                    .min(BigInteger.valueOf(Long.MAX_VALUE))) < 0)
            {
                count(RiskEvent.COOLDOWN_SKIP);
                continue;
            }
            final BigDecimal minimumContracts =
                risk.minLiquidationNotional().divide(price, E8.SCALE, RoundingMode.CEILING);
            final BigDecimal partial = size.abs().min(contracts.max(minimumContracts));
            count(RiskEvent.PARTIAL_ORDER);
            emitOrder(account, market, figures, partial, triggerSeq);
            shortage = BigDecimal.ZERO;
            account.hadPartialOrder = true;
            account.lastPartialOrderTimeNs = nowNs;
        }
    }

    /**
     * Section 7 for one position: closes it against the ranked opposite-side accounts at its bankruptcy price
     * (v1's, no penalty), one {@code deleverage} output per pair, then a normal order for what nobody took.
     */
    private void autoDeleverage(
        final ModelAccount account, final ModelMarket market, final MarginFigures figures, final int triggerSeq,
        final Set<ModelAccount> counterparties)
    {
        final BigDecimal size = account.position(market.name);
        final String side = size.signum() > 0 ? "SELL" : "BUY";
        final BigDecimal bankruptcyPrice = bankruptcyPrice(market, figures, size);
        final List<ModelAccount> candidates = rankedCandidates(account, market, size.signum());

        BigDecimal remaining = size.abs();
        for (final ModelAccount candidate : candidates)
        {
            if (remaining.signum() == 0)
            {
                break;
            }
            final BigDecimal candidatePosition = candidate.position(market.name);
            final BigDecimal taken = remaining.min(candidatePosition.abs());
            final BigDecimal candidateSize = size.signum() > 0 ? taken : taken.negate();
            final BigDecimal accountSize = candidateSize.negate();
            final Trade candidateTrade;
            final Trade accountTrade;
            try
            {
                // section 7 precisions: the range rule is checked for both accounts of the pair; a skipped pair
                // is not retried
                candidateTrade = checkedTrade(candidate.cash, candidatePosition, candidateSize, bankruptcyPrice, market);
                accountTrade = checkedTrade(
                    account.cash, account.position(market.name), accountSize, bankruptcyPrice, market);
            }
            catch (final Rejected beyondRange)
            {
                continue;
            }
            settle(candidate, market, candidateTrade, candidateSize, bankruptcyPrice);
            settle(account, market, accountTrade, accountSize, bankruptcyPrice);
            count(RiskEvent.DELEVERAGE);
            outputs.add(new ModelOutput.Deleverage(
                triggerSeq, account.id, candidate.id, market.name, side, taken, bankruptcyPrice));
            counterparties.add(candidate);
            remaining = remaining.subtract(taken);
        }
        if (remaining.signum() > 0)
        {
            count(RiskEvent.ADL_REMAINDER_ORDER);
            emitOrder(account, market, figures, size, remaining, triggerSeq);
        }
        else
        {
            count(RiskEvent.ADL_FULLY_TAKEN);
        }
    }

    /**
     * ADL candidates: other accounts with a position of the opposite sign in the market, no outstanding order on
     * it, a price in every market of their positions (section 7 precisions: else they cannot be evaluated) and
     * {@code E_j > 0}, ranked by {@code score = floor(uPnL × N / E)} descending (128-bit in the engine,
     * saturating to the long range of E8 units), then by the order accounts were opened.
     */
    private List<ModelAccount> rankedCandidates(final ModelAccount account, final ModelMarket market, final int sign)
    {
        final Map<ModelAccount, BigDecimal> scores = new HashMap<>();
        final List<ModelAccount> candidates = new ArrayList<>();
        for (final ModelAccount other : accountsInOpenOrder.values())
        {
            final BigDecimal position = other.position(market.name);
            if (other == account || position.signum() != -sign || other.outstandingOrderByMarket.containsKey(market.name) ||
                !everyPositionHasMarkPrice(other))
            {
                continue;
            }
            final BigDecimal equity = equityCountingUnpricedAsZero(other);
            if (equity.signum() <= 0)
            {
                continue;
            }
            final BigDecimal unrealisedPnl = E8.floor(position.multiply(market.markPrice)).subtract(other.costBasis(market.name));
            final BigDecimal notional = E8.ceil(position.abs().multiply(market.markPrice));
            final BigDecimal score = unrealisedPnl.multiply(notional).divide(equity, E8.SCALE, RoundingMode.FLOOR);
            scores.put(other, score.max(MIN_SCORE).min(MAX_SCORE));
            candidates.add(other);
        }
        candidates.sort(Comparator.comparing((ModelAccount candidate) -> scores.get(candidate)).reversed()
            .thenComparingInt(candidate -> candidate.openIndex));
        return candidates;
    }

    private static final BigDecimal MAX_SCORE = BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(E8.SCALE);
    private static final BigDecimal MIN_SCORE = BigDecimal.valueOf(Long.MIN_VALUE).movePointLeft(E8.SCALE);

    /**
     * v1's bankruptcy price of a position: {@code share = floor(E × MM_m / MM)}; {@code q = share / s} rounded down
     * for a SELL, up for a BUY; {@code bk = max(P − q, 10^-8)}.
     */
    private static BigDecimal bankruptcyPrice(
        final ModelMarket market, final MarginFigures figures, final BigDecimal size)
    {
        final boolean sell = size.signum() > 0;
        final BigDecimal share = figures.equity.multiply(figures.maintenanceByMarket.get(market.name))
            .divide(figures.maintenance, E8.SCALE, RoundingMode.FLOOR);
        final BigDecimal q = share.divide(size, E8.SCALE, sell ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return market.markPrice.subtract(q).max(E8.ONE_UNIT);
    }

    private void emitOrder(
        final ModelAccount account, final ModelMarket market, final MarginFigures figures, final BigDecimal orderSize,
        final int triggerSeq)
    {
        emitOrder(account, market, figures, account.position(market.name), orderSize, triggerSeq);
    }

    /**
     * One order of {@code orderSize} closing (part of) a position of {@code positionSize} at the limit of section 5:
     * the bankruptcy price, and with a penalty rate {@code f > 0}: SELL {@code ceil(bk / (1 − f))}, BUY
     * {@code floor(bk / (1 + f))}, at least 10^-8 (as v1's limit).
     */
    private void emitOrder(
        final ModelAccount account, final ModelMarket market, final MarginFigures figures,
        final BigDecimal positionSize, final BigDecimal orderSize, final int triggerSeq)
    {
        final boolean sell = positionSize.signum() > 0;
        final BigDecimal bankruptcyPrice = bankruptcyPrice(market, figures, positionSize);
        final BigDecimal penaltyRate = market.risk.liquidationPenaltyRate();
        BigDecimal limitPrice = bankruptcyPrice;
        if (penaltyRate.signum() > 0)
        {
            count(RiskEvent.PENALTY_LIMIT);
            limitPrice = (sell ?
                bankruptcyPrice.divide(BigDecimal.ONE.subtract(penaltyRate), E8.SCALE, RoundingMode.CEILING) :
                bankruptcyPrice.divide(BigDecimal.ONE.add(penaltyRate), E8.SCALE, RoundingMode.FLOOR)).max(E8.ONE_UNIT);
        }
        if (market.risk.tiers().tierOf(figures.notionalByMarket.get(market.name)).fromNotional().signum() > 0)
        {
            count(RiskEvent.ORDER_IN_HIGHER_TIER);
        }

        final ModelOrder order = new ModelOrder(nextOrderId++, account.id, market.name, sell ? "SELL" : "BUY", orderSize);
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
        final ModelAccount account = new ModelAccount(id, accountsInOpenOrder.size());
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

    /**
     * Equity with positions in markets without a price and unpriced collateral counted 0 (docs/risk-model.md
     * sections 5 and 6; also an ADL candidate's {@code E_j}, all of whose markets have a price).
     */
    private BigDecimal equityCountingUnpricedAsZero(final ModelAccount account)
    {
        BigDecimal equity = account.cash;
        for (final Map.Entry<String, BigDecimal> balance : account.collateral.entrySet())
        {
            equity = equity.add(MarginFigures.collateralValue(assets.get(balance.getKey()), balance.getValue()));
        }
        for (final Map.Entry<String, BigDecimal> position : account.positions.entrySet())
        {
            final BigDecimal markPrice = markets.get(position.getKey()).markPrice;
            if (markPrice != null)
            {
                equity = equity.add(E8.floor(position.getValue().multiply(markPrice)));
            }
        }
        return equity;
    }

    private void count(final RiskEvent event)
    {
        riskEvents.merge(event, 1, Integer::sum);
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

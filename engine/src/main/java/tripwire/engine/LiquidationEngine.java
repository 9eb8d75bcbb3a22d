package tripwire.engine;

import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.index.LiquidationIndex;
import tripwire.engine.risk.DynamicMargin;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.risk.StalePrices;
import tripwire.engine.risk.PartialLiquidationSizer;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AutoDeleverageTable;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.PenaltyTable;
import tripwire.engine.state.PositionCostStore;
import tripwire.engine.state.OracleTable;
import tripwire.engine.state.OrderIndex;
import tripwire.engine.state.PartialLiquidationCooldowns;
import tripwire.engine.state.PartialLiquidationTable;

/**
 * Tripwire's business logic: applies one input frame at a time to off-heap state and emits liquidation
 * orders and rejections to an {@link OutputSink}. Deterministic: its state and outputs depend only on the
 * sequence of frames with their seq and event time; it never reads a clock.
 *
 * <p>Threading: single-threaded. Every method must be called from the one business-logic thread (the
 * Disruptor consumer, or the replay loop). Allocates nothing per input in steady state.
 *
 * <p>Wiring, top to bottom:
 * <ol>
 *   <li>{@link InputAdapter} decodes the SBE frame and dispatches by template id;</li>
 *   <li>{@link ReferenceDataLogic}, {@link CollateralLogic}, {@link TradeLogic}, {@link PriceLogic} check
 *       and apply the event to {@link AssetTable}, {@link MarketTable}, {@link AccountStore};</li>
 *   <li>{@link OracleGuard} turns guarded ticks into prices (median, hold, confirmation) and reports
 *       staleness transitions of every accepted input; {@link StalePrices} is its view for margin;</li>
 *   <li>{@link LiquidationCharges} charges a liquidation fill's penalty and covers bad debt from the
 *       {@link InsuranceFund};</li>
 *   <li>{@link Liquidator} checks the accounts concerned with {@link MarginCalculator} (requirements from each
 *       market's {@link MarginScheduleTable}: tiers and the multiplier {@link DynamicMargin} keeps) and emits
 *       orders;</li>
 *   <li>{@link LiquidationIndex} (derived state, on unless {@link EngineConfig#liquidationIndex()} is off) tells
 *       a market tick which accounts it may have made liquidatable, so that it does not evaluate every member;</li>
 *   <li>{@link OutputPublisher} encodes every output and hands it to the sink.</li>
 * </ol>
 */
public final class LiquidationEngine
{
    private final EngineConfig config;
    private final AssetTable assets;
    private final MarketTable markets;
    private final AccountStore accounts;
    private final MarginScheduleTable marginSchedules;
    private final PositionCostStore costs;
    private final AutoDeleverageTable autoDeleverageMarkets;
    private final OracleTable marketOracles;
    private final OracleTable assetOracles;
    private final StalePrices stalePrices;
    private final PartialLiquidationTable partialLiquidations;
    private final PartialLiquidationCooldowns partialCooldowns;
    private final OutputPublisher publisher;
    private final Liquidator liquidator;
    private final InputAdapter inputAdapter;
    private final PenaltyTable penalties;
    private final InsuranceFund insuranceFund;
    private final MarginCalculator margin;
    private final OrderIndex orderRefById;
    private final LiquidationIndex liquidationIndex;
    private EngineSnapshot snapshot;
    private long lastSeq;
    private long lastTimeNs;

    public LiquidationEngine(final EngineConfig config, final OutputSink sink)
    {
        this.config = config;
        this.assets = new AssetTable(config.maxAssets());
        this.markets = new MarketTable(config.maxMarkets());
        this.accounts = new AccountStore(config.maxAccounts(), config.maxAssets(), config.maxMarkets());
        this.marginSchedules = new MarginScheduleTable(config.maxMarkets());
        this.costs = new PositionCostStore(config.maxAccounts(), config.maxMarkets());
        this.autoDeleverageMarkets = new AutoDeleverageTable(config.maxMarkets());
        this.partialLiquidations = new PartialLiquidationTable(config.maxMarkets());
        this.partialCooldowns = new PartialLiquidationCooldowns(config.maxAccounts());
        this.publisher = new OutputPublisher(sink);
        this.penalties = new PenaltyTable(config.maxMarkets());
        this.insuranceFund = new InsuranceFund(publisher);
        this.marketOracles = new OracleTable(config.maxMarkets());
        this.assetOracles = new OracleTable(config.maxAssets());
        this.stalePrices = new StalePrices(marketOracles, assetOracles);
        final OracleGuard oracle = new OracleGuard(marketOracles, assetOracles, markets, assets, publisher);
        final OracleDefinitions oracleDefinitions = new OracleDefinitions(marketOracles, assetOracles, oracle, publisher);

        // Presized so that up to maxOutstandingOrders() every order has its own slot: past that, orders whose
        // slot an older one still holds go to its overflow map, which grows (an allocation) only past its
        // high-water mark.
        this.orderRefById = new OrderIndex(config.maxOutstandingOrders());
        this.margin = new MarginCalculator(accounts, assets, markets, marginSchedules, stalePrices);
        final DynamicMargin dynamicMargin = new DynamicMargin(marginSchedules);
        final MarginScheduleDefinition marginScheduleDefinition = new MarginScheduleDefinition();
        final AutoDeleverager deleverager =
            new AutoDeleverager(accounts, assets, markets, autoDeleverageMarkets, costs, margin, publisher);
        final PartialLiquidationSizer sizer = new PartialLiquidationSizer(partialLiquidations, partialCooldowns, margin);
        this.liquidator = new Liquidator(
            accounts, markets, margin, publisher, orderRefById, penalties, insuranceFund, deleverager, sizer);
        final PenaltyReferenceData penaltyFields = new PenaltyReferenceData(penalties, insuranceFund, publisher);
        final LiquidationCharges charges =
            new LiquidationCharges(accounts, assets, penalties, margin, insuranceFund, publisher);
        final PriceLogic prices = new PriceLogic(accounts, assets, markets, liquidator, publisher, dynamicMargin, oracle);
        final boolean indexed =
            config.liquidationIndex() &&
            LiquidationIndex.fits(config.maxAccounts(), config.maxMarkets(), config.maxAssets());
        this.liquidationIndex =
            indexed ? new LiquidationIndex(accounts, assets, markets, marginSchedules, assetOracles) : null;
        final TradeLogic trades = new TradeLogic(accounts, assets, markets, liquidator, publisher, orderRefById, charges,
            new InitialMarginWarning(accounts, marginSchedules, margin, publisher), costs, oracle);
        if (liquidationIndex != null)
        {
            accounts.changeListener(liquidationIndex);
            prices.liquidationIndex(liquidationIndex);
            trades.liquidationIndex(liquidationIndex);
            liquidator.liquidationIndex(liquidationIndex);
        }
        this.inputAdapter = new InputAdapter(
            new ReferenceDataLogic(assets, markets, publisher, penaltyFields,
                new MarginScheduleLogic(marginSchedules, dynamicMargin, marginScheduleDefinition, publisher),
                new AutoDeleverageDefinitions(autoDeleverageMarkets, publisher),
                oracleDefinitions,
                new PartialLiquidationDefinition(partialLiquidations, publisher)),
            new CollateralLogic(accounts, assets, margin, liquidator, publisher, oracle),
            trades,
            prices,
            publisher,
            penaltyFields,
            marginScheduleDefinition,
            oracleDefinitions);
    }

    /**
     * Applies one input frame. Never throws for bad input: a frame that cannot be decoded, or an event that
     * fails a check, becomes a rejection output and changes nothing.
     *
     * @param seq    the input's sequence number (from its envelope).
     * @param timeNs the input's event time in nanoseconds (from its envelope).
     */
    public void onInput(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        lastSeq = seq;
        lastTimeNs = timeNs;
        stalePrices.eventTimeNs(timeNs);
        inputAdapter.onInput(seq, timeNs, buffer, offset, length);
        if (liquidationIndex != null)
        {
            liquidationIndex.afterInput();
        }
    }

    public EngineConfig config()
    {
        return config;
    }

    /** seq of the last input applied (0 before any). */
    public long lastSeq()
    {
        return lastSeq;
    }

    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /** outSeq of the last output emitted (0 before any). */
    public long lastOutSeq()
    {
        return publisher.lastOutSeq();
    }

    public long lastOrderId()
    {
        return liquidator.lastOrderId();
    }

    public int accountCount()
    {
        return accounts.count();
    }

    /** The insurance fund's balance, quote E8 (docs/risk-model.md section 6). */
    public long insuranceFundBalanceE8()
    {
        return insuranceFund.balanceE8();
    }

    /** Liquidation penalties paid to liquidators since the start, quote E8 (docs/risk-model.md section 5). */
    public long liquidatorRewardsE8()
    {
        return insuranceFund.liquidatorRewardsE8();
    }

    /** Quote cash of an account, E8 quote; 0 when the account is not open or no quote asset is defined. */
    public long quoteCashE8(final long accountId)
    {
        final int index = accounts.indexOf(accountId);
        final int quoteAssetId = assets.quoteAssetId();
        return index == AccountStore.NO_ACCOUNT || quoteAssetId == AssetTable.NO_QUOTE_ASSET ?
            0 : accounts.balanceE8(index, quoteAssetId);
    }

    /** Name of a defined asset, for rendering outputs; allocates. */
    public String assetName(final int assetId)
    {
        return assets.isDefined(assetId) ? assets.name(assetId) : "#" + assetId;
    }

    /** Name of a defined market, for rendering outputs; allocates. */
    public String marketName(final int marketId)
    {
        return markets.isDefined(marketId) ? markets.name(marketId) : "#" + marketId;
    }

    /**
     * Equity, maintenance and initial requirement of one account as the engine's {@link MarginCalculator} sees it
     * now (E8 quote). For post-mortem tools: allocates, off the hot path; call between inputs, on the thread that
     * owns the engine.
     */
    public AccountFigures accountFigures(final long accountId)
    {
        final int index = accounts.indexOf(accountId);
        if (index == AccountStore.NO_ACCOUNT)
        {
            return AccountFigures.NOT_OPEN;
        }
        if (!margin.evaluate(index))
        {
            return new AccountFigures(true, false, margin.equityIgnoringUnpricedE8(index), 0, 0);
        }
        return new AccountFigures(true, true, margin.equityE8(), margin.maintenanceE8(), margin.initialE8());
    }

    /** Balance of one asset of an account, E8 units of the asset; 0 when the account is not open. */
    public long balanceE8(final long accountId, final int assetId)
    {
        final int index = accounts.indexOf(accountId);
        return index == AccountStore.NO_ACCOUNT ? 0 : accounts.balanceE8(index, assetId);
    }

    /** Signed position of an account in a market, E8 contracts; 0 when the account is not open. */
    public long positionSizeE8(final long accountId, final int marketId)
    {
        final int index = accounts.indexOf(accountId);
        return index == AccountStore.NO_ACCOUNT ? 0 : accounts.sizeE8(index, marketId);
    }

    /** Mark price of a market, E8 quote; 0 when the market is undefined or has no price yet. */
    public long markPriceE8(final int marketId)
    {
        return markets.isDefined(marketId) ? markets.markPriceE8(marketId) : 0;
    }

    /** True when the market has been defined. */
    public boolean isMarketDefined(final int marketId)
    {
        return markets.isDefined(marketId);
    }

    /** Id of the account at an index in opening order, {@code 0 <= index < }{@link #accountCount()}. */
    public long accountIdAt(final int index)
    {
        return accounts.accountId(index);
    }

    /**
     * A 64-bit hash of the whole state: {@link #bookHash()} and the counters (last seq, last outSeq, last
     * order id). Equal states give equal hashes on any machine; used to verify replays. Walks every open
     * account: off the hot path.
     */
    public long stateHash()
    {
        final StateHash hash = new StateHash();
        hash.mix(bookHash());
        hash.mix(liquidator.lastOrderId());
        hash.mix(publisher.lastOutSeq());
        hash.mix(lastSeq);
        return hash.value();
    }

    /**
     * A 64-bit hash of the book alone: reference data (assets, markets, prices, margin schedules with their
     * dynamic-margin state, penalty, partial-liquidation and oracle parameters with the oracles' state, ADL flags),
     * every account record (balances, positions, outstanding orders, cost bases, last partial order time), the
     * number of accounts and the insurance fund (balance, liquidators' total), without the sequence counters that
     * every input moves. A rejected input leaves it unchanged.
     */
    public long bookHash()
    {
        final StateHash hash = new StateHash();
        hash.mix(assets.buffer(), assets.capacity() * AssetTable.RECORD_LENGTH);
        hash.mix(markets.buffer(), markets.capacity() * MarketTable.RECORD_LENGTH);
        hash.mix(marginSchedules.buffer(), marginSchedules.capacity() * MarginScheduleTable.RECORD_LENGTH);
        hash.mixRecords(accounts.buffer(), accounts.count() * accounts.recordLength(), accounts.recordLength(),
            AccountStore.DERIVED_WORD_OFFSET);
        hash.mix(costs.buffer(), accounts.count() * costs.recordLength());
        hash.mix(autoDeleverageMarkets.buffer(), autoDeleverageMarkets.capacity() * AutoDeleverageTable.RECORD_LENGTH);
        hash.mix(marketOracles.buffer(), marketOracles.capacity() * OracleTable.RECORD_LENGTH);
        hash.mix(assetOracles.buffer(), assetOracles.capacity() * OracleTable.RECORD_LENGTH);
        hash.mix(partialLiquidations.buffer(), partialLiquidations.capacity() * PartialLiquidationTable.RECORD_LENGTH);
        hash.mix(partialCooldowns.buffer(), accounts.count() * PartialLiquidationCooldowns.RECORD_LENGTH);
        hash.mix(assets.quoteAssetId());
        hash.mix(accounts.count());
        hash.mix(penalties.buffer(), penalties.capacity() * PenaltyTable.RECORD_LENGTH);
        insuranceFund.mixInto(hash);
        return hash.value();
    }

    /**
     * Writes the whole state to {@code file} atomically ({@link EngineSnapshot}): a fresh engine with the same
     * capacities that {@link #restoreSnapshot restores} it continues exactly as this one. Business-logic thread.
     */
    public void writeSnapshot(final Path file)
    {
        snapshot().write(file, lastSeq, lastTimeNs);
    }

    /**
     * Loads a snapshot into this engine, which must not have applied any input yet.
     *
     * @throws IllegalStateException when the file is not whole or was taken with other capacities.
     */
    public void restoreSnapshot(final Path file)
    {
        final long[] counters = snapshot().restore(file);
        lastSeq = counters[0];
        lastTimeNs = counters[1];
        stalePrices.eventTimeNs(lastTimeNs);
        if (liquidationIndex != null)
        {
            liquidationIndex.rebuild();
        }
    }

    private EngineSnapshot snapshot()
    {
        if (snapshot == null)
        {
            snapshot = new EngineSnapshot(config, accounts, assets, new OracleTable[] {marketOracles, assetOracles},
                new UnsafeBuffer[] {assets.buffer(), markets.buffer(), marginSchedules.buffer(),
                    autoDeleverageMarkets.buffer(), marketOracles.buffer(), assetOracles.buffer(),
                    partialLiquidations.buffer(), penalties.buffer()},
                new int[] {assets.capacity() * AssetTable.RECORD_LENGTH, markets.capacity() * MarketTable.RECORD_LENGTH,
                    marginSchedules.capacity() * MarginScheduleTable.RECORD_LENGTH,
                    autoDeleverageMarkets.capacity() * AutoDeleverageTable.RECORD_LENGTH,
                    marketOracles.capacity() * OracleTable.RECORD_LENGTH, assetOracles.capacity() * OracleTable.RECORD_LENGTH,
                    partialLiquidations.capacity() * PartialLiquidationTable.RECORD_LENGTH,
                    penalties.capacity() * PenaltyTable.RECORD_LENGTH},
                new UnsafeBuffer[] {accounts.buffer(), costs.buffer(), partialCooldowns.buffer()},
                new int[] {accounts.recordLength(), costs.recordLength(), PartialLiquidationCooldowns.RECORD_LENGTH},
                insuranceFund, publisher, liquidator, orderRefById);
        }
        return snapshot;
    }
}

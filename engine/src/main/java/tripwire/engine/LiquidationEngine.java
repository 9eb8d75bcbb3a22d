package tripwire.engine;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.risk.PartialLiquidationSizer;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarketTable;
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
 *   <li>{@link Liquidator} checks the accounts concerned with {@link MarginCalculator} and emits orders;</li>
 *   <li>{@link OutputPublisher} encodes every output and hands it to the sink.</li>
 * </ol>
 */
public final class LiquidationEngine
{
    private final EngineConfig config;
    private final AssetTable assets;
    private final MarketTable markets;
    private final AccountStore accounts;
    private final PartialLiquidationTable partialLiquidations;
    private final PartialLiquidationCooldowns partialCooldowns;
    private final OutputPublisher publisher;
    private final Liquidator liquidator;
    private final InputAdapter inputAdapter;
    private long lastSeq;
    private long lastTimeNs;

    public LiquidationEngine(final EngineConfig config, final OutputSink sink)
    {
        this.config = config;
        this.assets = new AssetTable(config.maxAssets());
        this.markets = new MarketTable(config.maxMarkets());
        this.accounts = new AccountStore(config.maxAccounts(), config.maxAssets(), config.maxMarkets());
        this.partialLiquidations = new PartialLiquidationTable(config.maxMarkets());
        this.partialCooldowns = new PartialLiquidationCooldowns(config.maxAccounts());
        this.publisher = new OutputPublisher(sink);

        // Presized so that up to maxOutstandingOrders() never resizes it: beyond that it grows once to its
        // new high-water mark (an allocation), then stays allocation-free again.
        final Long2LongHashMap orderRefById = new Long2LongHashMap(
            (int)Math.min(1 << 30, Math.max(16L, (long)(config.maxOutstandingOrders() / 0.65f) + 1)), 0.65f, -1L);
        final MarginCalculator margin = new MarginCalculator(accounts, assets, markets);
        final PartialLiquidationSizer sizer = new PartialLiquidationSizer(partialLiquidations, partialCooldowns, margin);
        this.liquidator = new Liquidator(accounts, markets, margin, publisher, orderRefById, sizer);
        this.inputAdapter = new InputAdapter(
            new ReferenceDataLogic(
                assets, markets, publisher, new PartialLiquidationDefinition(partialLiquidations, publisher)),
            new CollateralLogic(accounts, assets, margin, liquidator, publisher),
            new TradeLogic(accounts, assets, markets, liquidator, publisher, orderRefById),
            new PriceLogic(accounts, assets, markets, liquidator, publisher),
            publisher);
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
        inputAdapter.onInput(seq, timeNs, buffer, offset, length);
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
     * A 64-bit hash of the book alone: reference data (assets, markets, prices, partial-liquidation parameters),
     * every account record (balances, positions, outstanding orders, last partial order time) and the number of
     * accounts, without the sequence counters that every input moves. A rejected input leaves it unchanged.
     */
    public long bookHash()
    {
        final StateHash hash = new StateHash();
        hash.mix(assets.buffer(), assets.capacity() * AssetTable.RECORD_LENGTH);
        hash.mix(markets.buffer(), markets.capacity() * MarketTable.RECORD_LENGTH);
        hash.mix(accounts.buffer(), accounts.count() * accounts.recordLength());
        hash.mix(partialLiquidations.buffer(), partialLiquidations.capacity() * PartialLiquidationTable.RECORD_LENGTH);
        hash.mix(partialCooldowns.buffer(), accounts.count() * PartialLiquidationCooldowns.RECORD_LENGTH);
        hash.mix(assets.quoteAssetId());
        hash.mix(accounts.count());
        return hash.value();
    }
}

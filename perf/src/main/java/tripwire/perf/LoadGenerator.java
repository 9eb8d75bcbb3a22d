package tripwire.perf;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

import org.agrona.DirectBuffer;

import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;
import tripwire.engine.math.FixedPoint;

/**
 * A seeded synthetic venue that writes a {@link LoadStream}: reference data (quote asset USDC, two other
 * collateral assets, four perpetual markets), opening prices, then for each of N accounts a deposit and one to
 * three leveraged positions, then a steady stream of oracle ticks (a mean-reverting random walk with
 * occasional jumps that push some accounts below maintenance) and fills.
 *
 * <p>The generator plays the venue: it feeds every frame it writes to its own {@link LiquidationEngine} (a
 * shadow with the harness's {@link EngineConfig}) and reacts to the liquidation orders that engine emits, as
 * a venue would: a {@code LiquidationFill} of the whole order at its limit price a little later, then a fresh
 * deposit and a new leveraged position in that market (re-levering), so the stream produces orders for its
 * whole length. The engine is deterministic, so a harness engine fed the same frames emits the same orders
 * with the same ids; {@link LoadStream#expectedOrders()} lets the harness check that it did. An account with
 * an outstanding order gets no ordinary fills until it is re-levered. Any rejection is a generator bug and
 * stops generation.
 *
 * <p>Quantities are E8 longs throughout (no floating point). Off the timed path: allocates freely.
 * Not thread-safe.
 */
final class LoadGenerator implements OutputSink
{
    static final int QUOTE_ASSET_ID = 0;
    static final int ASSET_COUNT = 3;
    static final int MARKET_COUNT = 4;

    private static final long SCALE = FixedPoint.SCALE;
    private static final String[] ASSET_NAMES = {"USDC", "WETH", "WBTC"};
    private static final long[] ASSET_HAIRCUT_E8 = {0, 10_000_000L, 5_000_000L};
    private static final long[] ASSET_START_PRICE_E8 = {SCALE, 3_000 * SCALE, 60_000 * SCALE};
    private static final String[] MARKET_NAMES = {"ETH-PERP", "BTC-PERP", "SOL-PERP", "DOGE-PERP"};
    private static final long[] MARKET_START_PRICE_E8 = {3_000 * SCALE, 60_000 * SCALE, 150 * SCALE, 15_000_000L};
    private static final long[] MAINTENANCE_RATE_E8 = {5_000_000L, 4_000_000L, 5_000_000L, 5_000_000L};
    private static final int INITIAL_TO_MAINTENANCE = 2;
    private static final int[] SOURCE_IDS = {1, 2};
    private static final String[] SOURCE_NAMES = {"pyth", "chainlink"};

    /** Opening deposits, in whole quote units. */
    private static final int DEPOSIT_MIN_UNITS = 1_000;
    private static final int DEPOSIT_MAX_UNITS = 20_000;
    /** Share of opening deposits made in a non-quote asset, in percent. */
    private static final int NON_QUOTE_DEPOSIT_PERCENT = 20;
    /** Leverage (notional / collateral value) of an opening, in tenths: 2.0x to 15.0x. */
    private static final int LEVERAGE_MIN_TENTHS = 20;
    private static final int LEVERAGE_MAX_TENTHS = 150;
    private static final int MAX_OPENING_POSITIONS = 3;

    private static final int BP_PER_UNIT = 10_000;
    /** By default one tick in this many jumps instead of stepping. */
    static final int JUMP_ONE_IN_DEFAULT = 8;
    private static final int JUMP_MIN_BP = 100;
    private static final int JUMP_MAX_BP = 400;
    /** One jump in this many goes up (hitting shorts); the others are drops. */
    private static final int JUMP_UP_ONE_IN = 4;
    private static final int STEP_MAX_BP = 10;
    /** Each tick moves the price this fraction (1/n) of the way back to its start. */
    private static final int REVERSION_DIVISOR = 32;
    private static final int ASSET_TICK_PERCENT = 20;

    private static final int FILL_STEP_MIN_PERCENT = 5;
    private static final int FILL_STEP_MAX_PERCENT = 15;
    private static final int FILL_TOWARD_TARGET_PERCENT = 60;
    private static final int FILL_SLIPPAGE_MAX_BP = 5;
    private static final int ACCOUNT_PICK_ATTEMPTS = 8;

    /** Delays of the venue's reactions, in events. */
    private static final int LIQUIDATION_FILL_DELAY_MIN = 16;
    private static final int LIQUIDATION_FILL_DELAY_MAX = 256;
    private static final int RELEVER_DELAY_MIN = 256;
    private static final int RELEVER_DELAY_MAX = 4_096;

    private static final int PENDING_LIQUIDATION_FILL = 1;
    private static final int PENDING_RELEVER_DEPOSIT = 2;
    private static final int PENDING_RELEVER_FILL = 3;

    private final SplittableRandom random;
    private final int accounts;
    private final int ticksPerMille;
    private final int jumpOneIn;
    private final FrameWriter writer;
    private final LiquidationEngine shadow;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderDecoder triggerHeader = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final RejectionDecoder rejection = new RejectionDecoder();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private final long[] markPriceE8 = MARKET_START_PRICE_E8.clone();
    private final long[] assetPriceE8 = ASSET_START_PRICE_E8.clone();
    /** Per account: outstanding orders plus re-levers not yet written; ordinary fills wait for zero. */
    private final int[] busy;
    /** Per account and market ({@code index * MARKET_COUNT + marketId}): position as the engine holds it. */
    private final long[] sizeE8;
    /** Per account and market: the position the account drifts around (0: none). */
    private final long[] targetSizeE8;
    private int measuredFrom = Integer.MAX_VALUE;
    private long pendingSequence;
    private long orders;
    private long measuredTickOrders;
    private long ticks;

    /**
     * @param seed          seeds the one {@link SplittableRandom}: equal seeds give equal streams.
     * @param accounts      accounts opened in setup, ids 1..accounts; at most {@code config.maxAccounts()}.
     * @param ticksPerMille ticks per 1000 steady-stream events chosen at random (the venue's reactions come on top).
     * @param config        the engine configuration the harness will use (the shadow must match it).
     */
    LoadGenerator(final long seed, final int accounts, final int ticksPerMille, final EngineConfig config)
    {
        this(seed, accounts, ticksPerMille, JUMP_ONE_IN_DEFAULT, config);
    }

    /**
     * As above, with one tick in {@code jumpOneIn} a jump (the others step): a jump liquidates many accounts and
     * the venue's reactions to those orders then outnumber the ticks, so a tick-heavy stream jumps rarely.
     */
    LoadGenerator(final long seed, final int accounts, final int ticksPerMille, final int jumpOneIn, final EngineConfig config)
    {
        if (jumpOneIn < 1)
        {
            throw new IllegalArgumentException("jumpOneIn must be >= 1: " + jumpOneIn);
        }
        this.jumpOneIn = jumpOneIn;
        if (accounts < 1 || accounts > config.maxAccounts())
        {
            throw new IllegalArgumentException("accounts must be in [1, " + config.maxAccounts() + "]: " + accounts);
        }
        if (ticksPerMille < 1 || ticksPerMille > 1000)
        {
            throw new IllegalArgumentException("ticksPerMille must be in [1, 1000]: " + ticksPerMille);
        }
        if (config.maxAssets() < ASSET_COUNT || config.maxMarkets() < MARKET_COUNT)
        {
            throw new IllegalArgumentException("config must hold " + ASSET_COUNT + " assets and " + MARKET_COUNT + " markets");
        }
        this.random = new SplittableRandom(seed);
        this.accounts = accounts;
        this.ticksPerMille = ticksPerMille;
        this.writer = new FrameWriter(accounts * (2 + MAX_OPENING_POSITIONS));
        this.shadow = new LiquidationEngine(config, this);
        this.busy = new int[accounts];
        this.sizeE8 = new long[accounts * MARKET_COUNT];
        this.targetSizeE8 = new long[accounts * MARKET_COUNT];
    }

    /**
     * Writes the whole stream: setup, then {@code warmupEvents} and {@code measuredEvents} steady-stream events.
     * Call once.
     */
    LoadStream generate(final int warmupEvents, final int measuredEvents)
    {
        writeReferenceData();
        for (int index = 0; index < accounts; index++)
        {
            openAccount(index);
        }
        final int setupCount = writer.count();
        measuredFrom = setupCount + warmupEvents;
        final int total = measuredFrom + measuredEvents;
        while (writer.count() < total)
        {
            final Pending next = pending.peek();
            if (next != null && next.dueIndex <= writer.count())
            {
                pending.poll();
                react(next);
            }
            else if (random.nextInt(1000) < ticksPerMille || !ordinaryFill())
            {
                tick();
            }
        }
        return new LoadStream(
            writer.frames(), writer.offsetsWithEnd(), writer.count(), setupCount, measuredFrom, orders, measuredTickOrders,
            ticks);
    }

    /** Shadow engine output: orders make the venue react; a rejection means the generator wrote a bad input. */
    @Override
    public void onOutput(final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == LiquidationOrderDecoder.TEMPLATE_ID)
        {
            order.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            orders++;
            final int triggerIndex = LoadStream.indexOf(order.triggerSeq());
            if (triggerIndex >= measuredFrom && templateIdOf(triggerIndex) == TickDecoder.TEMPLATE_ID)
            {
                measuredTickOrders++;
            }
            final int accountIndex = (int)(order.accountId() - 1);
            busy[accountIndex]++;
            schedule(
                between(LIQUIDATION_FILL_DELAY_MIN, LIQUIDATION_FILL_DELAY_MAX), PENDING_LIQUIDATION_FILL, accountIndex,
                order.marketId(), order.orderId(), order.sizeE8(), order.limitPriceE8());
        }
        else if (header.templateId() == RejectionDecoder.TEMPLATE_ID)
        {
            rejection.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            throw new IllegalStateException(
                "load generator wrote an input the engine rejects: seq=" + rejection.seq() + " reason=" + rejection.reason() +
                " detail1=" + rejection.detail1() + " detail2=" + rejection.detail2());
        }
    }

    private void writeReferenceData()
    {
        for (int assetId = 0; assetId < ASSET_COUNT; assetId++)
        {
            writer.assetDefinition(assetId, assetId == QUOTE_ASSET_ID, ASSET_HAIRCUT_E8[assetId], ASSET_NAMES[assetId]);
            applyLast();
        }
        for (int marketId = 0; marketId < MARKET_COUNT; marketId++)
        {
            writer.marketDefinition(
                marketId, MAINTENANCE_RATE_E8[marketId] * INITIAL_TO_MAINTENANCE, MAINTENANCE_RATE_E8[marketId],
                MARKET_NAMES[marketId], SOURCE_IDS, SOURCE_NAMES);
            applyLast();
        }
        for (int assetId = 0; assetId < ASSET_COUNT; assetId++)
        {
            if (assetId != QUOTE_ASSET_ID)
            {
                writer.tick(SOURCE_IDS[0], InstrumentKind.ASSET, assetId, assetPriceE8[assetId]);
                applyLast();
            }
        }
        for (int marketId = 0; marketId < MARKET_COUNT; marketId++)
        {
            writer.tick(SOURCE_IDS[0], InstrumentKind.MARKET, marketId, markPriceE8[marketId]);
            applyLast();
        }
    }

    /** A deposit (USDC, or WETH/WBTC worth as much), then one to three positions at the mark price. */
    private void openAccount(final int accountIndex)
    {
        final long valueE8 = between(DEPOSIT_MIN_UNITS, DEPOSIT_MAX_UNITS) * SCALE;
        long collateralE8 = valueE8;
        if (random.nextInt(100) < NON_QUOTE_DEPOSIT_PERCENT)
        {
            final int assetId = 1 + random.nextInt(ASSET_COUNT - 1);
            writer.deposit(accountId(accountIndex), assetId, FixedPoint.mulDivFloor(valueE8, SCALE, assetPriceE8[assetId]));
            collateralE8 = FixedPoint.mulDivFloor(valueE8, SCALE - ASSET_HAIRCUT_E8[assetId], SCALE);
        }
        else
        {
            writer.deposit(accountId(accountIndex), QUOTE_ASSET_ID, valueE8);
        }
        applyLast();

        final int positions = 1 + random.nextInt(MAX_OPENING_POSITIONS);
        final long notionalE8 = leveragedNotionalE8(collateralE8) / positions;
        final int firstMarket = random.nextInt(MARKET_COUNT);
        for (int i = 0; i < positions; i++)
        {
            openPosition(accountIndex, (firstMarket + i) % MARKET_COUNT, notionalE8);
        }
    }

    private long leveragedNotionalE8(final long collateralE8)
    {
        return collateralE8 / 10 * between(LEVERAGE_MIN_TENTHS, LEVERAGE_MAX_TENTHS);
    }

    private void openPosition(final int accountIndex, final int marketId, final long notionalE8)
    {
        final long absSizeE8 = Math.max(1, FixedPoint.mulDivFloor(notionalE8, SCALE, markPriceE8[marketId]));
        final long size = random.nextBoolean() ? absSizeE8 : -absSizeE8;
        final int slot = accountIndex * MARKET_COUNT + marketId;
        targetSizeE8[slot] = size;
        sizeE8[slot] += size;
        writer.fill(accountId(accountIndex), marketId, size, markPriceE8[marketId]);
        applyLast();
    }

    private void tick()
    {
        final int sourceId = SOURCE_IDS[random.nextInt(SOURCE_IDS.length)];
        if (random.nextInt(100) < ASSET_TICK_PERCENT)
        {
            final int assetId = 1 + random.nextInt(ASSET_COUNT - 1);
            assetPriceE8[assetId] = walk(assetPriceE8[assetId], ASSET_START_PRICE_E8[assetId]);
            writer.tick(sourceId, InstrumentKind.ASSET, assetId, assetPriceE8[assetId]);
        }
        else
        {
            final int marketId = random.nextInt(MARKET_COUNT);
            markPriceE8[marketId] = walk(markPriceE8[marketId], MARKET_START_PRICE_E8[marketId]);
            writer.tick(sourceId, InstrumentKind.MARKET, marketId, markPriceE8[marketId]);
        }
        ticks++;
        applyLast();
    }

    /** One step of a mean-reverting walk: noise of a few basis points, or now and then a jump of 1-4 %. */
    private long walk(final long priceE8, final long startE8)
    {
        int moveBp;
        if (random.nextInt(jumpOneIn) == 0)
        {
            moveBp = between(JUMP_MIN_BP, JUMP_MAX_BP);
            moveBp = random.nextInt(JUMP_UP_ONE_IN) == 0 ? moveBp : -moveBp;
        }
        else
        {
            moveBp = random.nextInt(2 * STEP_MAX_BP + 1) - STEP_MAX_BP;
        }
        final long nextE8 = priceE8 + priceE8 / BP_PER_UNIT * moveBp + (startE8 - priceE8) / REVERSION_DIVISOR;
        return Math.max(nextE8, startE8 / 4);
    }

    /**
     * A fill that moves an idle account's position a few percent, more often toward its target than away.
     *
     * @return false when no idle account was found (the caller writes a tick instead).
     */
    private boolean ordinaryFill()
    {
        int accountIndex = -1;
        for (int attempt = 0; attempt < ACCOUNT_PICK_ATTEMPTS && accountIndex < 0; attempt++)
        {
            final int candidate = random.nextInt(accounts);
            accountIndex = busy[candidate] == 0 ? candidate : -1;
        }
        if (accountIndex < 0)
        {
            return false;
        }
        final int firstMarket = random.nextInt(MARKET_COUNT);
        for (int i = 0; i < MARKET_COUNT; i++)
        {
            final int marketId = (firstMarket + i) % MARKET_COUNT;
            final int slot = accountIndex * MARKET_COUNT + marketId;
            final long targetE8 = targetSizeE8[slot];
            if (targetE8 != 0)
            {
                final long stepE8 = Math.max(
                    1, FixedPoint.abs(targetE8) / 100 * between(FILL_STEP_MIN_PERCENT, FILL_STEP_MAX_PERCENT));
                long direction = Long.signum(targetE8 - sizeE8[slot]);
                direction = direction != 0 ? direction : (random.nextBoolean() ? 1 : -1);
                final long deltaE8 = random.nextInt(100) < FILL_TOWARD_TARGET_PERCENT ? direction * stepE8 : -direction * stepE8;
                final long slippageE8 = markPriceE8[marketId] / BP_PER_UNIT *
                    (random.nextInt(2 * FILL_SLIPPAGE_MAX_BP + 1) - FILL_SLIPPAGE_MAX_BP);
                sizeE8[slot] += deltaE8;
                writer.fill(accountId(accountIndex), marketId, deltaE8, markPriceE8[marketId] + slippageE8);
                applyLast();
                return true;
            }
        }
        return false;
    }

    /** The venue's reaction to an order: fill it whole at its limit, then re-lever the account in that market. */
    private void react(final Pending action)
    {
        final int slot = action.accountIndex * MARKET_COUNT + action.marketId;
        switch (action.kind)
        {
            case PENDING_LIQUIDATION_FILL:
                writer.liquidationFill(action.orderId, action.amountE8, action.priceE8);
                sizeE8[slot] = 0;
                targetSizeE8[slot] = 0;
                applyLast();
                schedule(between(RELEVER_DELAY_MIN, RELEVER_DELAY_MAX), PENDING_RELEVER_DEPOSIT, action.accountIndex,
                    action.marketId, 0, 0, 0);
                break;

            case PENDING_RELEVER_DEPOSIT:
                final long valueE8 = between(DEPOSIT_MIN_UNITS, DEPOSIT_MAX_UNITS) * SCALE;
                writer.deposit(accountId(action.accountIndex), QUOTE_ASSET_ID, valueE8);
                applyLast();
                schedule(0, PENDING_RELEVER_FILL, action.accountIndex, action.marketId, 0, valueE8, 0);
                break;

            case PENDING_RELEVER_FILL:
                busy[action.accountIndex]--;
                openPosition(action.accountIndex, action.marketId, leveragedNotionalE8(action.amountE8));
                break;

            default:
                throw new IllegalStateException("unknown pending action " + action.kind);
        }
    }

    private void schedule(
        final int delayEvents, final int kind, final int accountIndex, final int marketId, final long orderId,
        final long amountE8, final long priceE8)
    {
        pending.add(new Pending(
            writer.count() + delayEvents, pendingSequence++, kind, accountIndex, marketId, orderId, amountE8, priceE8));
    }

    private void applyLast()
    {
        final int index = writer.count() - 1;
        shadow.onInput(
            LoadStream.seq(index), LoadStream.timeNs(index), writer.area(), writer.offset(index), writer.length(index));
    }

    private int templateIdOf(final int index)
    {
        return triggerHeader.wrap(writer.area(), writer.offset(index)).templateId();
    }

    private int between(final int minInclusive, final int maxInclusive)
    {
        return minInclusive + random.nextInt(maxInclusive - minInclusive + 1);
    }

    private static long accountId(final int accountIndex)
    {
        return accountIndex + 1L;
    }

    /** Something the venue will write at {@code dueIndex} or soon after; ties in scheduling order. */
    private static final class Pending implements Comparable<Pending>
    {
        final long dueIndex;
        final long sequence;
        final int kind;
        final int accountIndex;
        final int marketId;
        final long orderId;
        final long amountE8;
        final long priceE8;

        Pending(
            final long dueIndex, final long sequence, final int kind, final int accountIndex, final int marketId,
            final long orderId, final long amountE8, final long priceE8)
        {
            this.dueIndex = dueIndex;
            this.sequence = sequence;
            this.kind = kind;
            this.accountIndex = accountIndex;
            this.marketId = marketId;
            this.orderId = orderId;
            this.amountE8 = amountE8;
            this.priceE8 = priceE8;
        }

        @Override
        public int compareTo(final Pending other)
        {
            final int byDue = Long.compare(dueIndex, other.dueIndex);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }
}

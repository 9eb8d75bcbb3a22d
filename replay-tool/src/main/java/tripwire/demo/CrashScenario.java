package tripwire.demo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.AssetDefinitionEncoder;
import tripwire.codecs.BooleanType;
import tripwire.codecs.DepositEncoder;
import tripwire.codecs.FillEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillEncoder;
import tripwire.codecs.MarketDefinitionEncoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.Side;
import tripwire.codecs.TickEncoder;
import tripwire.codecs.WithdrawEncoder;
import tripwire.engine.math.FixedPoint;

/**
 * A synthetic market crash, generated event by event from a seed: several markets and collateral assets,
 * many accounts opened with random leverage, then a stream of trades and oracle ticks in which prices fall
 * by a third and partly recover. Liquidation orders are answered with liquidation fills when the caller
 * passes them to {@link #fillOrder}.
 *
 * <p>Each call encodes one SBE input frame into {@link #buffer()}; the same seed gives the same frames.
 * Single-threaded. Prices, sizes and amounts are E8 integers throughout; no floating point.
 */
public final class CrashScenario
{
    /** Market names, their start prices (quote E8), initial and maintenance rates (E8). */
    static final String[] MARKETS = {"BTC-PERP", "ETH-PERP", "SOL-PERP", "ARB-PERP"};
    static final long[] START_PRICE_E8 = {60_000_00000000L, 3_000_00000000L, 150_00000000L, 1_20000000L};
    static final long[] INITIAL_RATE_E8 = {5_000_000L, 5_000_000L, 10_000_000L, 10_000_000L};
    static final long[] MAINTENANCE_RATE_E8 = {2_500_000L, 2_500_000L, 5_000_000L, 5_000_000L};
    /** Collateral assets after the quote asset USDC (id 0): WETH follows ETH-PERP, WBTC follows BTC-PERP. */
    static final String[] ASSETS = {"USDC", "WETH", "WBTC"};
    static final long[] HAIRCUT_E8 = {0, 10_000_000L, 5_000_000L};
    static final int[] ASSET_FOLLOWS_MARKET = {-1, 1, 0};
    static final String[] SOURCES = {"pyth", "chainlink"};
    private static final long TICK_INTERVAL_NS = 1_000_000L;
    private static final int BASIS_POINTS = 10_000;
    /** One stream event in this many is a tick. */
    static final int TICK_ONE_IN = 1_000;

    private final SplittableRandom random;
    private final int accounts;
    private final long totalEvents;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AssetDefinitionEncoder assetDefinition = new AssetDefinitionEncoder();
    private final MarketDefinitionEncoder marketDefinition = new MarketDefinitionEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawEncoder withdraw = new WithdrawEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final LiquidationFillEncoder liquidationFill = new LiquidationFillEncoder();
    private final long[] priceE8 = START_PRICE_E8.clone();
    private final long[] equityE8;

    private long seq;
    private long timeNs;
    private int length;
    private int referenceStep;
    private int setupAccount;
    private int setupStep;

    /**
     * @param accounts    accounts to open (ids 1..accounts).
     * @param totalEvents inputs to generate in all (reference data, set-up and the crash itself).
     */
    public CrashScenario(final long seed, final int accounts, final long totalEvents)
    {
        this.random = new SplittableRandom(seed);
        this.accounts = accounts;
        this.totalEvents = totalEvents;
        this.equityE8 = new long[accounts + 1];
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    public long seq()
    {
        return seq;
    }

    public long timeNs()
    {
        return timeNs;
    }

    public boolean hasNext()
    {
        return seq < totalEvents;
    }

    /** Current oracle price of a market, quote E8. */
    public long priceE8(final int marketId)
    {
        return priceE8[marketId];
    }

    /** Encodes the next input of the scenario. */
    public void next()
    {
        seq++;
        timeNs += TICK_INTERVAL_NS / 10;
        if (referenceStep < ASSETS.length + MARKETS.length + MARKETS.length + ASSETS.length - 1)
        {
            nextReferenceData();
        }
        else if (setupAccount < accounts)
        {
            nextSetup();
        }
        else
        {
            nextStreamEvent();
        }
    }

    /**
     * Encodes a liquidation fill of a whole order at the current price, moved against the liquidated
     * account by up to 0.3% (slippage in a falling market).
     */
    public void fillOrder(final long orderId, final int marketId, final int side, final long sizeE8)
    {
        seq++;
        final long slippageBp = random.nextInt(30);
        final long price = side == Side.SELL.value() ?
            priceE8[marketId] - priceE8[marketId] * slippageBp / BASIS_POINTS :
            priceE8[marketId] + priceE8[marketId] * slippageBp / BASIS_POINTS;
        liquidationFill.wrapAndApplyHeader(buffer, 0, header).orderId(orderId);
        liquidationFill.size().mantissa(sizeE8).exponent((byte)-8);
        liquidationFill.price().mantissa(Math.max(1, price)).exponent((byte)-8);
        length = MessageHeaderEncoder.ENCODED_LENGTH + liquidationFill.encodedLength();
    }

    private void nextReferenceData()
    {
        final int step = referenceStep++;
        if (step < ASSETS.length)
        {
            assetDefinition.wrapAndApplyHeader(buffer, 0, header)
                .assetId(step)
                .quote(step == 0 ? BooleanType.TRUE : BooleanType.FALSE)
                .putName(name(ASSETS[step]), 0);
            assetDefinition.haircut().mantissa(HAIRCUT_E8[step]).exponent((byte)-8);
            assetDefinition.insuranceFund().mantissa(0).exponent((byte)0);
            assetDefinition.oracleStalenessNs(0).maxPriceDeviation().mantissa(0).exponent((byte)0);
            assetDefinition.staleHaircut().mantissa(1).exponent((byte)0);
            assetDefinition.oracleSourcesCount(0);
            length = MessageHeaderEncoder.ENCODED_LENGTH + assetDefinition.encodedLength();
        }
        else if (step < ASSETS.length + MARKETS.length)
        {
            final int m = step - ASSETS.length;
            marketDefinition.wrapAndApplyHeader(buffer, 0, header).marketId(m).putName(name(MARKETS[m]), 0);
            marketDefinition.autoDeleverage(BooleanType.FALSE);
            marketDefinition.initialMarginRate().mantissa(INITIAL_RATE_E8[m]).exponent((byte)-8);
            marketDefinition.maintenanceMarginRate().mantissa(MAINTENANCE_RATE_E8[m]).exponent((byte)-8);
            marketDefinition.liquidationPenaltyRate().mantissa(0).exponent((byte)0);
            marketDefinition.liquidatorRewardShare().mantissa(0).exponent((byte)0);
            marketDefinition.partialLiquidation(BooleanType.FALSE).liquidationCooldownNs(0);
            marketDefinition.liquidationBuffer().mantissa(0).exponent((byte)0);
            marketDefinition.minLiquidationNotional().mantissa(0).exponent((byte)0);
            marketDefinition.backstopFraction().mantissa(0).exponent((byte)0);
            marketDefinition.oracleStalenessNs(0).maxPriceDeviation().mantissa(0).exponent((byte)0);
            final MarketDefinitionEncoder.OracleSourcesEncoder sources = marketDefinition.oracleSourcesCount(SOURCES.length);
            for (int s = 0; s < SOURCES.length; s++)
            {
                sources.next().sourceId(s).putSourceName(name(SOURCES[s]), 0);
            }
            // Margin schedule fields at their defaults: no tiers, no dynamic margin, no warning (v1 rates).
            marketDefinition.baseVolatility().mantissa(0).exponent((byte)0);
            marketDefinition.volatilityWeight().mantissa(1).exponent((byte)-1);
            marketDefinition.maxMarginMultiplier().mantissa(3).exponent((byte)0);
            marketDefinition.initialMarginWarning(BooleanType.FALSE).marginTiersCount(0);
            length = MessageHeaderEncoder.ENCODED_LENGTH + marketDefinition.encodedLength();
        }
        else if (step < ASSETS.length + 2 * MARKETS.length)
        {
            encodeMarketTick(step - ASSETS.length - MARKETS.length);
        }
        else
        {
            encodeAssetTick(step - ASSETS.length - 2 * MARKETS.length + 1);
        }
    }

    /** Per account: one deposit, then one to three positions at random leverage (1x to 10x of its deposit). */
    private void nextSetup()
    {
        final int account = setupAccount + 1;
        if (setupStep == 0)
        {
            final long amountE8 = (1_000L + random.nextLong(99_000L)) * FixedPoint.SCALE;
            final int asset = random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(2);
            final long depositE8 = asset == 0 ? amountE8 : FixedPoint.mulDivFloor(amountE8, FixedPoint.SCALE, assetPriceE8(asset));
            equityE8[account] = amountE8;
            deposit.wrapAndApplyHeader(buffer, 0, header).accountId(account).assetId(asset);
            deposit.amount().mantissa(depositE8).exponent((byte)-8);
            length = MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength();
            setupStep = 1 + random.nextInt(3);
            return;
        }
        final int leverage = 1 + random.nextInt(10);
        encodeFill(account, random.nextInt(MARKETS.length), equityE8[account] * leverage / setupStep, random.nextInt(10) < 7);
        setupStep--;
        if (setupStep == 0)
        {
            setupAccount++;
        }
    }

    /**
     * The crash: one event in {@link #TICK_ONE_IN} is an oracle tick (each tick re-checks every account
     * exposed to it, so ticks dominate the cost), the rest 85% trades and 15% collateral moves.
     */
    private void nextStreamEvent()
    {
        if (random.nextInt(TICK_ONE_IN) == 0)
        {
            final int target = random.nextInt(MARKETS.length + ASSETS.length - 1);
            if (target < MARKETS.length)
            {
                movePrice(target);
                encodeMarketTick(target);
            }
            else
            {
                encodeAssetTick(target - MARKETS.length + 1);
            }
        }
        else if (random.nextInt(100) < 85)
        {
            final int account = 1 + random.nextInt(accounts);
            final long notionalE8 = equityE8[account] * (1 + random.nextInt(5)) / 4;
            encodeFill(account, random.nextInt(MARKETS.length), notionalE8, random.nextBoolean());
        }
        else
        {
            final int account = 1 + random.nextInt(accounts);
            final long amountE8 = (10L + random.nextLong(5_000L)) * FixedPoint.SCALE;
            if (random.nextBoolean())
            {
                deposit.wrapAndApplyHeader(buffer, 0, header).accountId(account).assetId(0);
                deposit.amount().mantissa(amountE8).exponent((byte)-8);
                length = MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength();
                equityE8[account] += amountE8;
            }
            else
            {
                withdraw.wrapAndApplyHeader(buffer, 0, header).accountId(account).assetId(0);
                withdraw.amount().mantissa(amountE8).exponent((byte)-8);
                length = MessageHeaderEncoder.ENCODED_LENGTH + withdraw.encodedLength();
            }
        }
    }

    /**
     * Random walk with a drift that follows the crash's shape: flat for the first 30% of events, down about
     * a third by 70%, then a partial rebound. Steps are in basis points of the current price; a market gets
     * roughly one tick per 4,000 events, so a step is large.
     */
    private void movePrice(final int marketId)
    {
        final long progressBp = seq * BASIS_POINTS / Math.max(1, totalEvents);
        final int driftBp;
        if (progressBp < 3_000)
        {
            driftBp = 0;
        }
        else if (progressBp < 7_000)
        {
            driftBp = -70;
        }
        else
        {
            driftBp = 30;
        }
        final int noiseBp = random.nextInt(121) - 60;
        final long next = priceE8[marketId] + priceE8[marketId] * (driftBp + noiseBp) / BASIS_POINTS;
        priceE8[marketId] = Math.max(START_PRICE_E8[marketId] / 10, next);
    }

    private void encodeMarketTick(final int marketId)
    {
        tick.wrapAndApplyHeader(buffer, 0, header)
            .sourceId(random.nextInt(SOURCES.length))
            .instrumentKind(InstrumentKind.MARKET)
            .instrumentId(marketId);
        tick.price().mantissa(priceE8[marketId]).exponent((byte)-8);
        length = MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
        timeNs += TICK_INTERVAL_NS;
    }

    private void encodeAssetTick(final int assetId)
    {
        tick.wrapAndApplyHeader(buffer, 0, header)
            .sourceId(random.nextInt(SOURCES.length))
            .instrumentKind(InstrumentKind.ASSET)
            .instrumentId(assetId);
        tick.price().mantissa(assetPriceE8(assetId)).exponent((byte)-8);
        length = MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
    }

    private long assetPriceE8(final int assetId)
    {
        return priceE8[ASSET_FOLLOWS_MARKET[assetId]];
    }

    /** A fill of about {@code notionalE8} quote at the current price, rounded to whole 10^-4 contracts. */
    private void encodeFill(final int account, final int marketId, final long notionalE8, final boolean buy)
    {
        final long price = priceE8[marketId];
        long sizeE8 = FixedPoint.mulDivFloor(notionalE8, FixedPoint.SCALE, price);
        sizeE8 = Math.max(10_000L, sizeE8 - sizeE8 % 10_000L);
        fill.wrapAndApplyHeader(buffer, 0, header).accountId(account).marketId(marketId);
        fill.size().mantissa(buy ? sizeE8 : -sizeE8).exponent((byte)-8);
        fill.price().mantissa(price).exponent((byte)-8);
        length = MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength();
    }

    private static byte[] name(final String name)
    {
        return Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), 16);
    }
}

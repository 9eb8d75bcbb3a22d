package tripwire.perf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.AssetDefinitionEncoder;
import tripwire.codecs.BooleanType;
import tripwire.codecs.DecimalEncoder;
import tripwire.codecs.DepositEncoder;
import tripwire.codecs.FillEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillEncoder;
import tripwire.codecs.MarketDefinitionEncoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.TickEncoder;
import tripwire.engine.math.FixedPoint;

/**
 * Appends SBE input frames, back to back, to one growing off-heap area and remembers where each starts.
 * Quantities are given as E8 longs and written as {@code Decimal}s the way a sender would write them: the
 * E8 mantissa with trailing zeros stripped (3000.00000000 travels as 3 x 10^3).
 *
 * The area grows as frames are appended ({@link ExpandableDirectByteBuffer} expands on write).
 *
 * <p>Used by {@link LoadGenerator} before any timing; not thread-safe.
 */
final class FrameWriter
{
    private static final int AVERAGE_FRAME_LENGTH_ESTIMATE = 40;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AssetDefinitionEncoder assetDefinition = new AssetDefinitionEncoder();
    private final MarketDefinitionEncoder marketDefinition = new MarketDefinitionEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final LiquidationFillEncoder liquidationFill = new LiquidationFillEncoder();
    private final ExpandableDirectByteBuffer buffer;
    private int[] offsets;
    private int count;
    private int position;

    FrameWriter(final int expectedFrames)
    {
        buffer = new ExpandableDirectByteBuffer(Math.max(1024, expectedFrames * AVERAGE_FRAME_LENGTH_ESTIMATE));
        offsets = new int[expectedFrames + 2];
    }

    /** Frames written so far; the index the next frame gets. */
    int count()
    {
        return count;
    }

    /** The growing area itself, for reading a frame just written; its address may change on the next write. */
    DirectBuffer area()
    {
        return buffer;
    }

    int offset(final int index)
    {
        return offsets[index];
    }

    int length(final int index)
    {
        return (index + 1 < count ? offsets[index + 1] : position) - offsets[index];
    }

    /**
     * A view of every frame written so far. It holds the area's {@code ByteBuffer}, so the memory lives as
     * long as the view; valid until the next write (a write may move the area).
     */
    UnsafeBuffer frames()
    {
        return new UnsafeBuffer(buffer.byteBuffer(), 0, position);
    }

    int assetDefinition(final int assetId, final boolean quote, final long haircutE8, final String name)
    {
        assetDefinition.wrapAndApplyHeader(buffer, position, header)
            .assetId(assetId)
            .quote(quote ? BooleanType.TRUE : BooleanType.FALSE)
            .putName(nameBytes(name), 0);
        decimal(assetDefinition.haircut(), haircutE8);
        decimal(assetDefinition.insuranceFund(), 0);
        assetDefinition.oracleStalenessNs(0);
        decimal(assetDefinition.maxPriceDeviation(), 0);
        decimal(assetDefinition.staleHaircut(), 100_000_000L);
        assetDefinition.oracleSourcesCount(0);
        return commit(assetDefinition.encodedLength());
    }

    int marketDefinition(
        final int marketId, final long initialRateE8, final long maintenanceRateE8, final String name, final int[] sourceIds,
        final String[] sourceNames)
    {
        marketDefinition.wrapAndApplyHeader(buffer, position, header)
            .marketId(marketId)
            .putName(nameBytes(name), 0)
            .autoDeleverage(BooleanType.FALSE);
        decimal(marketDefinition.initialMarginRate(), initialRateE8);
        decimal(marketDefinition.maintenanceMarginRate(), maintenanceRateE8);
        decimal(marketDefinition.liquidationPenaltyRate(), 0);
        decimal(marketDefinition.liquidatorRewardShare(), 0);
        marketDefinition.partialLiquidation(BooleanType.FALSE).liquidationCooldownNs(0);
        decimal(marketDefinition.liquidationBuffer(), 0);
        decimal(marketDefinition.minLiquidationNotional(), 0);
        decimal(marketDefinition.backstopFraction(), 0);
        marketDefinition.oracleStalenessNs(0);
        decimal(marketDefinition.maxPriceDeviation(), 0);
        final MarketDefinitionEncoder.OracleSourcesEncoder sources = marketDefinition.oracleSourcesCount(sourceIds.length);
        for (int i = 0; i < sourceIds.length; i++)
        {
            sources.next().sourceId(sourceIds[i]).putSourceName(nameBytes(sourceNames[i]), 0);
        }
        // Margin schedule fields at their defaults: no tiers, no dynamic margin, no warning (v1 rates).
        decimal(marketDefinition.baseVolatility(), 0);
        decimal(marketDefinition.volatilityWeight(), 10_000_000L);
        decimal(marketDefinition.maxMarginMultiplier(), 300_000_000L);
        marketDefinition.initialMarginWarning(BooleanType.FALSE).marginTiersCount(0);
        return commit(marketDefinition.encodedLength());
    }

    int deposit(final long accountId, final int assetId, final long amountE8)
    {
        deposit.wrapAndApplyHeader(buffer, position, header).accountId(accountId).assetId(assetId);
        decimal(deposit.amount(), amountE8);
        return commit(deposit.encodedLength());
    }

    int fill(final long accountId, final int marketId, final long sizeE8, final long priceE8)
    {
        fill.wrapAndApplyHeader(buffer, position, header).accountId(accountId).marketId(marketId);
        decimal(fill.size(), sizeE8);
        decimal(fill.price(), priceE8);
        return commit(fill.encodedLength());
    }

    int tick(final int sourceId, final InstrumentKind kind, final int instrumentId, final long priceE8)
    {
        tick.wrapAndApplyHeader(buffer, position, header).sourceId(sourceId).instrumentKind(kind).instrumentId(instrumentId);
        decimal(tick.price(), priceE8);
        return commit(tick.encodedLength());
    }

    int liquidationFill(final long orderId, final long sizeE8, final long priceE8)
    {
        liquidationFill.wrapAndApplyHeader(buffer, position, header).orderId(orderId);
        decimal(liquidationFill.size(), sizeE8);
        decimal(liquidationFill.price(), priceE8);
        return commit(liquidationFill.encodedLength());
    }

    /** The offsets, one per frame plus the end of the last: {@code count() + 1} entries. */
    int[] offsetsWithEnd()
    {
        final int[] result = Arrays.copyOf(offsets, count + 1);
        result[count] = position;
        return result;
    }

    private int commit(final int bodyLength)
    {
        if (count + 1 >= offsets.length)
        {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        final int index = count++;
        offsets[index] = position;
        position += MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        return index;
    }

    private static void decimal(final DecimalEncoder encoder, final long valueE8)
    {
        long mantissa = valueE8;
        int exponent = -FixedPoint.SCALE_DIGITS;
        while (mantissa != 0 && mantissa % 10 == 0 && exponent < 0)
        {
            mantissa /= 10;
            exponent++;
        }
        encoder.mantissa(mantissa).exponent((byte)exponent);
    }

    private static byte[] nameBytes(final String name)
    {
        return Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), MarketDefinitionEncoder.nameLength());
    }
}

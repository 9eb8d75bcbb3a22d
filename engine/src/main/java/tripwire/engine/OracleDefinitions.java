package tripwire.engine;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.DecimalDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.OracleTable;

/**
 * The oracle-guard fields of asset and market definitions (docs/risk-model.md section 8): decoded by
 * {@link InputAdapter} into this holder, checked by {@link ReferenceDataLogic} after its own checks
 * ({@code INVALID_REFERENCE_DATA} detail1 21-26), applied after its own apply. The guard is on for an
 * instrument when {@code oracleStalenessNs > 0} or {@code maxPriceDeviation > 0}.
 *
 * <p>Owned by the business-logic thread; off the hot path, allocates nothing.
 */
final class OracleDefinitions
{
    static final int GUARD_WITHOUT_SOURCES = 21;
    static final int NEGATIVE_STALENESS = 22;
    static final int DEVIATION_OUT_OF_RANGE = 23;
    static final int STALE_HAIRCUT_OUT_OF_RANGE = 24;
    static final int QUOTE_ASSET_ORACLE = 25;
    static final int DUPLICATE_SOURCE = 26;

    private final OracleTable marketOracles;
    private final OracleTable assetOracles;
    private final OracleGuard guard;
    private final OutputPublisher publisher;

    // The definition being processed: as decoded, then as checked.
    private long stalenessNs;
    private long deviationMantissa;
    private int deviationExponent;
    private long staleHaircutMantissa;
    private int staleHaircutExponent;
    private final int[] assetSourceIds = new int[OracleTable.MAX_SOURCES + 1];
    private int assetSourceCount;
    private long maxDeviationE8;
    private long staleHaircutE8;

    OracleDefinitions(
        final OracleTable marketOracles, final OracleTable assetOracles, final OracleGuard guard, final OutputPublisher publisher)
    {
        this.marketOracles = marketOracles;
        this.assetOracles = assetOracles;
        this.guard = guard;
        this.publisher = publisher;
    }

    /** Reads the market's guard fields from a wrapped decoder. */
    void readMarket(final MarketDefinitionDecoder definition)
    {
        stalenessNs = definition.oracleStalenessNs();
        final DecimalDecoder deviation = definition.maxPriceDeviation();
        deviationMantissa = deviation.mantissa();
        deviationExponent = deviation.exponent();
        staleHaircutMantissa = 1;
        staleHaircutExponent = 0;
        assetSourceCount = 0;
    }

    /**
     * Reads the asset's guard fields and its {@code oracleSources} group from a wrapped decoder, checking
     * first that the group lies inside the frame.
     *
     * @param frameEnd offset just past the frame's last byte.
     * @return false when the group does not fit the frame (a bad frame).
     */
    boolean readAsset(
        final AssetDefinitionDecoder definition, final DirectBuffer buffer, final int bodyOffset, final int blockLength,
        final int frameEnd)
    {
        stalenessNs = definition.oracleStalenessNs();
        final DecimalDecoder deviation = definition.maxPriceDeviation();
        deviationMantissa = deviation.mantissa();
        deviationExponent = deviation.exponent();
        final DecimalDecoder staleHaircut = definition.staleHaircut();
        staleHaircutMantissa = staleHaircut.mantissa();
        staleHaircutExponent = staleHaircut.exponent();

        final int groupHeaderEnd = bodyOffset + blockLength + 4;
        if (groupHeaderEnd > frameEnd)
        {
            return false;
        }
        final int groupBlockLength = buffer.getShort(groupHeaderEnd - 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int groupCount = buffer.getShort(groupHeaderEnd - 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (groupBlockLength < AssetDefinitionDecoder.OracleSourcesDecoder.sbeBlockLength() ||
            groupHeaderEnd + (long)groupCount * groupBlockLength > frameEnd)
        {
            return false;
        }
        final AssetDefinitionDecoder.OracleSourcesDecoder sources = definition.oracleSources();
        assetSourceCount = 0;
        while (sources.hasNext())
        {
            sources.next();
            if (assetSourceCount < assetSourceIds.length)
            {
                assetSourceIds[assetSourceCount] = sources.sourceId();
            }
            assetSourceCount++;
        }
        return true;
    }

    /** Checks the market's guard fields; publishes the rejection and returns true when they fail. */
    boolean rejectedMarket(final long seq, final long timeNs, final int[] sourceIds, final int sourceCount)
    {
        return rejectedCommon(seq, timeNs) || rejectedSources(seq, timeNs, sourceIds, sourceCount);
    }

    /** Checks the asset's guard fields and sources; publishes the rejection and returns true when they fail. */
    boolean rejectedAsset(final long seq, final long timeNs, final int assetId, final boolean quote)
    {
        if (assetSourceCount > OracleTable.MAX_SOURCES)
        {
            publisher.rejection(seq, timeNs, RejectReason.CAPACITY, OracleTable.MAX_SOURCES, assetSourceCount);
            return true;
        }
        if (rejectedCommon(seq, timeNs))
        {
            return true;
        }
        staleHaircutE8 = FixedPoint.toE8(staleHaircutMantissa, staleHaircutExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, staleHaircutE8, staleHaircutMantissa, staleHaircutExponent))
        {
            return true;
        }
        if (staleHaircutE8 < 0 || staleHaircutE8 > FixedPoint.SCALE)
        {
            publisher.rejection(
                seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, STALE_HAIRCUT_OUT_OF_RANGE, staleHaircutE8);
            return true;
        }
        if (quote && (guarded() || assetSourceCount > 0))
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, QUOTE_ASSET_ORACLE, assetId);
            return true;
        }
        return rejectedSources(seq, timeNs, assetSourceIds, assetSourceCount);
    }

    /** Applies a checked market definition's guard, then reports the transitions it causes. */
    void applyMarket(final long seq, final long timeNs, final int marketId, final int[] sourceIds, final int sourceCount)
    {
        marketOracles.define(marketId, guarded(), stalenessNs, maxDeviationE8, FixedPoint.SCALE, sourceIds, sourceCount);
        guard.commitTransitions(seq, timeNs);
    }

    /** Applies a checked asset definition's guard and sources, then reports the transitions it causes. */
    void applyAsset(final long seq, final long timeNs, final int assetId)
    {
        assetOracles.define(
            assetId, guarded(), stalenessNs, maxDeviationE8, staleHaircutE8, assetSourceIds, assetSourceCount);
        guard.commitTransitions(seq, timeNs);
    }

    private boolean guarded()
    {
        return stalenessNs > 0 || maxDeviationE8 > 0;
    }

    private boolean rejectedCommon(final long seq, final long timeNs)
    {
        maxDeviationE8 = FixedPoint.toE8(deviationMantissa, deviationExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, maxDeviationE8, deviationMantissa, deviationExponent))
        {
            return true;
        }
        if (stalenessNs < 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, NEGATIVE_STALENESS, stalenessNs);
            return true;
        }
        if (maxDeviationE8 < 0 || maxDeviationE8 > FixedPoint.SCALE)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, DEVIATION_OUT_OF_RANGE, maxDeviationE8);
            return true;
        }
        return false;
    }

    private boolean rejectedSources(final long seq, final long timeNs, final int[] sourceIds, final int sourceCount)
    {
        if (!guarded())
        {
            return false;
        }
        if (sourceCount == 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, GUARD_WITHOUT_SOURCES, 0);
            return true;
        }
        for (int i = 1; i < sourceCount; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (sourceIds[i] == sourceIds[j])
                {
                    publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, DUPLICATE_SOURCE, sourceIds[i]);
                    return true;
                }
            }
        }
        return false;
    }
}

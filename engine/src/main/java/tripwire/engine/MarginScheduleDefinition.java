package tripwire.engine;

import java.nio.ByteOrder;

import tripwire.codecs.DecimalDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.engine.state.MarginScheduleTable;

/**
 * The margin-schedule fields of one market definition frame, as the sender wrote them (mantissa and
 * exponent, not yet checked): the {@code marginTiers} group, the dynamic-margin fields and the
 * initial-margin-warning flag (docs/risk-model.md sections 1 to 3). Filled by {@link InputAdapter}, read by
 * {@link MarginScheduleLogic}; a reusable scratch record, valid until the next definition.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class MarginScheduleDefinition
{
    /** Tier entries kept: one more than a definition may have, so that too many is still seen as such. */
    static final int MAX_DECODED_TIERS = MarginScheduleTable.MAX_TIERS;
    private static final int GROUP_HEADER_LENGTH = 4;

    private final long[] notionalMantissa = new long[MAX_DECODED_TIERS];
    private final int[] notionalExponent = new int[MAX_DECODED_TIERS];
    private final long[] maintenanceMantissa = new long[MAX_DECODED_TIERS];
    private final int[] maintenanceExponent = new int[MAX_DECODED_TIERS];
    private final long[] initialMantissa = new long[MAX_DECODED_TIERS];
    private final int[] initialExponent = new int[MAX_DECODED_TIERS];
    private int tierCount;
    private long baseVolatilityMantissa;
    private int baseVolatilityExponent;
    private long volatilityWeightMantissa;
    private int volatilityWeightExponent;
    private long maxMultiplierMantissa;
    private int maxMultiplierExponent;
    private boolean initialMarginWarning;

    /**
     * Reads the fields from a decoder wrapped on the frame whose {@code oracleSources} group has been read
     * to its end.
     *
     * @param frameEnd absolute offset just past the frame in the decoder's buffer.
     * @return false when the frame is not whole (the tier group runs past its end, or a tier entry is shorter
     * than this schema's) or the warning flag is neither FALSE nor TRUE: a malformed frame.
     */
    boolean decode(final MarketDefinitionDecoder decoder, final int frameEnd)
    {
        final short warningRaw = decoder.initialMarginWarningRaw();
        if (warningRaw != 0 && warningRaw != 1)
        {
            return false;
        }
        initialMarginWarning = warningRaw == 1;
        final DecimalDecoder base = decoder.baseVolatility();
        baseVolatilityMantissa = base.mantissa();
        baseVolatilityExponent = base.exponent();
        final DecimalDecoder weight = decoder.volatilityWeight();
        volatilityWeightMantissa = weight.mantissa();
        volatilityWeightExponent = weight.exponent();
        final DecimalDecoder cap = decoder.maxMarginMultiplier();
        maxMultiplierMantissa = cap.mantissa();
        maxMultiplierExponent = cap.exponent();

        final int groupOffset = decoder.limit();
        if ((long)groupOffset + GROUP_HEADER_LENGTH > frameEnd)
        {
            return false;
        }
        final int entryLength = decoder.buffer().getShort(groupOffset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int count = decoder.buffer().getShort(groupOffset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (entryLength < MarketDefinitionDecoder.MarginTiersDecoder.sbeBlockLength() ||
            groupOffset + GROUP_HEADER_LENGTH + (long)count * entryLength > frameEnd)
        {
            return false;
        }
        final MarketDefinitionDecoder.MarginTiersDecoder tiers = decoder.marginTiers();
        tierCount = count;
        int i = 0;
        while (tiers.hasNext() && i < MAX_DECODED_TIERS)
        {
            tiers.next();
            final DecimalDecoder notional = tiers.notional();
            notionalMantissa[i] = notional.mantissa();
            notionalExponent[i] = notional.exponent();
            final DecimalDecoder maintenance = tiers.maintenanceMarginRate();
            maintenanceMantissa[i] = maintenance.mantissa();
            maintenanceExponent[i] = maintenance.exponent();
            final DecimalDecoder initial = tiers.initialMarginRate();
            initialMantissa[i] = initial.mantissa();
            initialExponent[i] = initial.exponent();
            i++;
        }
        return true;
    }

    /** Tier entries in the frame (tier 0 not included); only the first {@link #MAX_DECODED_TIERS} are kept. */
    int tierCount()
    {
        return tierCount;
    }

    long notionalMantissa(final int entry)
    {
        return notionalMantissa[entry];
    }

    int notionalExponent(final int entry)
    {
        return notionalExponent[entry];
    }

    long maintenanceMantissa(final int entry)
    {
        return maintenanceMantissa[entry];
    }

    int maintenanceExponent(final int entry)
    {
        return maintenanceExponent[entry];
    }

    long initialMantissa(final int entry)
    {
        return initialMantissa[entry];
    }

    int initialExponent(final int entry)
    {
        return initialExponent[entry];
    }

    long baseVolatilityMantissa()
    {
        return baseVolatilityMantissa;
    }

    int baseVolatilityExponent()
    {
        return baseVolatilityExponent;
    }

    long volatilityWeightMantissa()
    {
        return volatilityWeightMantissa;
    }

    int volatilityWeightExponent()
    {
        return volatilityWeightExponent;
    }

    long maxMultiplierMantissa()
    {
        return maxMultiplierMantissa;
    }

    int maxMultiplierExponent()
    {
        return maxMultiplierExponent;
    }

    boolean initialMarginWarning()
    {
        return initialMarginWarning;
    }
}

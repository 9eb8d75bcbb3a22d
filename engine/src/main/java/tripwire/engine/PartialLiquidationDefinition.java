package tripwire.engine;

import tripwire.codecs.BooleanType;
import tripwire.codecs.DecimalDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.PartialLiquidationTable;

/**
 * The partial-liquidation fields of one market definition frame (docs/risk-model.md section 4): decoded by
 * {@link InputAdapter}, checked and applied by {@link ReferenceDataLogic} after its own checks, into
 * {@link PartialLiquidationTable}. Holds the decoded values of the frame being processed only.
 *
 * <p>Checks, in order (detail1 of {@code INVALID_REFERENCE_DATA}, detail2 the value):
 * liquidationBuffer decode, outside [0, 1] → 16; minLiquidationNotional decode, &lt; 0 → 17;
 * backstopFraction decode, outside [0, 1] → 18; liquidationCooldownNs &lt; 0 → 19. They run whether or not
 * {@code partialLiquidation} is true.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class PartialLiquidationDefinition
{
    static final int BUFFER_OUT_OF_RANGE = 16;
    static final int MIN_NOTIONAL_OUT_OF_RANGE = 17;
    static final int BACKSTOP_FRACTION_OUT_OF_RANGE = 18;
    static final int COOLDOWN_OUT_OF_RANGE = 19;

    private final PartialLiquidationTable table;
    private final OutputPublisher publisher;

    private boolean enabled;
    private long bufferMantissa;
    private int bufferExponent;
    private long minNotionalMantissa;
    private int minNotionalExponent;
    private long backstopMantissa;
    private int backstopExponent;
    private long cooldownNs;

    private long bufferE8;
    private long minNotionalE8;
    private long backstopFractionE8;

    PartialLiquidationDefinition(final PartialLiquidationTable table, final OutputPublisher publisher)
    {
        this.table = table;
        this.publisher = publisher;
    }

    /**
     * Reads the fields from a wrapped market definition.
     *
     * @return false when the {@code partialLiquidation} byte is neither FALSE nor TRUE (a bad frame).
     */
    boolean decode(final MarketDefinitionDecoder decoder)
    {
        final short flag = decoder.partialLiquidationRaw();
        if (flag != BooleanType.FALSE.value() && flag != BooleanType.TRUE.value())
        {
            return false;
        }
        enabled = flag == BooleanType.TRUE.value();
        final DecimalDecoder buffer = decoder.liquidationBuffer();
        bufferMantissa = buffer.mantissa();
        bufferExponent = buffer.exponent();
        final DecimalDecoder minNotional = decoder.minLiquidationNotional();
        minNotionalMantissa = minNotional.mantissa();
        minNotionalExponent = minNotional.exponent();
        final DecimalDecoder backstop = decoder.backstopFraction();
        backstopMantissa = backstop.mantissa();
        backstopExponent = backstop.exponent();
        cooldownNs = decoder.liquidationCooldownNs();
        return true;
    }

    /** Checks the decoded fields; publishes the rejection and returns true when one fails. */
    boolean rejected(final long seq, final long timeNs)
    {
        bufferE8 = FixedPoint.toE8(bufferMantissa, bufferExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, bufferE8, bufferMantissa, bufferExponent))
        {
            return true;
        }
        if (bufferE8 < 0 || bufferE8 > FixedPoint.SCALE)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, BUFFER_OUT_OF_RANGE, bufferE8);
            return true;
        }
        minNotionalE8 = FixedPoint.toE8(minNotionalMantissa, minNotionalExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, minNotionalE8, minNotionalMantissa, minNotionalExponent))
        {
            return true;
        }
        if (minNotionalE8 < 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, MIN_NOTIONAL_OUT_OF_RANGE, minNotionalE8);
            return true;
        }
        backstopFractionE8 = FixedPoint.toE8(backstopMantissa, backstopExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, backstopFractionE8, backstopMantissa, backstopExponent))
        {
            return true;
        }
        if (backstopFractionE8 < 0 || backstopFractionE8 > FixedPoint.SCALE)
        {
            publisher.rejection(
                seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, BACKSTOP_FRACTION_OUT_OF_RANGE, backstopFractionE8);
            return true;
        }
        if (cooldownNs < 0)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, COOLDOWN_OUT_OF_RANGE, cooldownNs);
            return true;
        }
        return false;
    }

    /** Writes the checked fields to the market's record (after {@link #rejected} returned false). */
    void apply(final int marketId)
    {
        table.define(marketId, enabled, bufferE8, minNotionalE8, backstopFractionE8, cooldownNs);
    }
}

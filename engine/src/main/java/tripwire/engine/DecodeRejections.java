package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;

/** Turns {@link FixedPoint#toE8} error markers into {@code PRECISION} / {@code OVERFLOW} rejections. */
final class DecodeRejections
{
    /** What {@link #positive} returns when it rejected the input: no accepted value is 0. */
    static final long REJECTED = 0;

    private DecodeRejections()
    {
    }

    /** @return true when {@code valueE8} was an error marker and a rejection was published. */
    static boolean rejected(
        final OutputPublisher publisher,
        final long seq,
        final long timeNs,
        final long valueE8,
        final long mantissa,
        final int exponent)
    {
        if (valueE8 == FixedPoint.PRECISION_ERROR)
        {
            publisher.rejection(seq, timeNs, RejectReason.PRECISION, mantissa, exponent);
            return true;
        }
        if (valueE8 == FixedPoint.OVERFLOW_ERROR)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, mantissa, exponent);
            return true;
        }
        return false;
    }

    /**
     * Decodes a quantity that must be positive: {@code PRECISION} / {@code OVERFLOW} when it does not decode,
     * {@code nonPositiveReason} [valueE8, 0] when it is <= 0.
     *
     * @return the E8 value, or {@link #REJECTED} when a rejection was published.
     */
    static long positive(
        final OutputPublisher publisher,
        final long seq,
        final long timeNs,
        final long mantissa,
        final int exponent,
        final RejectReason nonPositiveReason)
    {
        final long valueE8 = FixedPoint.toE8(mantissa, exponent);
        if (rejected(publisher, seq, timeNs, valueE8, mantissa, exponent))
        {
            return REJECTED;
        }
        if (valueE8 <= 0)
        {
            publisher.rejection(seq, timeNs, nonPositiveReason, valueE8, 0);
            return REJECTED;
        }
        return valueE8;
    }
}

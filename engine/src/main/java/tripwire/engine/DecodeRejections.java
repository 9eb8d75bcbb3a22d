package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;

/** Turns {@link FixedPoint#toE8} error markers into {@code PRECISION} / {@code OVERFLOW} rejections. */
final class DecodeRejections
{
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
}

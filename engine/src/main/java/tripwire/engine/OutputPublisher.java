package tripwire.engine;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.LiquidationOrderEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.OracleStatusCode;
import tripwire.codecs.OracleStatusEncoder;
import tripwire.codecs.RejectReason;
import tripwire.codecs.RejectionEncoder;
import tripwire.codecs.Side;

/**
 * Encodes the engine's output events into one reusable buffer, numbers them ({@code outSeq} from 1) and
 * hands each to the {@link OutputSink}. Allocates nothing.
 *
 * <p>Owned by the business-logic thread.
 */
final class OutputPublisher
{
    private static final int MAX_OUTPUT_LENGTH = 128;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_OUTPUT_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final LiquidationOrderEncoder orderEncoder = new LiquidationOrderEncoder();
    private final RejectionEncoder rejectionEncoder = new RejectionEncoder();
    private final OracleStatusEncoder oracleStatusEncoder = new OracleStatusEncoder();
    private final OutputSink sink;
    private long lastOutSeq;

    OutputPublisher(final OutputSink sink)
    {
        this.sink = sink;
    }

    long lastOutSeq()
    {
        return lastOutSeq;
    }

    void lastOutSeq(final long lastOutSeq)
    {
        this.lastOutSeq = lastOutSeq;
    }

    void rejection(final long seq, final long timeNs, final RejectReason reason, final long detail1, final long detail2)
    {
        final long outSeq = ++lastOutSeq;
        rejectionEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .seq(seq)
            .timeNs(timeNs)
            .reason(reason)
            .detail1(detail1)
            .detail2(detail2);
        sink.onOutput(outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + rejectionEncoder.encodedLength());
    }

    void liquidationOrder(
        final long triggerSeq,
        final long timeNs,
        final long orderId,
        final long accountId,
        final int marketId,
        final Side side,
        final long sizeE8,
        final long limitPriceE8)
    {
        final long outSeq = ++lastOutSeq;
        orderEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .triggerSeq(triggerSeq)
            .timeNs(timeNs)
            .orderId(orderId)
            .accountId(accountId)
            .marketId(marketId)
            .side(side)
            .sizeE8(sizeE8)
            .limitPriceE8(limitPriceE8);
        sink.onOutput(outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + orderEncoder.encodedLength());
    }

    void oracleStatus(
        final long seq,
        final long timeNs,
        final InstrumentKind kind,
        final int instrumentId,
        final OracleStatusCode status,
        final int sourceId,
        final long priceE8)
    {
        final long outSeq = ++lastOutSeq;
        oracleStatusEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .seq(seq)
            .timeNs(timeNs)
            .instrumentKind(kind)
            .instrumentId(instrumentId)
            .status(status)
            .sourceId(sourceId)
            .priceE8(priceE8);
        sink.onOutput(outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + oracleStatusEncoder.encodedLength());
    }
}

package tripwire.engine;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.InsuranceFundMovementEncoder;
import tripwire.codecs.InsuranceFundMovementKind;
import tripwire.codecs.DeleverageEncoder;
import tripwire.codecs.LiquidationOrderEncoder;
import tripwire.codecs.LiquidationPenaltyEncoder;
import tripwire.codecs.MarginWarningEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.OracleStatusCode;
import tripwire.codecs.OracleStatusEncoder;
import tripwire.codecs.RejectReason;
import tripwire.codecs.RejectionEncoder;
import tripwire.codecs.Side;
import tripwire.engine.state.OffHeap;

/**
 * Encodes the engine's output events into one reusable buffer, numbers them ({@code outSeq} from 1) and
 * hands each to the {@link OutputSink}. Allocates nothing.
 *
 * <p>Owned by the business-logic thread.
 */
final class OutputPublisher
{
    private static final int MAX_OUTPUT_LENGTH = 128;

    /** Off-heap like every other buffer the engine uses (docs/PERF.md, "Replay": why an on-heap one costs). */
    private final UnsafeBuffer buffer = OffHeap.allocate(MAX_OUTPUT_LENGTH);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final LiquidationOrderEncoder orderEncoder = new LiquidationOrderEncoder();
    private final RejectionEncoder rejectionEncoder = new RejectionEncoder();
    private final InsuranceFundMovementEncoder fundMovementEncoder = new InsuranceFundMovementEncoder();
    private final LiquidationPenaltyEncoder penaltyEncoder = new LiquidationPenaltyEncoder();
    private final MarginWarningEncoder marginWarningEncoder = new MarginWarningEncoder();
    private final DeleverageEncoder deleverageEncoder = new DeleverageEncoder();
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

    void insuranceFundMovement(
        final long triggerSeq,
        final long timeNs,
        final InsuranceFundMovementKind kind,
        final long accountId,
        final int marketId,
        final long amountE8,
        final long uncoveredE8,
        final long balanceE8)
    {
        final long outSeq = ++lastOutSeq;
        fundMovementEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .triggerSeq(triggerSeq)
            .timeNs(timeNs)
            .kind(kind)
            .accountId(accountId)
            .marketId(marketId)
            .amountE8(amountE8)
            .uncoveredE8(uncoveredE8)
            .balanceE8(balanceE8);
        sink.onOutput(outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + fundMovementEncoder.encodedLength());
    }

    void liquidationPenalty(
        final long triggerSeq,
        final long timeNs,
        final long orderId,
        final long accountId,
        final int marketId,
        final long penaltyE8,
        final long liquidatorRewardE8,
        final long insuranceFundE8)
    {
        final long outSeq = ++lastOutSeq;
        penaltyEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .triggerSeq(triggerSeq)
            .timeNs(timeNs)
            .orderId(orderId)
            .accountId(accountId)
            .marketId(marketId)
            .penaltyE8(penaltyE8)
            .liquidatorRewardE8(liquidatorRewardE8)
            .insuranceFundE8(insuranceFundE8);
        sink.onOutput(outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + penaltyEncoder.encodedLength());
    }

    void marginWarning(
        final long seq, final long timeNs, final long accountId, final long equityE8, final long initialE8)
    {
        final long outSeq = ++lastOutSeq;
        marginWarningEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .seq(seq)
            .timeNs(timeNs)
            .accountId(accountId)
            .equityE8(equityE8)
            .initialE8(initialE8);
        sink.onOutput(
            outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + marginWarningEncoder.encodedLength());
    }

    /** One auto-deleveraging reduction (docs/risk-model.md section 7); {@code side} is the account's closing side. */
    void deleverage(
        final long triggerSeq,
        final long timeNs,
        final long accountId,
        final long counterpartyId,
        final int marketId,
        final Side side,
        final long sizeE8,
        final long priceE8)
    {
        final long outSeq = ++lastOutSeq;
        deleverageEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .outSeq(outSeq)
            .triggerSeq(triggerSeq)
            .timeNs(timeNs)
            .accountId(accountId)
            .counterpartyId(counterpartyId)
            .marketId(marketId)
            .side(side)
            .sizeE8(sizeE8)
            .priceE8(priceE8);
        sink.onOutput(outSeq, timeNs, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + deleverageEncoder.encodedLength());
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

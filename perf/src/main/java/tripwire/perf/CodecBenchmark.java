package tripwire.perf;

import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import tripwire.codecs.FillDecoder;
import tripwire.codecs.FillEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.TickDecoder;
import tripwire.codecs.TickEncoder;

/**
 * JMH: SBE encode and decode of the two commonest inputs (a {@code Tick} and a {@code Fill}), header
 * included, into and out of one off-heap buffer. Each benchmark returns a value derived from every field so
 * that nothing is optimised away. One state per thread; allocates nothing per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final TickEncoder tickEncoder = new TickEncoder();
    private final TickDecoder tickDecoder = new TickDecoder();
    private final FillEncoder fillEncoder = new FillEncoder();
    private final FillDecoder fillDecoder = new FillDecoder();
    private final UnsafeBuffer fillFrame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private long priceMantissa = 300_012_345_678L;

    public CodecBenchmark()
    {
        fillEncoder.wrapAndApplyHeader(fillFrame, 0, headerEncoder).accountId(123_456L).marketId(2);
        fillEncoder.size().mantissa(-1_250_000_000L).exponent((byte)-8);
        fillEncoder.price().mantissa(300_012_345_678L).exponent((byte)-8);
    }

    @Benchmark
    public int encodeTick()
    {
        tickEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).sourceId(1).instrumentKind(InstrumentKind.MARKET)
            .instrumentId(3);
        tickEncoder.price().mantissa(++priceMantissa).exponent((byte)-8);
        return MessageHeaderEncoder.ENCODED_LENGTH + tickEncoder.encodedLength();
    }

    @Benchmark
    public long decodeFill()
    {
        headerDecoder.wrap(fillFrame, 0);
        fillDecoder.wrap(fillFrame, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        return headerDecoder.templateId() + fillDecoder.accountId() + fillDecoder.marketId() +
            fillDecoder.size().mantissa() + fillDecoder.size().exponent() + fillDecoder.price().mantissa() +
            fillDecoder.price().exponent();
    }
}

package tripwire.perf;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;

/**
 * The business logic alone: a fresh {@link LiquidationEngine} fed the stream by {@code onInput} in a plain loop
 * on the calling thread, with no ring and no journal. Setup and warm-up are applied untimed; the measured
 * window is timed as a whole (one {@link System#nanoTime()} before and after, nothing per event).
 *
 * <p>This is what the pipeline is compared against: the same work, the same frames, the same machine noise.
 * Runs on the caller's thread; the timed loop allocates nothing.
 */
final class LogicBaseline implements OutputSink
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long orders;
    private long rejections;

    /** Measured inputs, their elapsed time and the orders the whole stream produced. */
    static final class Result
    {
        final int events;
        final long elapsedNs;
        final long orders;
        final long rejections;

        Result(final int events, final long elapsedNs, final long orders, final long rejections)
        {
            this.events = events;
            this.elapsedNs = elapsedNs;
            this.orders = orders;
            this.rejections = rejections;
        }

        /** Mean cost of one input, in nanoseconds. */
        double nsPerEvent()
        {
            return (double)elapsedNs / events;
        }

        /** Inputs per second one thread sustains. */
        long eventsPerSecond()
        {
            return elapsedNs == 0 ? 0 : events * 1_000_000_000L / elapsedNs;
        }
    }

    static Result measure(final LoadStream stream, final EngineConfig config)
    {
        final LogicBaseline sink = new LogicBaseline();
        final LiquidationEngine engine = new LiquidationEngine(config, sink);
        final UnsafeBuffer frames = stream.frames();
        final int measuredFrom = stream.measuredFrom();
        final int count = stream.count();
        for (int i = 0; i < measuredFrom; i++)
        {
            engine.onInput(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i));
        }
        final long startNs = System.nanoTime();
        for (int i = measuredFrom; i < count; i++)
        {
            engine.onInput(LoadStream.seq(i), LoadStream.timeNs(i), frames, stream.offset(i), stream.length(i));
        }
        final long elapsedNs = System.nanoTime() - startNs;
        return new Result(count - measuredFrom, elapsedNs, sink.orders, sink.rejections);
    }

    @Override
    public void onOutput(final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = header.wrap(buffer, offset).templateId();
        if (templateId == LiquidationOrderDecoder.TEMPLATE_ID)
        {
            orders++;
        }
        else if (templateId == RejectionDecoder.TEMPLATE_ID)
        {
            rejections++;
        }
    }
}

package tripwire.perf;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.MessageHeaderDecoder;

/**
 * A pre-encoded input stream: every SBE frame of one harness run, back to back in one off-heap area, so that
 * a publisher does no encoding in its timed loop. Immutable once built by {@link LoadGenerator}; read by the
 * publisher thread, the business-logic thread (to classify triggers) and the baseline loop.
 *
 * <pre>
 *   index:   0 .. setupCount-1 | setupCount .. measuredFrom-1 | measuredFrom .. count-1
 *            setup (untimed)   | warm-up (paced, not recorded) | measured (paced, recorded)
 *
 *   frames:  | frame 0 | frame 1 | ... | frame count-1 |
 *            ^offsets[0]         ^offsets[2]           ^offsets[count]
 * </pre>
 *
 * Event {@code i} has {@code seq = i + 1} and event time {@code timeNs = seq x EVENT_SPACING_NS}.
 */
final class LoadStream
{
    /** Event time between consecutive inputs, in nanoseconds (synthetic; the engine never reads a clock). */
    static final long EVENT_SPACING_NS = 1_000;

    private final UnsafeBuffer frames;
    private final int[] offsets;
    private final int count;
    private final int setupCount;
    private final int measuredFrom;
    private final long expectedOrders;
    private final long expectedMeasuredTickOrders;
    private final long tickCount;

    LoadStream(
        final UnsafeBuffer frames,
        final int[] offsets,
        final int count,
        final int setupCount,
        final int measuredFrom,
        final long expectedOrders,
        final long expectedMeasuredTickOrders,
        final long tickCount)
    {
        this.frames = frames;
        this.offsets = offsets;
        this.count = count;
        this.setupCount = setupCount;
        this.measuredFrom = measuredFrom;
        this.expectedOrders = expectedOrders;
        this.expectedMeasuredTickOrders = expectedMeasuredTickOrders;
        this.tickCount = tickCount;
    }

    /** The area holding every frame; frame {@code i} is {@code length(i)} bytes at {@code offset(i)}. */
    UnsafeBuffer frames()
    {
        return frames;
    }

    int offset(final int index)
    {
        return offsets[index];
    }

    int length(final int index)
    {
        return offsets[index + 1] - offsets[index];
    }

    static long seq(final int index)
    {
        return index + 1L;
    }

    static long timeNs(final int index)
    {
        return seq(index) * EVENT_SPACING_NS;
    }

    /** Index of the event with this seq. */
    static int indexOf(final long seq)
    {
        return (int)(seq - 1);
    }

    /** SBE template id of event {@code index}, read from its header. */
    int templateId(final int index)
    {
        return frames.getShort(offsets[index] + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) &
            0xFFFF;
    }

    /** All events: setup, warm-up and measured. */
    int count()
    {
        return count;
    }

    /** Reference data, opening deposits and opening fills: published as fast as possible and never recorded. */
    int setupCount()
    {
        return setupCount;
    }

    /** First index whose latency is recorded. */
    int measuredFrom()
    {
        return measuredFrom;
    }

    int measuredCount()
    {
        return count - measuredFrom;
    }

    /** Liquidation orders the whole stream produces (known from the generator's own engine). */
    long expectedOrders()
    {
        return expectedOrders;
    }

    /** Liquidation orders triggered by a tick in the measured window: the tick-to-order sample count. */
    long expectedMeasuredTickOrders()
    {
        return expectedMeasuredTickOrders;
    }

    /** Ticks in the whole stream after setup. */
    long tickCount()
    {
        return tickCount;
    }

    /** Bytes of frames. */
    int byteLength()
    {
        return offsets[count];
    }
}

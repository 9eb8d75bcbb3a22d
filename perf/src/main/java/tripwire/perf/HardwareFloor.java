package tripwire.perf;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.MessageHeaderDecoder;
import tripwire.engine.ring.FrameEvent;
import tripwire.engine.ring.WaitStrategies;

/**
 * The hardware floor the engine is compared against, measured in the same process:
 * <ul>
 *   <li>{@link #randomRmwNs}: per event, one read-modify-write of a random 64-byte record (all eight longs read,
 *       one written) in an off-heap buffer as large as the engine's account store, on one thread; the index
 *       comes from an inline xorshift generator (no memory access);</li>
 *   <li>{@link #handOffNs}: a bare Disruptor hand-off of the stream's frames: the caller copies each frame into
 *       a ring slot, one consumer thread reads its template id; nothing else.</li>
 * </ul>
 * Both return mean ns/event. Off the engine; allocation happens before the timed loops.
 */
final class HardwareFloor
{
    static final int RECORD_BYTES = 64;
    private static final int SLOT_BYTES = FrameEvent.MAX_FRAME_LENGTH;
    /** Where the RMW loop's checksum goes, so that the JIT cannot drop the loop. */
    private static volatile long checksumSink;

    private HardwareFloor()
    {
    }

    /** Mean ns of one random 64-byte read-modify-write in a {@code bufferBytes} off-heap buffer, over {@code events}. */
    static double randomRmwNs(final long bufferBytes, final int events)
    {
        final int records = (int)Math.min(Integer.MAX_VALUE / RECORD_BYTES, bufferBytes / RECORD_BYTES);
        final UnsafeBuffer buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(records * RECORD_BYTES, RECORD_BYTES));
        buffer.setMemory(0, buffer.capacity(), (byte)1);
        rmw(buffer, records, events / 4, 0x9E3779B97F4A7C15L);
        final long startNs = System.nanoTime();
        final long checksum = rmw(buffer, records, events, 0x2545F4914F6CDD1DL);
        final long elapsedNs = System.nanoTime() - startNs;
        checksumSink = checksum;
        return (double)elapsedNs / events;
    }

    private static long rmw(final UnsafeBuffer buffer, final int records, final int events, final long seed)
    {
        long x = seed;
        long sum = 0;
        for (int i = 0; i < events; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            final int offset = (int)((x >>> 1) % records) * RECORD_BYTES;
            long recordSum = 0;
            for (int word = 0; word < RECORD_BYTES; word += Long.BYTES)
            {
                recordSum += buffer.getLong(offset + word);
            }
            buffer.putLong(offset, recordSum + 1);
            sum += recordSum;
        }
        return sum;
    }

    /** Mean ns per frame of a bare Disruptor hand-off of the stream's measured frames (after its setup and warm-up). */
    static double handOffNs(final LoadStream stream, final int ringSize, final String waitStrategy) throws InterruptedException
    {
        final Disruptor<Slot> disruptor = new Disruptor<>(
            Slot::new, ringSize, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, WaitStrategies.named(waitStrategy));
        final Consumer consumer = new Consumer(stream.count());
        disruptor.handleEventsWith(consumer);
        final RingBuffer<Slot> ring = disruptor.start();
        consumer.started.await();
        final UnsafeBuffer frames = stream.frames();
        publish(ring, frames, stream, 0, stream.measuredFrom());
        while (ring.getMinimumGatingSequence() < stream.measuredFrom() - 1L)
        {
            Thread.onSpinWait();
        }
        final long startNs = System.nanoTime();
        publish(ring, frames, stream, stream.measuredFrom(), stream.count());
        consumer.done.await();
        final long elapsedNs = System.nanoTime() - startNs;
        try
        {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            disruptor.halt();
        }
        return (double)elapsedNs / stream.measuredCount();
    }

    private static void publish(
        final RingBuffer<Slot> ring, final UnsafeBuffer frames, final LoadStream stream, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final long sequence = ring.next();
            final Slot slot = ring.get(sequence);
            slot.length = stream.length(i);
            slot.frame.putBytes(0, frames, stream.offset(i), slot.length);
            ring.publish(sequence);
        }
    }

    /** One ring slot: a frame copied in by value. */
    private static final class Slot
    {
        final UnsafeBuffer frame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(SLOT_BYTES, RECORD_BYTES));
        int length;
    }

    /** Reads each frame's template id; counts down when the last frame arrived. */
    private static final class Consumer implements EventHandler<Slot>
    {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        final int expected;
        long templateSum;

        Consumer(final int expected)
        {
            this.expected = expected;
        }

        @Override
        public void onStart()
        {
            started.countDown();
        }

        @Override
        public void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
        {
            templateSum += slot.frame.getShort(MessageHeaderDecoder.templateIdEncodingOffset()) + slot.length;
            if (sequence + 1 == expected)
            {
                done.countDown();
            }
        }
    }
}

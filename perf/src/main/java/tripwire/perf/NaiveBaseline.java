package tripwire.perf;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Runs the {@link NaiveEngine} the way a first version is usually wired: the publisher (the caller's thread)
 * copies each frame into a fresh {@code byte[]} and {@code put}s it on a {@link LinkedBlockingQueue}; a logic
 * thread {@code take}s it, wraps it and applies it. Setup and warm-up are handed off and drained untimed; the
 * measured window runs from the first measured {@code put} to the logic thread finishing the last input.
 *
 * <p>Threads: the caller publishes and waits; one logic thread, started and joined here.
 */
final class NaiveBaseline
{
    private static final byte[] END = new byte[0];

    private NaiveBaseline()
    {
    }

    /** Measured events, elapsed ns and the orders the naive engine emitted over the whole stream. */
    static LogicBaseline.Result measure(final LoadStream stream) throws InterruptedException
    {
        final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        final NaiveEngine engine = new NaiveEngine();
        final AtomicLong applied = new AtomicLong();
        final Thread logic = new Thread(() ->
        {
            try
            {
                for (byte[] frame = queue.take(); frame != END; frame = queue.take())
                {
                    engine.onInput(new UnsafeBuffer(frame), 0);
                    applied.incrementAndGet();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "naive-logic");
        logic.start();
        publish(stream, queue, 0, stream.measuredFrom());
        while (applied.get() < stream.measuredFrom())
        {
            Thread.onSpinWait();
        }
        final long startNs = System.nanoTime();
        publish(stream, queue, stream.measuredFrom(), stream.count());
        queue.put(END);
        logic.join();
        final long elapsedNs = System.nanoTime() - startNs;
        return new LogicBaseline.Result(stream.measuredCount(), elapsedNs, engine.orderCount(), 0);
    }

    private static void publish(final LoadStream stream, final BlockingQueue<byte[]> queue, final int from, final int to)
        throws InterruptedException
    {
        final UnsafeBuffer frames = stream.frames();
        for (int i = from; i < to; i++)
        {
            final byte[] frame = new byte[stream.length(i)];
            frames.getBytes(stream.offset(i), frame);
            queue.put(frame);
        }
    }
}

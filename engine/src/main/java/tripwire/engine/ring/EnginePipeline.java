package tripwire.engine.ring;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import net.openhft.affinity.AffinityLock;
import org.agrona.DirectBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.journal.EventJournal;

/**
 * Tripwire's pipeline, wired in one place:
 * <ol>
 *   <li>publishers copy SBE input frames into preallocated slots of a Disruptor ring ({@link #publish});</li>
 *   <li>one business-logic thread ({@link BusinessLogicHandler}) takes each slot in order, journals the input,
 *       applies it to the {@link LiquidationEngine}, journals each output and hands it to the
 *       {@link PipelineListener}.</li>
 * </ol>
 * The journal and the engine are touched by the business-logic thread only.
 *
 * <p>The wait strategy and whether the business-logic thread is pinned to a CPU come from a
 * {@link ThreadingChoice}, stated in one log line at start. A pinned thread takes its {@link AffinityLock} itself
 * before it runs its first event and releases it when it stops; a refusal by the platform is logged and the
 * thread runs unpinned.
 *
 * <p>Threading: {@link #publish} from one thread (the ring is single-producer); {@link #close} from that
 * thread once it has stopped publishing.
 */
public final class EnginePipeline implements AutoCloseable
{
    public static final int RING_SIZE_DEFAULT = 1 << 16;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final Disruptor<FrameEvent> disruptor;
    private final RingBuffer<FrameEvent> ringBuffer;
    private final BusinessLogicHandler handler;
    private final EventJournal journal;
    private boolean closed;

    /**
     * @param threading wait strategy and pinning of the business-logic thread.
     * @param log       receives the start-up line with the threading chosen, and a pinning refusal if any.
     */
    public EnginePipeline(
        final EngineConfig config,
        final EventJournal journal,
        final PipelineListener listener,
        final int ringSize,
        final ThreadingChoice threading,
        final Consumer<String> log)
    {
        this.journal = journal;
        this.handler = new BusinessLogicHandler(config, journal, listener);
        log.accept(threading.describe());
        this.disruptor = new Disruptor<>(
            new FrameSlabs(ringSize),
            ringSize,
            runnable ->
            {
                final Thread thread = new Thread(() -> runPinnedIfChosen(runnable, threading.pin(), log),
                    "tripwire-business-logic");
                thread.setDaemon(true);
                return thread;
            },
            ProducerType.SINGLE,
            threading.waitStrategy());
        disruptor.handleEventsWith(handler);
        this.ringBuffer = disruptor.start();
        awaitStarted();
    }

    /** A pipeline with the given wait strategy and an unpinned business-logic thread; logs nothing. */
    public EnginePipeline(
        final EngineConfig config,
        final EventJournal journal,
        final PipelineListener listener,
        final int ringSize,
        final WaitStrategy waitStrategy)
    {
        this.journal = journal;
        this.handler = new BusinessLogicHandler(config, journal, listener);
        this.disruptor = new Disruptor<>(
            new FrameSlabs(ringSize),
            ringSize,
            runnable ->
            {
                final Thread thread = new Thread(runnable, "tripwire-business-logic");
                thread.setDaemon(true);
                return thread;
            },
            ProducerType.SINGLE,
            waitStrategy);
        disruptor.handleEventsWith(handler);
        this.ringBuffer = disruptor.start();
        awaitStarted();
    }

    /**
     * Wait strategy and pinning from {@code -Dtripwire.waitStrategy} and {@code -Dtripwire.pinThreads}
     * ({@link ThreadingChoice#fromSystemProperties()}); the start-up line goes to standard error.
     */
    public EnginePipeline(final EngineConfig config, final EventJournal journal, final PipelineListener listener)
    {
        this(config, journal, listener, RING_SIZE_DEFAULT, ThreadingChoice.fromSystemProperties(), System.err::println);
    }

    /**
     * Copies one input frame into the next slot and publishes it; waits for a free slot when the ring is full.
     *
     * @param intendedSendNanos {@link System#nanoTime()} at which this input was meant to be sent, for
     *                          coordinated-omission-free latency measurement; 0 when not measured.
     */
    public void publish(
        final long seq, final long timeNs, final DirectBuffer frame, final int offset, final int length,
        final long intendedSendNanos)
    {
        if (length > FrameEvent.MAX_FRAME_LENGTH)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds " + FrameEvent.MAX_FRAME_LENGTH);
        }
        final long sequence = ringBuffer.next();
        try
        {
            ringBuffer.get(sequence).set(FrameEvent.KIND_INPUT, seq, timeNs, frame, offset, length, intendedSendNanos);
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
    }

    /** Asks the business-logic thread to journal the engine's state hash after everything published so far. */
    public void journalStateHash()
    {
        final long sequence = ringBuffer.next();
        try
        {
            ringBuffer.get(sequence).set(FrameEvent.KIND_STATE_HASH, 0, 0, null, 0, 0, 0);
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
    }

    /** Waits until the business-logic thread has processed everything published so far. */
    public void awaitProcessed()
    {
        final long target = ringBuffer.getCursor();
        while (disruptor.getSequenceValueFor(handler) < target)
        {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Inputs published and not yet processed. */
    public long backlog()
    {
        return ringBuffer.getCursor() - disruptor.getSequenceValueFor(handler);
    }

    /**
     * The engine, for reading its counters and state hash once {@link #awaitProcessed} has returned; never
     * while events are in flight.
     */
    public LiquidationEngine engine()
    {
        return handler.engine();
    }

    /** Journals the final state hash, drains the ring, stops the business-logic thread and closes the journal. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        journalStateHash();
        awaitProcessed();
        try
        {
            disruptor.shutdown(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            disruptor.halt();
        }
        journal.close();
    }

    /** The body of the business-logic thread: pin (when chosen), run the event processor, release the pin. */
    private static void runPinnedIfChosen(final Runnable processor, final boolean pin, final Consumer<String> log)
    {
        final AffinityLock lock = pin ? ThreadPinning.pinCurrentThread(log) : null;
        try
        {
            processor.run();
        }
        finally
        {
            ThreadPinning.release(lock, log);
        }
    }

    private void awaitStarted()
    {
        try
        {
            if (!handler.started().await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("business-logic thread did not start");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

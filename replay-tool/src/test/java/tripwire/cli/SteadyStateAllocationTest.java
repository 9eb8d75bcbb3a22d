package tripwire.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.demo.CrashScenario;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.PipelineListener;
import tripwire.journal.ChronicleEventJournal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing in steady state: after a warm-up, a million events (deposits, withdrawals,
 * fills, ticks that liquidate, rejections) are applied and the bytes allocated by the threads that handle them
 * are counted with {@code com.sun.management.ThreadMXBean}.
 *
 * <p>The business logic alone must allocate exactly zero. So must the business-logic thread of the real
 * pipeline, which also takes the inputs off the ring and appends every input and output to the Chronicle journal.
 * Its steady state, as {@link ChronicleEventJournal} documents it, means:
 * <ul>
 *   <li>the JIT is done with the path. HotSpot allocates on a thread when that thread's call makes a method
 *       reach the C2 threshold (it resolves the string constants of the method's class first, once per class)
 *       and when compiled code falls back to the interpreter on a branch it had not seen. So the warm-up writes
 *       at least {@link #WARM_UP_INDEX_BLOCKS} index blocks of {@code 4096 x 256} documents (checked), crossing
 *       several chunks of the queue file too, and runs {@link #TICK_PATH_WARM_UP_TICKS} ticks through a
 *       throwaway engine first, since this stream has only one tick in 1000 inputs;</li>
 *   <li>no roll to the next day's queue file: the journal rolls at midnight UTC, so a run that would start within
 *       {@link #MIDNIGHT_MARGIN} of it waits until midnight has passed (and one that spans it anyway fails, saying
 *       so);</li>
 *   <li>garbage collections happen: one is forced just before the measured events.</li>
 * </ul>
 * The journal's pre-map thread maps each next chunk of the queue file (one per
 * {@link ChronicleEventJournal#BLOCK_SIZE_BYTES}, about a million events here) so that the business-logic thread
 * never does, and allocates about 700 bytes per chunk it maps: that is measured and reported, and the two threads
 * together are held to the bound the business-logic thread had before the pre-map thread existed (less than one
 * byte per 16 events). Chronicle's open-source edition offers no way to map a chunk without allocating.
 */
class SteadyStateAllocationTest
{
    private static final int ACCOUNTS = 10_000;
    private static final int WARM_UP_EVENTS = 300_000;
    private static final int MEASURED_EVENTS = 1_000_000;
    /** Index blocks the journal's warm-up must fill: the JIT deoptimises Chronicle's index code at the first ones. */
    private static final int WARM_UP_INDEX_BLOCKS = 3;
    /** Inputs of the journal's warm-up at least: this scenario journals about 1.05 documents per input. */
    private static final int JOURNAL_WARM_UP_EVENTS = 3_300_000;
    /** Ticks the engine's tick path handles before the journal's warm-up (the scenario has one tick in 1000 inputs). */
    private static final int TICK_PATH_WARM_UP_TICKS = 10_000;
    /** Inputs of the tick path's warm-up fed whole (reference data, accounts) before it feeds only ticks. */
    private static final int TICK_PATH_SET_UP_EVENTS = 50_000;
    /** Average room per frame in the pre-encoded area; frames are packed, so a longer one (a market definition) fits. */
    private static final int AVERAGE_FRAME_ROOM = 128;
    private static final int SPARE_ROOM = 64 * 1024;

    /** The test takes seconds (about 6 here); starting this close to midnight UTC could cross the journal's roll. */
    private static final Duration MIDNIGHT_MARGIN = Duration.ofMinutes(2);

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path journal;

    @Test
    void shouldAllocateNothingPerEventInTheBusinessLogic()
    {
        final Frames frames = Frames.generate(WARM_UP_EVENTS + MEASURED_EVENTS);
        final long[] orders = {0};
        final UnsafeBuffer buffer = new UnsafeBuffer(frames.bytes);
        // Warm the JVM on the whole stream first, with an engine of its own: every branch the measured window
        // takes has then been taken and compiled, so what is counted below is the engine's steady state, not the
        // JIT's one-off work (a branch first taken late deoptimises its method, and re-running it in the
        // interpreter resolves string constants: a few hundred bytes, once).
        final LiquidationEngine warmUpEngine = new LiquidationEngine(
            EngineConfig.defaults().withMaxAccounts(ACCOUNTS + 1), (outSeq, timeNs, bytes, offset, length) -> { });
        feed(warmUpEngine, frames, buffer, 0, WARM_UP_EVENTS + MEASURED_EVENTS);
        final LiquidationEngine engine = new LiquidationEngine(
            EngineConfig.defaults().withMaxAccounts(ACCOUNTS + 1), (outSeq, timeNs, bytes, offset, length) -> orders[0]++);

        feed(engine, frames, buffer, 0, WARM_UP_EVENTS);
        final long threadId = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        feed(engine, frames, buffer, WARM_UP_EVENTS, WARM_UP_EVENTS + MEASURED_EVENTS);
        final long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;

        assertTrue(orders[0] > 0, "the measured events should include liquidations and rejections");
        assertEquals(0, allocated, "bytes allocated by the business logic over " + MEASURED_EVENTS + " events");
    }

    @Test
    void shouldAllocateNothingOnTheBusinessLogicThreadWithTheChronicleJournal()
    {
        waitPastMidnightWhenClose();
        final CrashScenario scenario = new CrashScenario(11, ACCOUNTS, JOURNAL_WARM_UP_EVENTS + MEASURED_EVENTS);
        final EngineConfig config = EngineConfig.defaults().withMaxAccounts(ACCOUNTS + 1);
        final DocumentCount documents = new DocumentCount();
        warmUpTickPath(config);
        final ChronicleEventJournal chronicle = new ChronicleEventJournal(journal);
        try (EnginePipeline pipeline = new EnginePipeline(config, chronicle, documents))
        {
            publish(pipeline, scenario, JOURNAL_WARM_UP_EVENTS);
            pipeline.awaitProcessed();
            final long indexBlockDocuments = (long)ChronicleEventJournal.ROLL_CYCLE.defaultIndexCount() *
                ChronicleEventJournal.ROLL_CYCLE.defaultIndexSpacing();
            assertTrue(documents.count() >= WARM_UP_INDEX_BLOCKS * indexBlockDocuments,
                "the warm-up journaled " + documents.count() + " documents, fewer than " + WARM_UP_INDEX_BLOCKS +
                " index blocks of " + indexBlockDocuments);

            System.gc();
            final long businessLogicThreadId = businessLogicThreadId();
            final long premapThreadId = chronicle.premapThread().getId();
            final LocalDate dayBefore = LocalDate.now(ZoneOffset.UTC);
            final long journalBytesBefore = ChronicleEventJournal.directorySizeBytes(journal);
            final long businessLogicBefore = THREADS.getThreadAllocatedBytes(businessLogicThreadId);
            final long premapBefore = THREADS.getThreadAllocatedBytes(premapThreadId);
            publish(pipeline, scenario, MEASURED_EVENTS);
            pipeline.awaitProcessed();
            final long businessLogicBytes = THREADS.getThreadAllocatedBytes(businessLogicThreadId) - businessLogicBefore;
            final long premapBytes = THREADS.getThreadAllocatedBytes(premapThreadId) - premapBefore;
            final long journalBytes = ChronicleEventJournal.directorySizeBytes(journal) - journalBytesBefore;

            final String figures = " over " + MEASURED_EVENTS + " events: business-logic thread " + businessLogicBytes +
                " B, pre-map thread " + premapBytes + " B; journal grew " + journalBytes + " B" +
                (dayBefore.equals(LocalDate.now(ZoneOffset.UTC)) ? "" : "; the journal rolled to a new day's file");
            assertEquals(0, businessLogicBytes, "bytes allocated on the business-logic thread (ring, engine, journal" +
                " appends)" + figures);
            assertTrue(businessLogicBytes + premapBytes < MEASURED_EVENTS / 16, "bytes allocated by the pipeline's" +
                " threads" + figures);
        }
    }

    /** Sleeps past midnight UTC when it is less than {@link #MIDNIGHT_MARGIN} away (the journal rolls then). */
    private static void waitPastMidnightWhenClose()
    {
        final ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        final Duration toMidnight = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC));
        if (toMidnight.compareTo(MIDNIGHT_MARGIN) < 0)
        {
            try
            {
                Thread.sleep(toMidnight.toMillis() + 1_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs the scenario's set-up and then only its ticks, {@link #TICK_PATH_WARM_UP_TICKS} of them, through a
     * throwaway engine on this thread. The stream has one tick in 1000 inputs, so without this the engine's tick
     * path would reach the JIT's C2 threshold (5000 calls, more while the compile queue is long) only millions of
     * inputs in, possibly while measuring: HotSpot resolves the string constants of a method's class on the
     * calling thread when it queues that method for C2, which allocates (a few hundred bytes, once per class).
     */
    private static void warmUpTickPath(final EngineConfig config)
    {
        final LiquidationEngine engine = new LiquidationEngine(config, (outSeq, timeNs, buffer, offset, length) -> { });
        final CrashScenario scenario = new CrashScenario(5, ACCOUNTS, Long.MAX_VALUE);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        int ticks = 0;
        while (ticks < TICK_PATH_WARM_UP_TICKS)
        {
            scenario.next();
            final boolean tick = header.wrap(scenario.buffer(), 0).templateId() == TickDecoder.TEMPLATE_ID;
            if (tick || scenario.seq() <= TICK_PATH_SET_UP_EVENTS)
            {
                engine.onInput(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length());
                ticks += tick ? 1 : 0;
            }
        }
    }

    private static void publish(final EnginePipeline pipeline, final CrashScenario scenario, final int count)
    {
        for (int i = 0; i < count && scenario.hasNext(); i++)
        {
            scenario.next();
            pipeline.publish(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length(), 0);
        }
    }

    private static void feed(
        final LiquidationEngine engine, final Frames frames, final UnsafeBuffer buffer, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            engine.onInput(frames.seq[i], frames.timeNs[i], buffer, frames.offset[i], frames.length[i]);
        }
    }

    private static long businessLogicThreadId()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("tripwire-business-logic"))
            .findFirst()
            .orElseThrow()
            .getId();
    }

    /** Counts the documents the pipeline journals: each input once applied, each output. Business-logic thread. */
    private static final class DocumentCount implements PipelineListener
    {
        private long count;

        @Override
        public void onOutput(
            final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
            final long intendedSendNanos)
        {
            count++;
        }

        @Override
        public void onInputApplied(final long seq, final long intendedSendNanos)
        {
            count++;
        }

        /** Read once the pipeline has processed everything published. */
        long count()
        {
            return count;
        }
    }

    /** The crash scenario's frames, encoded up front so the measured loop only applies them. */
    private static final class Frames
    {
        final byte[] bytes;
        final long[] seq;
        final long[] timeNs;
        final int[] offset;
        final int[] length;

        private Frames(final int count)
        {
            bytes = new byte[count * AVERAGE_FRAME_ROOM + SPARE_ROOM];
            seq = new long[count];
            timeNs = new long[count];
            offset = new int[count];
            length = new int[count];
        }

        static Frames generate(final int count)
        {
            final Frames frames = new Frames(count);
            final CrashScenario scenario = new CrashScenario(3, ACCOUNTS, count);
            final UnsafeBuffer target = new UnsafeBuffer(frames.bytes);
            int position = 0;
            for (int i = 0; i < count; i++)
            {
                scenario.next();
                target.putBytes(position, scenario.buffer(), 0, scenario.length());
                frames.offset[i] = position;
                position += scenario.length();
                frames.seq[i] = scenario.seq();
                frames.timeNs[i] = scenario.timeNs();
                frames.length[i] = scenario.length();
            }
            return frames;
        }
    }
}

package tripwire.journal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-map agent, stepped by hand on the test thread (no agent thread, no sleeping): it maps the chunk after
 * the appender's, so the appender crosses into it without a mapping of its own ({@code queue.chunkCount()}
 * counts every mapping made through the queue's files), lets go of chunks the appender has left, and follows the
 * appender into the next cycle's file. Small chunks (1 MiB) and a wall clock set by hand.
 */
class ChunkPremapAgentTest
{
    private static final long CHUNK_BYTES = 1L << 20;
    private static final int RECORD_BYTES = 4000;

    @TempDir
    Path directory;

    private final SetTimeProvider wallClock = new SetTimeProvider("2026-11-26T10:00:00").autoIncrement(0, TimeUnit.NANOSECONDS);
    private final CachedNanoClock agentClock = new CachedNanoClock();
    private final byte[] record = new byte[RECORD_BYTES];
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private ChunkPremapAgent agent;

    @BeforeEach
    void open()
    {
        queue = SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(ChronicleEventJournal.ROLL_CYCLE)
            .blockSize(CHUNK_BYTES)
            .timeProvider(wallClock)
            .build();
        appender = queue.createAppender();
        agent = new ChunkPremapAgent(queue, agentClock, error ->
        {
            throw new AssertionError("pre-map failed", error);
        });
    }

    @AfterEach
    void close()
    {
        agent.onClose();
        appender.close();
        queue.close();
    }

    @Test
    void shouldMapTheNextChunkBeforeTheAppenderReachesIt()
    {
        appendUntilChunk(0);
        assertTrue(agent.doWork() > 0);
        assertTrue(agent.holds(0) && agent.holds(1), "the appender's chunk and the next");
        final long mappingsBefore = queue.chunkCount();

        appendUntilChunk(1);

        assertEquals(mappingsBefore, queue.chunkCount(), "the appender crossed into chunk 1 without mapping it");
        agent.doWork();
        assertTrue(agent.holds(2));
        assertEquals(mappingsBefore + 1, queue.chunkCount(), "the agent mapped chunk 2");
    }

    @Test
    void appenderMapsTheNextChunkItselfWithoutTheAgent()
    {
        appendUntilChunk(0);
        final long mappingsBefore = queue.chunkCount();

        appendUntilChunk(1);

        assertEquals(mappingsBefore + 1, queue.chunkCount(), "without the agent the appender maps chunk 1 itself");
    }

    @Test
    void shouldLetGoOfChunksTheAppenderHasLeft()
    {
        for (int chunk = 0; chunk <= 5; chunk++)
        {
            appendUntilChunk(chunk);
            agent.doWork();
        }

        assertTrue(agent.holds(0), "chunk 0 stays: the file header and the index blocks are in it");
        for (int chunk = 1; chunk <= 3; chunk++)
        {
            assertFalse(agent.holds(chunk), "chunk " + chunk + ": left by the appender, referenced by nothing else");
        }
        assertTrue(agent.holds(5) && agent.holds(6), "the appender's chunk and the next");
    }

    @Test
    void shouldFollowTheAppenderIntoTheNextCycleFile()
    {
        appendUntilChunk(1);
        agent.doWork();
        final int firstCycle = agent.cycle();
        assertEquals(firstCycle, queue.cycle());

        wallClock.advanceMillis(TimeUnit.DAYS.toMillis(1));
        agent.doWork();
        assertEquals(firstCycle, agent.cycle(), "no file for the new cycle before the appender writes to it");

        appender.writeBytes(bytes -> bytes.write(record));
        agent.doWork();
        assertEquals(firstCycle, agent.cycle(), "looks for the new file at most every CYCLE_RETRY_INTERVAL_NS");

        agentClock.advance(ChunkPremapAgent.CYCLE_RETRY_INTERVAL_NS);
        agent.doWork();
        assertNotEquals(firstCycle, agent.cycle());
        assertEquals(queue.cycle(), agent.cycle());
        assertTrue(agent.holds(0) && agent.holds(1), "the new file's first chunk and the next");
        assertFalse(agent.holds(2), "nothing kept from the old file");
    }

    /** Appends records until the cycle file's write position is in {@code chunk}. */
    private void appendUntilChunk(final long chunk)
    {
        do
        {
            appender.writeBytes(bytes -> bytes.write(record));
        }
        while (writePosition() / CHUNK_BYTES < chunk);
    }

    private long writePosition()
    {
        final var store = queue.storeForCycle(appender.cycle(), queue.epoch(), false, null);
        try
        {
            return store.writePosition();
        }
        finally
        {
            queue.closeStore(store);
        }
    }
}

package tripwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;

import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Maps the next chunk of the journal's queue file ahead of the appender, on its own thread, so that the appending
 * (business-logic) thread never maps one and never unmaps one: both allocate on the thread that does them
 * (the mapped store and its reference counting, the file lock taken to grow the file: about 700 bytes a chunk).
 * Chronicle Queue's own pre-toucher, which would do this, is Enterprise-only: in the open-source 2026.4
 * {@code ExcerptAppender.pretouch()} throws {@code StackOverflowError} and the pre-toucher event handler does
 * nothing.
 * <pre>
 *   cycle file:  | chunk 0 | chunk 1 | ... | chunk c | chunk c+1 | ...      chunk = blockSize bytes; each mapping
 *                                             ^ appender's write position      also covers the next overlapSize
 *   held here:   chunks c and c+1; older ones until this agent is their only holder, then released (unmapped here)
 * </pre>
 * Chronicle maps a cycle file chunk by chunk through one {@link MappedFile} per file, shared by every reader and
 * writer of the queue instance; each chunk's {@link MappedBytesStore} is reference-counted and unmapped when its
 * last holder releases it. By holding chunk c+1 before the appender reaches it, the appender finds it in the
 * table and only takes a reference; by holding the chunks the appender has left while anything else still refers
 * to them (the appender's index writer, the current index block, which can lie several chunks back), the last
 * release of a chunk is this agent's.
 *
 * <p>The write position comes from the cycle file's header (a volatile read), so the appender is not touched.
 * When the wall-clock cycle rolls, the agent moves to the new cycle's file once the appender has created it,
 * and releases everything it held in the old one.
 *
 * <p>Threading: {@link #doWork} and {@link #onClose} run on the agent's thread only. Allocates nothing while
 * the appender stays within chunks already mapped; mapping a chunk and moving to a new cycle file allocate.
 */
final class ChunkPremapAgent implements Agent, ReferenceOwner
{
    static final String ROLE_NAME = "tripwire-journal-premap";
    /**
     * Chunks held at most: the appender's, the next, and those behind still referenced by the queue's index, whose
     * current block can lie up to 9 chunks back (4096 x 256 documents of up to 540 bytes). When full, the oldest is
     * released even if still referenced, and its last holder unmaps it.
     */
    static final int MAX_HELD_CHUNKS = 16;
    /** How often the agent looks for the new cycle's file after the wall-clock cycle has rolled. */
    static final long CYCLE_RETRY_INTERVAL_NS = 100_000_000L;

    private final SingleChronicleQueue queue;
    private final NanoClock clock;
    private final ErrorHandler errorHandler;
    private final MappedBytesStore[] heldStores = new MappedBytesStore[MAX_HELD_CHUNKS];
    private final long[] heldChunks = new long[MAX_HELD_CHUNKS];
    private int heldCount;
    private SingleChronicleQueueStore store;
    private MappedFile mappedFile;
    private long chunkSizeBytes;
    private long lastCycleAttemptNs;

    /**
     * @param clock        paces the look for a new cycle's file only ({@link #CYCLE_RETRY_INTERVAL_NS}).
     * @param errorHandler told of a failed look or mapping; the agent goes on at its next duty cycle (the appender
     *                     maps a chunk itself when it finds it unmapped).
     */
    ChunkPremapAgent(final SingleChronicleQueue queue, final NanoClock clock, final ErrorHandler errorHandler)
    {
        this.queue = queue;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.lastCycleAttemptNs = clock.nanoTime() - CYCLE_RETRY_INTERVAL_NS;
    }

    @Override
    public String roleName()
    {
        return ROLE_NAME;
    }

    /** Never throws: a failure goes to the error handler and counts as no work, so the agent idles before retrying. */
    @Override
    public int doWork()
    {
        try
        {
            return premap();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return 0;
        }
    }

    private int premap()
    {
        if ((store == null || store.cycle() != queue.cycle()) && !followCycle(clock.nanoTime()))
        {
            return 0;
        }
        final long chunk = store.writePosition() / chunkSizeBytes;
        int work = hold(chunk) + hold(chunk + 1);
        work += releaseLeftBehind(chunk);
        return work;
    }

    @Override
    public void onClose()
    {
        releaseAll();
        if (store != null)
        {
            queue.closeStore(store);
            store = null;
        }
    }

    /** The cycle whose file this agent follows, {@code Integer.MIN_VALUE} before the appender's first write. */
    int cycle()
    {
        return store == null ? Integer.MIN_VALUE : store.cycle();
    }

    /** Whether this agent holds a reference to {@code chunk} of the current cycle's file. */
    boolean holds(final long chunk)
    {
        for (int i = 0; i < heldCount; i++)
        {
            if (heldChunks[i] == chunk)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves to the current cycle's file once the appender has created it (looked for at most every
     * {@link #CYCLE_RETRY_INTERVAL_NS}); false while there is no file to follow at all.
     */
    private boolean followCycle(final long nowNs)
    {
        if (nowNs - lastCycleAttemptNs < CYCLE_RETRY_INTERVAL_NS)
        {
            return store != null;
        }
        lastCycleAttemptNs = nowNs;
        final SingleChronicleQueueStore next = queue.storeForCycle(queue.cycle(), queue.epoch(), false, null);
        if (next == null)
        {
            return store != null;
        }
        releaseAll();
        if (store != null)
        {
            queue.closeStore(store);
        }
        store = next;
        final MappedBytes bytes = next.bytes();
        mappedFile = bytes.mappedFile();
        chunkSizeBytes = mappedFile.chunkSize();
        bytes.releaseLast();
        return true;
    }

    private int hold(final long chunk)
    {
        if (holds(chunk))
        {
            return 0;
        }
        if (heldCount == MAX_HELD_CHUNKS)
        {
            release(0);
        }
        try
        {
            heldStores[heldCount] = mappedFile.acquireByteStore(this, chunk * chunkSizeBytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        heldChunks[heldCount] = chunk;
        heldCount++;
        return 1;
    }

    /** Releases chunks before the appender's whose only holder is now this agent (the release unmaps them). */
    private int releaseLeftBehind(final long appenderChunk)
    {
        int released = 0;
        for (int i = heldCount - 1; i >= 0; i--)
        {
            if (heldChunks[i] < appenderChunk && heldStores[i].refCount() == 1)
            {
                release(i);
                released++;
            }
        }
        return released;
    }

    private void releaseAll()
    {
        while (heldCount > 0)
        {
            release(heldCount - 1);
        }
    }

    /** Releases the store held at {@code index}, keeping the held ones in the order they were taken. */
    private void release(final int index)
    {
        final MappedBytesStore released = heldStores[index];
        heldCount--;
        System.arraycopy(heldStores, index + 1, heldStores, index, heldCount - index);
        System.arraycopy(heldChunks, index + 1, heldChunks, index, heldCount - index);
        heldStores[heldCount] = null;
        released.release(this);
    }
}

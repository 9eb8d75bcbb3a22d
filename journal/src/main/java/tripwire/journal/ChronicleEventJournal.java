package tripwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import tripwire.engine.EngineConfig;
import tripwire.engine.journal.EventJournal;

/**
 * The engine's journal on a Chronicle Queue: one document per record, laid out by
 * {@link JournalRecordDescriptor}. Appends go to the memory-mapped queue file, so a record survives a crash
 * of the process as soon as the call returns (not a crash of the machine: there is no fsync per record).
 *
 * <p>Roll cycle {@link #ROLL_CYCLE} ({@code FAST_DAILY}): one file per day of wall-clock time (Chronicle's file
 * naming, not the engine's event time), with small index spacing for fast reads; unlike {@code LARGE_DAILY} it
 * does not preallocate huge sparse files. The file is mapped in chunks of {@link #BLOCK_SIZE_BYTES}.
 *
 * <p>Threading: the append methods and {@link #close} on one thread, the business-logic thread. The journal
 * owns one more thread, {@link #premapThread()}, which maps each next chunk of the queue file before the
 * appender reaches it and unmaps the chunks it has left ({@link ChunkPremapAgent}), so the appending thread
 * neither maps nor unmaps.
 *
 * <p>Allocation, measured with {@code ThreadMXBean} and JFR on chronicle-queue 2026.4: in steady state an
 * append allocates nothing on the appending thread, per record or otherwise, garbage collections included
 * ({@link IndexHolderKeeper} keeps the per-thread index holders that Chronicle only reaches through weak
 * references). Outside the steady state:
 * <ul>
 *   <li>the first crossings of an index block (every {@code 4096 x 256} documents) and of a chunk after start,
 *       and the first C2 compilations of Chronicle's append methods, allocate on the appending thread: the JIT
 *       rematerialises objects when it deoptimises a rare branch, and resolves a class's string constants on
 *       the thread that queues one of its methods for C2 (up to a few KB in all, in the first millions of
 *       records);</li>
 *   <li>a roll to the next day's file allocates on the appending thread (the new file, its store and index);</li>
 *   <li>the pre-map thread allocates about 700 bytes for each chunk it maps (the mapped store, its reference
 *       counting and the file lock that grows the file), so about once per 64 MB of journal; Chronicle offers no
 *       way to map without allocating.</li>
 * </ul>
 * Chronicle's own pre-toucher would map ahead, but it is Enterprise-only: in the open-source edition
 * {@code ExcerptAppender.pretouch()} fails with {@code StackOverflowError} and the pre-toucher event handler does
 * nothing.
 */
public final class ChronicleEventJournal implements EventJournal
{
    /** How long the chunk pre-mapper sleeps between looks at the write position. */
    static final long PREMAP_POLL_MS = 10;
    private static final long PREMAP_ERRORS_LOGGED_EVERY = 1000;

    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final AgentRunner premapRunner;
    private final Thread premapThread;
    private final IndexHolderKeeper indexHolders;
    private long premapErrors;

    /** Opens the journal in {@code directory}, creating it when absent; appends after any existing records. */
    public ChronicleEventJournal(final Path directory)
    {
        this.queue = open(directory);
        this.appender = queue.createAppender();
        this.indexHolders = new IndexHolderKeeper(appender);
        this.premapRunner = new AgentRunner(
            new SleepingMillisIdleStrategy(PREMAP_POLL_MS), this::onPremapError, null,
            new ChunkPremapAgent(queue, SystemNanoClock.INSTANCE, this::onPremapError));
        this.premapThread = AgentRunner.startOnThread(premapRunner, runnable ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The thread that maps the queue file's chunks ahead of the appender (for allocation measurements). */
    public Thread premapThread()
    {
        return premapThread;
    }

    /**
     * Bytes of queue file Chronicle maps at a time (each mapping also covers the next quarter of a chunk, its
     * overlap). The pre-map thread keeps the chunk after the appender's mapped.
     */
    public static final long BLOCK_SIZE_BYTES = 64L << 20;

    /** One queue file per day (UTC); a roll to the next file is outside the allocation-free steady state. */
    public static final RollCycles ROLL_CYCLE = RollCycles.FAST_DAILY;

    static SingleChronicleQueue open(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(ROLL_CYCLE)
            .blockSize(BLOCK_SIZE_BYTES)
            .build();
    }

    @Override
    public void appendConfig(final EngineConfig config)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            writeHeader(bytes, JournalRecordDescriptor.KIND_CONFIG, 3 * Integer.BYTES, 0, 0);
            bytes.writeInt(config.maxAccounts());
            bytes.writeInt(config.maxAssets());
            bytes.writeInt(config.maxMarkets());
        }
        indexHolders.afterAppend();
    }

    @Override
    public void appendInput(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        append(JournalRecordDescriptor.KIND_INPUT, seq, timeNs, buffer, offset, length);
    }

    @Override
    public void appendOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        append(JournalRecordDescriptor.KIND_OUTPUT, outSeq, timeNs, buffer, offset, length);
    }

    @Override
    public void appendStateHash(final long lastSeq, final long timeNs, final long stateHash)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            writeHeader(bytes, JournalRecordDescriptor.KIND_STATE_HASH, Long.BYTES, lastSeq, timeNs);
            bytes.writeLong(stateHash);
        }
        indexHolders.afterAppend();
    }

    /** Appends one record of any kind as it is, for tools that copy a journal record by record. */
    void appendRecord(
        final int kind, final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        append(kind, seq, timeNs, buffer, offset, length);
    }

    @Override
    public void close()
    {
        premapRunner.close();
        appender.close();
        queue.close();
    }

    /** Bytes the journal's files take on disk (for reporting), 0 when the directory does not exist. */
    public static long directorySizeBytes(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(ChronicleEventJournal::sizeOf).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void append(
        final int kind, final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            writeHeader(bytes, kind, length, seq, timeNs);
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES)
            {
                bytes.writeLong(buffer.getLong(offset + i, ByteOrder.LITTLE_ENDIAN));
            }
            for (; i < length; i++)
            {
                bytes.writeByte(buffer.getByte(offset + i));
            }
        }
        indexHolders.afterAppend();
    }

    private static void writeHeader(final Bytes<?> bytes, final int kind, final int length, final long seq, final long timeNs)
    {
        bytes.writeInt(kind);
        bytes.writeInt(length);
        bytes.writeLong(seq);
        bytes.writeLong(timeNs);
    }

    /**
     * A failed mapping ahead is not fatal: the appender maps the chunk itself when it gets there. Logs the first
     * failure and every {@link #PREMAP_ERRORS_LOGGED_EVERY}th after it. Pre-map thread only.
     */
    private void onPremapError(final Throwable error)
    {
        if (premapErrors++ % PREMAP_ERRORS_LOGGED_EVERY == 0)
        {
            System.err.println("journal chunk pre-mapper: " + error + " (" + premapErrors + " failures so far)");
        }
    }

    private static long sizeOf(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}

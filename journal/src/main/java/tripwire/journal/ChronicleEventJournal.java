package tripwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.journal.EventJournal;

/**
 * The engine's journal on a Chronicle Queue: one document per record, laid out by
 * {@link JournalRecordDescriptor}. Appends go to the memory-mapped queue file, so a record survives a crash
 * of the process as soon as the call returns (not a crash of the machine: there is no fsync per record).
 *
 * <p>Roll cycle {@code FAST_DAILY}: one file per day of wall-clock time (Chronicle's file naming, not the
 * engine's event time), with small index spacing for fast reads; unlike {@code LARGE_DAILY} it does not
 * preallocate huge sparse files.
 *
 * <p>Threading: single-threaded; the business-logic thread only. Allocates nothing per append.
 */
public final class ChronicleEventJournal implements EventJournal
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;

    /** Opens the journal in {@code directory}, creating it when absent; appends after any existing records. */
    public ChronicleEventJournal(final Path directory)
    {
        this.queue = open(directory);
        this.appender = queue.createAppender();
    }

    /**
     * Bytes Chronicle maps at a time. Nothing is allocated per record, but the appending thread does allocate now
     * and then: mapping the next block (a file lock, the mapped store and its wrappers: a few hundred bytes to a few
     * KB per block), and the objects the JIT rematerialises when it deoptimises a rare branch of Chronicle's append
     * path (a new index block, a block boundary, a wait on the write lock; 1 to 11 KB per million records measured
     * with JFR, depending on compile timing). Chronicle's own pretouch is a no-op outside its Enterprise edition.
     */
    public static final long BLOCK_SIZE_BYTES = 64L << 20;

    static ChronicleQueue open(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
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
    }

    private static void writeHeader(final Bytes<?> bytes, final int kind, final int length, final long seq, final long timeNs)
    {
        bytes.writeInt(kind);
        bytes.writeInt(length);
        bytes.writeLong(seq);
        bytes.writeLong(timeNs);
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

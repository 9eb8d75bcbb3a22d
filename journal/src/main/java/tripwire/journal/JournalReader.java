package tripwire.journal;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.EngineConfig;

/**
 * Reads a journal directory from its first record, in order, without copying: each record's bytes are
 * wrapped where they lie in the mapped queue file. A record too short for its header is reported as
 * {@link #TRUNCATED_RECORDS} and skipped.
 *
 * <p>Threading: one thread at a time. Allocates nothing per record.
 */
public final class JournalReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private long truncatedRecords;

    /** Counter name for records shorter than their header claims. */
    public static final String TRUNCATED_RECORDS = "truncatedRecords";

    public JournalReader(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal directory " + directory);
        }
        this.queue = ChronicleEventJournal.open(directory);
        this.tailer = queue.createTailer();
    }

    /** Reads every record from the current position to the end; returns how many were read. */
    public long readAll(final JournalRecordHandler handler)
    {
        long count = 0;
        int read;
        while ((read = poll(handler, 4096)) > 0)
        {
            count += read;
        }
        return count;
    }

    /** Reads up to {@code limit} records; returns how many were read (0 at the end). */
    public int poll(final JournalRecordHandler handler, final int limit)
    {
        int read = 0;
        while (read < limit)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = context.wire().bytes();
                final long remaining = bytes.readRemaining();
                if (remaining < JournalRecordDescriptor.HEADER_LENGTH)
                {
                    truncatedRecords++;
                    continue;
                }
                record.wrap(bytes.addressForRead(bytes.readPosition()), (int)remaining);
                final int kind = record.getInt(JournalRecordDescriptor.KIND_OFFSET, ByteOrder.LITTLE_ENDIAN);
                final int length = record.getInt(JournalRecordDescriptor.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                if (length < 0 || JournalRecordDescriptor.HEADER_LENGTH + (long)length > remaining)
                {
                    truncatedRecords++;
                    continue;
                }
                handler.onRecord(
                    kind,
                    record.getLong(JournalRecordDescriptor.SEQ_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    record.getLong(JournalRecordDescriptor.TIME_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    record,
                    JournalRecordDescriptor.HEADER_LENGTH,
                    length);
                read++;
            }
        }
        return read;
    }

    /** Records skipped because they were shorter than their header says. */
    public long truncatedRecords()
    {
        return truncatedRecords;
    }

    /**
     * The engine capacities recorded at the start of the journal, or null when it has none. Reads from a
     * separate tailer: does not move this reader.
     */
    public static EngineConfig readConfig(final Path directory)
    {
        final EngineConfig[] config = new EngineConfig[1];
        try (JournalReader reader = new JournalReader(directory))
        {
            reader.poll((kind, seq, timeNs, buffer, offset, length) ->
            {
                if (kind == JournalRecordDescriptor.KIND_CONFIG && length >= 3 * Integer.BYTES)
                {
                    config[0] = new EngineConfig(
                        buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN),
                        buffer.getInt(offset + Integer.BYTES, ByteOrder.LITTLE_ENDIAN),
                        buffer.getInt(offset + 2 * Integer.BYTES, ByteOrder.LITTLE_ENDIAN));
                }
            }, 1);
        }
        return config[0];
    }

    /**
     * The seq of the last input the journal holds, found from its end without reading the rest (the last input
     * record, or a state hash after it, which names the last input applied): the number of inputs when they are
     * numbered from 1, as every writer here numbers them (reference data at negative seqs aside). 0 when the
     * journal holds no input. For a progress bar's total: a replay still counts what it reads.
     */
    public static long lastInputSeq(final Path directory)
    {
        final long[] lastSeq = {0};
        final boolean[] found = {false};
        try (JournalReader reader = new JournalReader(directory))
        {
            reader.tailer.direction(TailerDirection.BACKWARD).toEnd();
            final JournalRecordHandler handler = (kind, seq, timeNs, buffer, offset, length) ->
            {
                if (kind == JournalRecordDescriptor.KIND_INPUT || kind == JournalRecordDescriptor.KIND_STATE_HASH)
                {
                    lastSeq[0] = Math.max(0, seq);
                    found[0] = true;
                }
            };
            while (!found[0] && reader.poll(handler, 1) > 0)
            {
                // Back through the trailing outputs to the last input or state hash.
            }
        }
        return lastSeq[0];
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}

package tripwire.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds and repairs a torn last entry of a Tripwire queue (journal, ingress or egress): a Chronicle document
 * whose 4-byte header still carries the not-complete bit because its writer died mid-write (kill -9, power
 * loss) or because the file was cut. A tailer stops at such a header for good, so without repair nothing
 * appended after it could ever be read.
 * <pre>
 *   Chronicle document header (little-endian int): bit 31 not-complete | bit 30 metadata | bits 0-29 length
 *   documents start on 4-byte boundaries; a header of 0 is the clean end of the written data.
 * </pre>
 * Call only while no process writes to the queue (the engine's start-up, before it opens its appenders).
 */
public final class TornTail
{
    static final int NOT_COMPLETE = 0x8000_0000;
    static final int METADATA = 0x4000_0000;
    static final int LENGTH_MASK = 0x3FFF_FFFF;

    /**
     * What {@link #find} saw: the torn header's file and position, the complete data documents before it
     * (all kept) and the complete documents found beyond it (unreachable for any tailer).
     */
    public record Finding(Path file, long position, int header, long keptDocuments, long documentsBeyond)
    {
        /**
         * True when the header is still 0: the writer died before completing the document, so no tailer sees it
         * and the next append overwrites it (Chronicle releases a dead writer's lock); nothing to repair. False
         * when the header carries the not-complete bit: every tailer would stop there for good.
         */
        public boolean headerUnwritten()
        {
            return header == 0;
        }

        @Override
        public String toString()
        {
            if (headerUnwritten())
            {
                return String.format("unfinished document at %s:%d (bytes past the end whose header was never" +
                    " completed: a writer died mid-write, now or in an earlier crash); %d complete documents before it kept", file, position, keptDocuments);
            }
            return String.format("incomplete document at %s:%d (header 0x%08x, writer died mid-write or the file was cut);" +
                " %d complete documents before it kept, %d after it unreachable",
                file, position, header, keptDocuments, documentsBeyond);
        }
    }

    /** Bytes after a clean end (header 0) that are checked for leftovers of an unfinished document. */
    static final int LEFTOVER_BYTES_CHECKED = 64;

    private TornTail()
    {
    }

    /** @return the torn last entry of the queue in {@code directory}, or null when the queue ends cleanly. */
    public static Finding find(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return null;
        }
        long headerPosition = -1;
        long length = 0;
        long documents = 0;
        Path file = null;
        try (ChronicleQueue queue = ChronicleEventJournal.open(directory);
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument(true))
                {
                    if (!context.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    headerPosition = bytes.readPosition() - Integer.BYTES;
                    length = bytes.readRemaining();
                    file = tailer.currentFile().toPath();
                    if (!context.isMetaData())
                    {
                        documents++;
                    }
                }
            }
        }
        if (file == null)
        {
            return null;
        }
        return scanAfter(file, align(headerPosition + Integer.BYTES + length), documents);
    }

    /**
     * Rewrites the queue without its torn entry: copies every complete record into a fresh queue and swaps the
     * directories; the damaged queue is kept beside it as {@code <name>.torn-<n>} for inspection.
     *
     * @return where the damaged queue was moved.
     */
    public static Path repair(final Path directory)
    {
        final Path fresh = directory.resolveSibling(directory.getFileName() + ".repairing");
        try
        {
            deleteRecursively(fresh);
            try (JournalReader reader = new JournalReader(directory);
                ChronicleEventJournal copy = new ChronicleEventJournal(fresh))
            {
                reader.readAll(copy::appendRecord);
            }
            Path kept;
            int n = 1;
            do
            {
                kept = directory.resolveSibling(directory.getFileName() + ".torn-" + n++);
            }
            while (Files.exists(kept));
            Files.move(directory, kept);
            Files.move(fresh, directory);
            return kept;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot repair queue " + directory, ex);
        }
    }

    private static Finding scanAfter(final Path file, final long start, final long documents)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer word = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long position = start;
            Finding torn = null;
            long beyond = 0;
            while (position + Integer.BYTES <= channel.size())
            {
                word.clear();
                channel.read(word, position);
                final int header = word.getInt(0);
                if (header == 0)
                {
                    if (torn == null && hasLeftovers(channel, position + Integer.BYTES))
                    {
                        return new Finding(file, position, 0, documents, 0);
                    }
                    break;
                }
                if ((header & NOT_COMPLETE) != 0)
                {
                    if (torn == null)
                    {
                        torn = new Finding(file, position, header, documents, 0);
                    }
                    if ((header & LENGTH_MASK) == 0)
                    {
                        break;
                    }
                }
                else if (torn != null && (header & METADATA) == 0)
                {
                    beyond++;
                }
                position = align(position + Integer.BYTES + (header & LENGTH_MASK));
            }
            return torn == null ? null : new Finding(file, torn.position(), torn.header(), documents, beyond);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }

    private static boolean hasLeftovers(final FileChannel channel, final long position) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(LEFTOVER_BYTES_CHECKED);
        channel.read(bytes, position);
        for (int i = 0; i < bytes.position(); i++)
        {
            if (bytes.get(i) != 0)
            {
                return true;
            }
        }
        return false;
    }

    private static long align(final long position)
    {
        return (position + 3) & ~3L;
    }

    static void deleteRecursively(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (var walk = Files.walk(path))
        {
            for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}

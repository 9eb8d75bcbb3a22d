package tripwire.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chronicle reaches the appending thread's index holders through weak references only: a garbage collection
 * clears them unless they are kept, and then the next indexed append builds them again. These tests also fail
 * when a Chronicle upgrade renames the private fields the keeper reads.
 */
class IndexHolderKeeperTest
{
    @TempDir
    Path directory;

    @Test
    void shouldKeepTheIndexHoldersThroughAGarbageCollection()
    {
        try (SingleChronicleQueue queue = ChronicleEventJournal.open(directory);
            ExcerptAppender appender = queue.createAppender())
        {
            final IndexHolderKeeper keeper = new IndexHolderKeeper(appender);
            appender.writeText("first document, indexed");
            keeper.afterAppend();

            System.gc();

            assertTrue(keeper.keepsHolders(), "Chronicle still reaches the same holders after the collection");
        }
    }

    @Test
    void garbageCollectionClearsTheIndexHoldersWhenNotKept()
    {
        try (SingleChronicleQueue queue = ChronicleEventJournal.open(directory);
            ExcerptAppender appender = queue.createAppender())
        {
            final IndexHolderKeeper keeper = new IndexHolderKeeper(appender);
            appender.writeText("first document, indexed");

            System.gc();
            keeper.afterAppend();

            assertFalse(keeper.keepsHolders(), "the collection cleared them: nothing left to keep until the next" +
                " indexed append builds them again");
        }
    }
}

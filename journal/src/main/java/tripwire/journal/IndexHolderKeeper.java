package tripwire.journal;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;

import net.openhft.chronicle.queue.ExcerptAppender;

/**
 * Keeps the appending thread's index holders of Chronicle Queue strongly reachable, so that a garbage collection
 * does not make the next indexed append allocate.
 *
 * <p>Chronicle's {@code SCQIndexing} (2026.4) reaches the holder of the index block it writes into, and the one
 * of the index of index blocks, through a {@code ThreadLocal<WeakReference<...>>} per queue file, and nothing else
 * refers to the holders between two appends. Every collection therefore clears them, and the next append that
 * writes an index entry (one document in 256) builds both again on the appending thread: 240 bytes, plus one
 * more entry in a list the file keeps until it is closed. Holding the two holders here, from the appending thread
 * once per queue file, stops that. It reads Chronicle's private fields by reflection: when they are not found
 * (another Chronicle version) one line says so on standard error and the journal works as before.
 *
 * <p>Threading: the appending thread only (the holders are per thread). Allocates nothing after the first
 * append to each queue file.
 */
final class IndexHolderKeeper
{
    private static final Field APPENDER_STORE;
    private static final Field STORE_INDEXING;
    private static final Field INDEX_ARRAY;
    private static final Field INDEX2INDEX_ARRAY;

    static
    {
        Field appenderStore = null;
        Field storeIndexing = null;
        Field indexArray = null;
        Field index2IndexArray = null;
        try
        {
            appenderStore = field("net.openhft.chronicle.queue.impl.single.StoreAppender", "store");
            storeIndexing = field("net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore", "indexing");
            indexArray = field("net.openhft.chronicle.queue.impl.single.SCQIndexing", "indexArray");
            index2IndexArray = field("net.openhft.chronicle.queue.impl.single.SCQIndexing", "index2indexArray");
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            appenderStore = null;
            System.err.println("journal: Chronicle's index holders cannot be kept (" + ex + "); after each garbage" +
                " collection the next indexed append allocates again");
        }
        APPENDER_STORE = appenderStore;
        STORE_INDEXING = storeIndexing;
        INDEX_ARRAY = indexArray;
        INDEX2INDEX_ARRAY = index2IndexArray;
    }

    private final ExcerptAppender appender;
    private Object indexHolder;
    private Object index2IndexHolder;
    private int keptCycle = Integer.MIN_VALUE;

    IndexHolderKeeper(final ExcerptAppender appender)
    {
        this.appender = appender;
    }

    /** Call after each append: takes the holders once per queue file (the first append to a file indexes it). */
    void afterAppend()
    {
        final int cycle = appender.cycle();
        if (cycle != keptCycle)
        {
            keep(cycle);
        }
    }

    /**
     * Whether Chronicle still reaches, for the calling thread and the appender's current queue file, the very
     * holders kept here (for tests: after a garbage collection too).
     */
    boolean keepsHolders()
    {
        return indexHolder != null && index2IndexHolder != null &&
            indexHolder == holder(INDEX_ARRAY) && index2IndexHolder == holder(INDEX2INDEX_ARRAY);
    }

    private void keep(final int cycle)
    {
        keptCycle = cycle;
        if (APPENDER_STORE == null)
        {
            return;
        }
        indexHolder = holder(INDEX_ARRAY);
        index2IndexHolder = holder(INDEX2INDEX_ARRAY);
        if (indexHolder == null || index2IndexHolder == null)
        {
            keptCycle = Integer.MIN_VALUE;
        }
    }

    /** The calling thread's holder behind one of the appender's current {@code SCQIndexing} thread-locals. */
    private Object holder(final Field threadLocalField)
    {
        if (APPENDER_STORE == null)
        {
            return null;
        }
        try
        {
            final Object store = APPENDER_STORE.get(appender);
            final Object indexing = store == null ? null : STORE_INDEXING.get(store);
            return indexing == null ? null : referent(threadLocalField.get(indexing));
        }
        catch (final IllegalAccessException | RuntimeException ex)
        {
            return null;
        }
    }

    private static Object referent(final Object threadLocal)
    {
        final Object reference = ((ThreadLocal<?>)threadLocal).get();
        return reference instanceof WeakReference ? ((WeakReference<?>)reference).get() : null;
    }

    private static Field field(final String className, final String name) throws ReflectiveOperationException
    {
        final Field field = Class.forName(className).getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}

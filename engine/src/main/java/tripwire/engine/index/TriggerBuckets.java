package tripwire.engine.index;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.state.OffHeap;

/**
 * Nodes {@code 0 .. nodeCount - 1} kept by trigger price (E8) in trees {@code 0 .. treeCount - 1} (a node is in
 * one tree at most): each tree is an array of buckets on a logarithmic price scale, each bucket a list of chunks
 * of node numbers, with a bitmap of the non-empty buckets. {@link LiquidationIndex} numbers a node
 * {@code accountIndex x maxMarkets + marketId} (one per position) and keeps two trees per market: the longs
 * and the shorts.
 *
 * <p>Buckets: keys {@code <= 0} share bucket 0; a positive key {@code k} with highest set bit {@code e} goes to
 * {@code 1 + 64 e + (the 6 bits below it)}, a monotone map (a larger key never goes to a lower bucket; a bucket
 * spans at most 1/64 of its price). Insert and remove are O(1); {@link #collectAbove}/{@link #collectBelow}
 * report every bucket strictly beyond the price's bucket whole and filter the price's own bucket exactly:
 * O(non-empty words of the bitmap + k + the size of one bucket), where the price's bucket is read only when its
 * key bound says a node in it may be beyond the price (each read makes the bound exact again).
 *
 * <p>Off-heap, in three buffers. Nodes, 16 bytes each (so a node never straddles a cache line):
 * <pre>
 *   node n, at n x 16
 *   0              8           12           16
 *   |     keyE8     |  location  | headIndex  |
 * </pre>
 * {@code location} is where the node's number is kept, {@code chunk x 16 + slot}, or {@link #NONE} while it is in no
 * tree; {@code headIndex = tree x BUCKETS + bucket} names its bucket. Chunks, one cache line each:
 * <pre>
 *   chunk c, at c x 64
 *   0        4        8                                            64
 *   |  next  |  count |  node numbers, slots 0 .. 13                 |
 * </pre>
 * A bucket is a list of chunks from its head chunk ({@code heads}: an int per bucket, {@link #NONE} while empty);
 * every chunk but the head is full, so a bucket of {@code k} nodes takes {@code ceil(k / 14)} chunks, and reading it
 * whole takes one cache miss per 14 nodes instead of one per node. Insert puts the node in the head chunk's next
 * slot (a new head chunk when it is full); remove moves the head chunk's last node into the freed slot. Free
 * chunks form a list through {@code next}. The pool holds {@code nodeCount / 14} full chunks plus a partial one per
 * bucket that can be non-empty, so it never runs out. The bitmaps and key bounds (per tree, not per node) are on
 * heap. Allocated once; allocates nothing after construction; business-logic thread.
 */
final class TriggerBuckets
{
    static final int NONE = -1;
    /** Bytes per node. */
    static final int NODE_LENGTH = 16;

    private static final int NODE_SHIFT = 4;
    static final int BUCKETS = 1 + 64 * 64;
    private static final int WORDS = (BUCKETS + 63) / 64;
    private static final int KEY_OFFSET = 0;
    private static final int LOCATION_OFFSET = 8;
    private static final int HEAD_INDEX_OFFSET = 12;

    /** Bytes per chunk: one cache line. */
    private static final int CHUNK_LENGTH = 64;
    private static final int CHUNK_SHIFT = 6;
    private static final int NEXT_OFFSET = 0;
    private static final int COUNT_OFFSET = 4;
    private static final int SLOTS_OFFSET = 8;
    /** Node numbers per chunk. */
    static final int CHUNK_SLOTS = (CHUNK_LENGTH - SLOTS_OFFSET) / Integer.BYTES;
    /** A location is {@code chunk << LOCATION_SHIFT | slot}. */
    private static final int LOCATION_SHIFT = 4;
    private static final int SLOT_MASK = (1 << LOCATION_SHIFT) - 1;

    /** Node n's fields at {@code (n << NODE_SHIFT) + field offset}. */
    private final UnsafeBuffer nodes;
    private final int nodeCount;
    /** Chunk c's fields at {@code (c << CHUNK_SHIFT) + field offset}. */
    private final UnsafeBuffer chunks;
    private final int chunkCount;
    /** The head chunk of bucket {@code headIndex}, int at {@code headIndex x 4}, or NONE. */
    private final UnsafeBuffer heads;
    private int freeChunk;
    /** bits[tree * WORDS + word]: bit b of word w set when bucket 64 w + b is not empty. */
    private final long[] bits;
    /**
     * highest[tree * BUCKETS + bucket]: at least the largest key in the bucket (raised on insert, left as it is
     * on remove, made exact when a collect reads the bucket); Long.MIN_VALUE while empty. lowest: the same for the
     * smallest key. A tick whose price falls in a bucket reads that bucket's nodes only when its bound says one
     * may be beyond the price, so a tick that crosses nobody costs O(1) there however many nodes sit near it.
     */
    private final long[] highest;
    private final long[] lowest;

    /** True when the nodes, their chunks and the buckets' heads each fit one buffer. */
    static boolean fits(final long nodeCount, final int treeCount)
    {
        final long bucketCount = (long)treeCount * BUCKETS;
        // A chunk's number, shifted into a location, stays below 2^31 too: MAX_BYTES / 64 < 2^27.
        return nodeCount <= OffHeap.MAX_BYTES / NODE_LENGTH &&
            chunksFor(nodeCount, bucketCount) <= OffHeap.MAX_BYTES / CHUNK_LENGTH &&
            bucketCount <= OffHeap.MAX_BYTES / Integer.BYTES;
    }

    /** Every chunk but a bucket's head is full, and a bucket with a node has one head. */
    private static long chunksFor(final long nodeCount, final long bucketCount)
    {
        return nodeCount / CHUNK_SLOTS + Math.min(nodeCount, bucketCount) + 1;
    }

    /** @param nodeCount with treeCount, within {@link #fits}. */
    TriggerBuckets(final int nodeCount, final int treeCount)
    {
        this.nodeCount = nodeCount;
        final int bucketCount = treeCount * BUCKETS;
        this.chunkCount = (int)chunksFor(nodeCount, bucketCount);
        nodes = OffHeap.allocate(Math.max(1L, nodeCount) * NODE_LENGTH);
        chunks = OffHeap.allocate((long)chunkCount * CHUNK_LENGTH);
        heads = OffHeap.allocate((long)bucketCount * Integer.BYTES);
        bits = new long[treeCount * WORDS];
        highest = new long[bucketCount];
        lowest = new long[bucketCount];
        clear();
    }

    void clear()
    {
        // Every byte 0xFF: each node's location reads NONE (in no tree), each bucket's head NONE (empty).
        nodes.setMemory(0, nodeCount << NODE_SHIFT, (byte)0xFF);
        heads.setMemory(0, heads.capacity(), (byte)0xFF);
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            chunks.putInt((chunk << CHUNK_SHIFT) + NEXT_OFFSET, chunk + 1 < chunkCount ? chunk + 1 : NONE);
        }
        freeChunk = 0;
        Arrays.fill(bits, 0);
        Arrays.fill(highest, Long.MIN_VALUE);
        Arrays.fill(lowest, Long.MAX_VALUE);
    }

    /** Loads the node's line (see {@code AccountStore.touch}); the value means nothing. */
    int touch(final int node)
    {
        return nodes.getInt((node << NODE_SHIFT) + LOCATION_OFFSET);
    }

    long keyE8(final int node)
    {
        return nodes.getLong((node << NODE_SHIFT) + KEY_OFFSET);
    }

    void insert(final int tree, final int node, final long triggerE8)
    {
        final int bucket = bucketOf(triggerE8);
        final int headIndex = tree * BUCKETS + bucket;
        int head = heads.getInt(headIndex << 2);
        int count = head == NONE ? CHUNK_SLOTS : chunks.getInt((head << CHUNK_SHIFT) + COUNT_OFFSET);
        if (count == CHUNK_SLOTS)
        {
            final int chunk = freeChunk;
            freeChunk = chunks.getInt((chunk << CHUNK_SHIFT) + NEXT_OFFSET);
            chunks.putInt((chunk << CHUNK_SHIFT) + NEXT_OFFSET, head);
            heads.putInt(headIndex << 2, chunk);
            head = chunk;
            count = 0;
        }
        final int base = node << NODE_SHIFT;
        chunks.putInt((head << CHUNK_SHIFT) + SLOTS_OFFSET + (count << 2), node);
        chunks.putInt((head << CHUNK_SHIFT) + COUNT_OFFSET, count + 1);
        nodes.putLong(base + KEY_OFFSET, triggerE8);
        nodes.putInt(base + LOCATION_OFFSET, (head << LOCATION_SHIFT) | count);
        nodes.putInt(base + HEAD_INDEX_OFFSET, headIndex);
        bits[tree * WORDS + (bucket >>> 6)] |= 1L << bucket;
        highest[headIndex] = Math.max(highest[headIndex], triggerE8);
        lowest[headIndex] = Math.min(lowest[headIndex], triggerE8);
    }

    /**
     * Gives a node of the tree a new key when the key falls in the node's bucket: only the node and the bucket's
     * bounds are written, no chunk is touched.
     *
     * @return false (nothing written) when the new key belongs to another bucket.
     */
    boolean rekey(final int tree, final int node, final long triggerE8)
    {
        final int base = node << NODE_SHIFT;
        final int bucket = bucketOf(triggerE8);
        if (bucketOf(nodes.getLong(base + KEY_OFFSET)) != bucket)
        {
            return false;
        }
        nodes.putLong(base + KEY_OFFSET, triggerE8);
        final int headIndex = tree * BUCKETS + bucket;
        highest[headIndex] = Math.max(highest[headIndex], triggerE8);
        lowest[headIndex] = Math.min(lowest[headIndex], triggerE8);
        return true;
    }

    /** Removes the node from its tree, if it is in one: the head chunk's last node takes its slot. */
    void remove(final int node)
    {
        final int base = node << NODE_SHIFT;
        final int location = nodes.getInt(base + LOCATION_OFFSET);
        if (location == NONE)
        {
            return;
        }
        final int headIndex = nodes.getInt(base + HEAD_INDEX_OFFSET);
        final int head = heads.getInt(headIndex << 2);
        final int last = chunks.getInt((head << CHUNK_SHIFT) + COUNT_OFFSET) - 1;
        final int moved = chunks.getInt((head << CHUNK_SHIFT) + SLOTS_OFFSET + (last << 2));
        chunks.putInt(slotOffset(location), moved);
        nodes.putInt((moved << NODE_SHIFT) + LOCATION_OFFSET, location);
        nodes.putInt(base + LOCATION_OFFSET, NONE);
        if (last > 0)
        {
            chunks.putInt((head << CHUNK_SHIFT) + COUNT_OFFSET, last);
            return;
        }
        // The head chunk is empty: back to the free list; the next chunk, if any, is full and becomes the head.
        final int next = chunks.getInt((head << CHUNK_SHIFT) + NEXT_OFFSET);
        heads.putInt(headIndex << 2, next);
        chunks.putInt((head << CHUNK_SHIFT) + NEXT_OFFSET, freeChunk);
        freeChunk = head;
        if (next == NONE)
        {
            final int bucket = headIndex % BUCKETS;
            bits[(headIndex / BUCKETS) * WORDS + (bucket >>> 6)] &= ~(1L << bucket);
            highest[headIndex] = Long.MIN_VALUE;
            lowest[headIndex] = Long.MAX_VALUE;
        }
    }

    /**
     * Appends to {@code out} (ints, entry i at {@code 4 i}) from entry {@code count} every node of the tree with
     * key > priceE8; returns the new count.
     */
    int collectAbove(final int tree, final long priceE8, final UnsafeBuffer out, final int count)
    {
        final int bucket = bucketOf(priceE8);
        final int headIndex = tree * BUCKETS + bucket;
        int n = count;
        if (highest[headIndex] > priceE8)
        {
            n = filterBucket(headIndex, priceE8, true, out, n);
        }
        final int base = tree * WORDS;
        int word = bucket >>> 6;
        long pending = bucket % 64 == 63 ? 0 : bits[base + word] & (-1L << (bucket % 64 + 1));
        while (true)
        {
            while (pending != 0)
            {
                final int b = (word << 6) + Long.numberOfTrailingZeros(pending);
                pending &= pending - 1;
                n = appendAll(tree * BUCKETS + b, out, n);
            }
            if (++word == WORDS)
            {
                return n;
            }
            pending = bits[base + word];
        }
    }

    /** As {@link #collectAbove}, every node of the tree with key < priceE8. */
    int collectBelow(final int tree, final long priceE8, final UnsafeBuffer out, final int count)
    {
        final int bucket = bucketOf(priceE8);
        final int headIndex = tree * BUCKETS + bucket;
        int n = count;
        if (lowest[headIndex] < priceE8)
        {
            n = filterBucket(headIndex, priceE8, false, out, n);
        }
        final int base = tree * WORDS;
        final int lastWord = bucket >>> 6;
        for (int word = 0; word <= lastWord; word++)
        {
            long pending = bits[base + word];
            if (word == lastWord)
            {
                pending &= (1L << (bucket % 64)) - 1;
            }
            while (pending != 0)
            {
                final int b = (word << 6) + Long.numberOfTrailingZeros(pending);
                pending &= pending - 1;
                n = appendAll(tree * BUCKETS + b, out, n);
            }
        }
        return n;
    }

    /**
     * Appends the bucket's nodes with key above ({@code above}) or below the price, reading every node's key, and
     * makes the bucket's bound on that side exact (the largest or smallest key in it).
     */
    private int filterBucket(
        final int headIndex, final long priceE8, final boolean above, final UnsafeBuffer out, final int count)
    {
        int n = count;
        long boundE8 = above ? Long.MIN_VALUE : Long.MAX_VALUE;
        for (int chunk = heads.getInt(headIndex << 2); chunk != NONE; chunk = next(chunk))
        {
            final int slotsBase = (chunk << CHUNK_SHIFT) + SLOTS_OFFSET;
            for (int slot = 0, used = used(chunk); slot < used; slot++)
            {
                final int node = chunks.getInt(slotsBase + (slot << 2));
                final long keyE8 = keyE8(node);
                boundE8 = above ? Math.max(boundE8, keyE8) : Math.min(boundE8, keyE8);
                if (above ? keyE8 > priceE8 : keyE8 < priceE8)
                {
                    out.putInt(n++ << 2, node);
                }
            }
        }
        if (above)
        {
            highest[headIndex] = boundE8;
        }
        else
        {
            lowest[headIndex] = boundE8;
        }
        return n;
    }

    /** Copies every node number of the bucket, a chunk at a time: no node is read. */
    private int appendAll(final int headIndex, final UnsafeBuffer out, final int count)
    {
        int n = count;
        for (int chunk = heads.getInt(headIndex << 2); chunk != NONE; chunk = next(chunk))
        {
            final int used = used(chunk);
            out.putBytes(n << 2, chunks, (chunk << CHUNK_SHIFT) + SLOTS_OFFSET, used << 2);
            n += used;
        }
        return n;
    }

    private int next(final int chunk)
    {
        return chunks.getInt((chunk << CHUNK_SHIFT) + NEXT_OFFSET);
    }

    private int used(final int chunk)
    {
        return chunks.getInt((chunk << CHUNK_SHIFT) + COUNT_OFFSET);
    }

    private static int slotOffset(final int location)
    {
        return ((location >>> LOCATION_SHIFT) << CHUNK_SHIFT) + SLOTS_OFFSET + ((location & SLOT_MASK) << 2);
    }

    /**
     * Monotone: 0 for keys <= 0, else 1 + 64 x (highest set bit) + the 6 bits below it. As arithmetic, not branches:
     * the first key at or below zero, or below 64, comes late (with a crash) and would otherwise send every compiled
     * caller back to the interpreter. A rotation by {@code exponent - 6} brings the 6 bits below the highest to the
     * bottom whether the exponent is above or below 6; a key of 0 (any key <= 0) gives exponent -1 and a negative
     * sum, clamped to 0.
     */
    static int bucketOf(final long keyE8)
    {
        final long key = keyE8 & ~(keyE8 >> 63);
        final int exponent = 63 - Long.numberOfLeadingZeros(key);
        final int bucket = 1 + 64 * exponent + (int)(Long.rotateRight(key, exponent - 6) & 63);
        return bucket & ~(bucket >> 31);
    }
}

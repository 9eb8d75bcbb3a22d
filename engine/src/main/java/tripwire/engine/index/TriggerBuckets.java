package tripwire.engine.index;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.state.OffHeap;

/**
 * Nodes {@code 0 .. nodeCount - 1} kept by trigger price (E8) in trees {@code 0 .. treeCount - 1} (a node is in
 * one tree at most): each tree is an array of buckets on a logarithmic price scale, each bucket an intrusive
 * doubly linked list, with a bitmap of the non-empty buckets. {@link LiquidationIndex} numbers a node
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
 * <p>Nodes live off-heap in one buffer, 16 bytes each (so a node never straddles a cache line):
 * <pre>
 *   node n, at n x 16
 *   0        4        8              16
 *   |  next  |  prev  |     keyE8     |
 * </pre>
 * Each bucket is a circular list through a sentinel node of its own, numbered {@code nodeCount + headIndex}
 * after the nodes ({@code headIndex = tree x BUCKETS + bucket}), so insert and remove link and unlink without
 * asking whether a neighbour is a bucket head; {@code prev} is {@link #NONE} while a node is in no tree. Insert
 * and remove touch the node and its neighbours, nothing else. The bitmaps and key bounds (per tree, not per node)
 * are on heap. Allocated once; allocates nothing after construction; business-logic thread.
 */
final class TriggerBuckets
{
    static final int NONE = -1;
    /** Bytes per node. */
    static final int NODE_LENGTH = 16;

    private static final int NODE_SHIFT = 4;
    static final int BUCKETS = 1 + 64 * 64;
    private static final int WORDS = (BUCKETS + 63) / 64;
    private static final int NEXT_OFFSET = 0;
    private static final int PREV_OFFSET = 4;
    private static final int KEY_OFFSET = 8;

    /** Node n's fields at {@code (n << NODE_SHIFT) + field offset}; the sentinels follow the nodes. */
    private final UnsafeBuffer nodes;
    /** The sentinel of bucket {@code headIndex} is node {@code firstSentinel + headIndex}. */
    private final int firstSentinel;
    private final int sentinelCount;
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

    /** True when the nodes and one sentinel per bucket of every tree fit one buffer. */
    static boolean fits(final long nodeCount, final int treeCount)
    {
        return nodeCount + (long)treeCount * BUCKETS <= OffHeap.MAX_BYTES / NODE_LENGTH;
    }

    /** @param nodeCount with treeCount, within {@link #fits}. */
    TriggerBuckets(final int nodeCount, final int treeCount)
    {
        firstSentinel = nodeCount;
        sentinelCount = treeCount * BUCKETS;
        nodes = OffHeap.allocate(((long)nodeCount + sentinelCount) * NODE_LENGTH);
        bits = new long[treeCount * WORDS];
        highest = new long[treeCount * BUCKETS];
        lowest = new long[treeCount * BUCKETS];
        clear();
    }

    void clear()
    {
        // Every byte 0xFF: each node's prev reads NONE (in no tree); insert writes the other fields.
        nodes.setMemory(0, firstSentinel << NODE_SHIFT, (byte)0xFF);
        for (int sentinel = firstSentinel, end = firstSentinel + sentinelCount; sentinel < end; sentinel++)
        {
            link(sentinel, sentinel);
        }
        Arrays.fill(bits, 0);
        Arrays.fill(highest, Long.MIN_VALUE);
        Arrays.fill(lowest, Long.MAX_VALUE);
    }

    /** Loads the node's line (see {@code AccountStore.touch}); the value means nothing. */
    int touch(final int node)
    {
        return nodes.getInt((node << NODE_SHIFT) + PREV_OFFSET);
    }

    long keyE8(final int node)
    {
        return nodes.getLong((node << NODE_SHIFT) + KEY_OFFSET);
    }

    void insert(final int tree, final int node, final long triggerE8)
    {
        final int bucket = bucketOf(triggerE8);
        final int headIndex = tree * BUCKETS + bucket;
        final int sentinel = firstSentinel + headIndex;
        nodes.putLong((node << NODE_SHIFT) + KEY_OFFSET, triggerE8);
        link(node, next(sentinel));
        link(sentinel, node);
        bits[tree * WORDS + (bucket >>> 6)] |= 1L << bucket;
        highest[headIndex] = Math.max(highest[headIndex], triggerE8);
        lowest[headIndex] = Math.min(lowest[headIndex], triggerE8);
    }

    /**
     * Gives a node of the tree a new key when the key falls in the node's bucket: only the node and the bucket's
     * bounds are written, its neighbours are not touched.
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

    /** Removes the node from its tree, if it is in one. */
    void remove(final int node)
    {
        final int base = node << NODE_SHIFT;
        final int prev = nodes.getInt(base + PREV_OFFSET);
        if (prev == NONE)
        {
            return;
        }
        final int next = nodes.getInt(base + NEXT_OFFSET);
        link(prev, next);
        nodes.putInt(base + PREV_OFFSET, NONE);
        if (prev == next)
        {
            // Only the sentinel is left: the bucket is empty.
            final int headIndex = prev - firstSentinel;
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
            long largest = Long.MIN_VALUE;
            final int sentinel = firstSentinel + headIndex;
            for (int node = next(sentinel); node != sentinel; node = next(node))
            {
                final long keyE8 = keyE8(node);
                largest = Math.max(largest, keyE8);
                if (keyE8 > priceE8)
                {
                    out.putInt(n++ << 2, node);
                }
            }
            highest[headIndex] = largest;
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
            long smallest = Long.MAX_VALUE;
            final int sentinel = firstSentinel + headIndex;
            for (int node = next(sentinel); node != sentinel; node = next(node))
            {
                final long keyE8 = keyE8(node);
                smallest = Math.min(smallest, keyE8);
                if (keyE8 < priceE8)
                {
                    out.putInt(n++ << 2, node);
                }
            }
            lowest[headIndex] = smallest;
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

    private int appendAll(final int headIndex, final UnsafeBuffer out, final int count)
    {
        int n = count;
        final int sentinel = firstSentinel + headIndex;
        for (int node = next(sentinel); node != sentinel; node = next(node))
        {
            out.putInt(n++ << 2, node);
        }
        return n;
    }

    private int next(final int node)
    {
        return nodes.getInt((node << NODE_SHIFT) + NEXT_OFFSET);
    }

    /** Makes {@code after} follow {@code before} (either may be a sentinel). */
    private void link(final int before, final int after)
    {
        nodes.putInt((before << NODE_SHIFT) + NEXT_OFFSET, after);
        nodes.putInt((after << NODE_SHIFT) + PREV_OFFSET, before);
    }

    /** Monotone: 0 for keys <= 0, else 1 + 64 x (highest set bit) + the 6 bits below it. */
    static int bucketOf(final long keyE8)
    {
        if (keyE8 <= 0)
        {
            return 0;
        }
        final int exponent = 63 - Long.numberOfLeadingZeros(keyE8);
        final long mantissa = exponent >= 6 ? (keyE8 >>> (exponent - 6)) & 63 : (keyE8 << (6 - exponent)) & 63;
        return 1 + 64 * exponent + (int)mantissa;
    }
}

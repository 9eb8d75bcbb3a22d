package tripwire.engine.index;

import java.util.Arrays;

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
 * O(non-empty words of the bitmap + k + the size of one bucket).
 *
 * <p>Node arrays (on heap, allocated once): {@code keyE8}, {@code next}, {@code previous}, {@code treeOf}
 * ({@link #NONE} while the node is in no tree). Allocates nothing after construction; business-logic thread.
 */
final class TriggerBuckets
{
    static final int NONE = -1;

    private static final int BUCKETS = 1 + 64 * 64;
    private static final int WORDS = (BUCKETS + 63) / 64;

    private final long[] keyE8;
    private final int[] next;
    private final int[] previous;
    private final byte[] treeOf;
    /** heads[tree * BUCKETS + bucket]: the first node of the bucket, or NONE. */
    private final int[] heads;
    /** bits[tree * WORDS + word]: bit b of word w set when bucket 64 w + b is not empty. */
    private final long[] bits;

    /** @param treeCount at most 127. */
    TriggerBuckets(final int nodeCount, final int treeCount)
    {
        keyE8 = new long[nodeCount];
        next = new int[nodeCount];
        previous = new int[nodeCount];
        treeOf = new byte[nodeCount];
        heads = new int[treeCount * BUCKETS];
        bits = new long[treeCount * WORDS];
        clear();
    }

    void clear()
    {
        Arrays.fill(treeOf, (byte)NONE);
        Arrays.fill(heads, NONE);
        Arrays.fill(bits, 0);
    }

    /** The tree the node is in, or {@link #NONE}. */
    int treeOf(final int node)
    {
        return treeOf[node];
    }

    long keyE8(final int node)
    {
        return keyE8[node];
    }

    void insert(final int tree, final int node, final long triggerE8)
    {
        final int bucket = bucketOf(triggerE8);
        final int headIndex = tree * BUCKETS + bucket;
        final int head = heads[headIndex];
        keyE8[node] = triggerE8;
        treeOf[node] = (byte)tree;
        previous[node] = NONE;
        next[node] = head;
        if (head != NONE)
        {
            previous[head] = node;
        }
        else
        {
            bits[tree * WORDS + (bucket >>> 6)] |= 1L << bucket;
        }
        heads[headIndex] = node;
    }

    /** Removes the node from its tree, if it is in one. */
    void remove(final int node)
    {
        final int tree = treeOf[node];
        if (tree == NONE)
        {
            return;
        }
        final int before = previous[node];
        final int after = next[node];
        if (after != NONE)
        {
            previous[after] = before;
        }
        if (before != NONE)
        {
            next[before] = after;
        }
        else
        {
            final int bucket = bucketOf(keyE8[node]);
            heads[tree * BUCKETS + bucket] = after;
            if (after == NONE)
            {
                bits[tree * WORDS + (bucket >>> 6)] &= ~(1L << bucket);
            }
        }
        treeOf[node] = (byte)NONE;
    }

    /** Appends to {@code out} from {@code count} every node of the tree with key > priceE8; returns the new count. */
    int collectAbove(final int tree, final long priceE8, final int[] out, final int count)
    {
        final int bucket = bucketOf(priceE8);
        int n = count;
        for (int node = heads[tree * BUCKETS + bucket]; node != NONE; node = next[node])
        {
            if (keyE8[node] > priceE8)
            {
                out[n++] = node;
            }
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

    /** Appends to {@code out} from {@code count} every node of the tree with key < priceE8; returns the new count. */
    int collectBelow(final int tree, final long priceE8, final int[] out, final int count)
    {
        final int bucket = bucketOf(priceE8);
        int n = count;
        for (int node = heads[tree * BUCKETS + bucket]; node != NONE; node = next[node])
        {
            if (keyE8[node] < priceE8)
            {
                out[n++] = node;
            }
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

    private int appendAll(final int headIndex, final int[] out, final int count)
    {
        int n = count;
        for (int node = heads[headIndex]; node != NONE; node = next[node])
        {
            out[n++] = node;
        }
        return n;
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

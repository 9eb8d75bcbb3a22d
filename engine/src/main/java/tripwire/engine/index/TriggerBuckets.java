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
 * <p>Nodes live in one array, four ints each (16 bytes, so a node never straddles a cache line):
 * {@code next}, {@code link} and the key's low and high halves. {@code link} is the previous node when
 * {@code >= 0}, {@link #NONE} while the node is in no tree, and {@code -2 - headIndex} for the first node of
 * bucket {@code headIndex}: insert and remove touch the node and its neighbours, nothing else. Allocated once on
 * heap; allocates nothing after construction; business-logic thread.
 */
final class TriggerBuckets
{
    static final int NONE = -1;
    /** Ints per node. */
    static final int NODE_INTS = 4;

    private static final int BUCKETS = 1 + 64 * 64;
    private static final int WORDS = (BUCKETS + 63) / 64;
    private static final int NEXT = 0;
    private static final int LINK = 1;
    private static final int KEY_LOW = 2;
    private static final int KEY_HIGH = 3;

    /** nodes[node * NODE_INTS + field]. */
    private final int[] nodes;
    /** heads[tree * BUCKETS + bucket]: the first node of the bucket, or NONE. */
    private final int[] heads;
    /** bits[tree * WORDS + word]: bit b of word w set when bucket 64 w + b is not empty. */
    private final long[] bits;

    /** @param nodeCount at most {@code Integer.MAX_VALUE / NODE_INTS}. */
    TriggerBuckets(final int nodeCount, final int treeCount)
    {
        nodes = new int[nodeCount * NODE_INTS];
        heads = new int[treeCount * BUCKETS];
        bits = new long[treeCount * WORDS];
        clear();
    }

    void clear()
    {
        for (int i = LINK; i < nodes.length; i += NODE_INTS)
        {
            nodes[i] = NONE;
        }
        Arrays.fill(heads, NONE);
        Arrays.fill(bits, 0);
    }

    /** True while the node is in a tree. */
    boolean isLinked(final int node)
    {
        return nodes[node * NODE_INTS + LINK] != NONE;
    }

    /** Loads the node's line (see {@code AccountStore.touch}); the value means nothing. */
    int touch(final int node)
    {
        return nodes[node * NODE_INTS + LINK];
    }

    long keyE8(final int node)
    {
        final int base = node * NODE_INTS;
        return ((long)nodes[base + KEY_HIGH] << 32) | (nodes[base + KEY_LOW] & 0xFFFF_FFFFL);
    }

    void insert(final int tree, final int node, final long triggerE8)
    {
        final int bucket = bucketOf(triggerE8);
        final int headIndex = tree * BUCKETS + bucket;
        final int head = heads[headIndex];
        final int base = node * NODE_INTS;
        nodes[base + NEXT] = head;
        nodes[base + LINK] = -2 - headIndex;
        nodes[base + KEY_LOW] = (int)triggerE8;
        nodes[base + KEY_HIGH] = (int)(triggerE8 >>> 32);
        if (head != NONE)
        {
            nodes[head * NODE_INTS + LINK] = node;
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
        final int base = node * NODE_INTS;
        final int link = nodes[base + LINK];
        if (link == NONE)
        {
            return;
        }
        final int after = nodes[base + NEXT];
        if (after != NONE)
        {
            nodes[after * NODE_INTS + LINK] = link;
        }
        if (link >= 0)
        {
            nodes[link * NODE_INTS + NEXT] = after;
        }
        else
        {
            final int headIndex = -2 - link;
            heads[headIndex] = after;
            if (after == NONE)
            {
                final int bucket = headIndex % BUCKETS;
                bits[(headIndex / BUCKETS) * WORDS + (bucket >>> 6)] &= ~(1L << bucket);
            }
        }
        nodes[base + LINK] = NONE;
    }

    /** Appends to {@code out} from {@code count} every node of the tree with key > priceE8; returns the new count. */
    int collectAbove(final int tree, final long priceE8, final int[] out, final int count)
    {
        final int bucket = bucketOf(priceE8);
        int n = count;
        for (int node = heads[tree * BUCKETS + bucket]; node != NONE; node = nodes[node * NODE_INTS + NEXT])
        {
            if (keyE8(node) > priceE8)
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
        for (int node = heads[tree * BUCKETS + bucket]; node != NONE; node = nodes[node * NODE_INTS + NEXT])
        {
            if (keyE8(node) < priceE8)
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
        for (int node = heads[headIndex]; node != NONE; node = nodes[node * NODE_INTS + NEXT])
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

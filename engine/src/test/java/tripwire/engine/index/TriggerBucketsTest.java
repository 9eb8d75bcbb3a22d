package tripwire.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TriggerBuckets} against a brute-force list: after random inserts and removes in several trees, every
 * node with a key strictly beyond a price (above, or below) is reported exactly once, and no other.
 */
class TriggerBucketsTest
{
    private static final int NODES = 2_000;
    private static final int TREES = 4;
    /** The first bucket whose every neighbour above is reachable by some key: 1 + 64 x 6. */
    private static final int FIRST_WHOLE_BUCKET = 1 + 64 * 6;

    @Test
    void bucketsNeverDecreaseWithTheKey()
    {
        final SplittableRandom random = new SplittableRandom(7);
        long previousKey = Long.MIN_VALUE;
        int previousBucket = TriggerBuckets.bucketOf(previousKey);
        final long[] keys = new long[10_000];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = i < 200 ? i - 100 : random.nextLong() >>> random.nextInt(64);
        }
        keys[0] = Long.MAX_VALUE;
        Arrays.sort(keys);
        for (final long key : keys)
        {
            final int bucket = TriggerBuckets.bucketOf(key);
            assertTrue(bucket >= previousBucket, key + " after " + previousKey);
            previousKey = key;
            previousBucket = bucket;
        }
    }

    @Test
    void bucketOfEveryKeyIsItsHighestBitAndTheSixBitsBelow()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final long[] edges = {
            Long.MIN_VALUE, -1, 0, 1, 2, 3, 63, 64, 65, 127, 128, 1L << 58, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (final long key : edges)
        {
            assertEquals(bucketByDefinition(key), TriggerBuckets.bucketOf(key), "key " + key);
        }
        for (int i = 0; i < 100_000; i++)
        {
            final long key = random.nextLong() >> random.nextInt(64);
            assertEquals(bucketByDefinition(key), TriggerBuckets.bucketOf(key), "key " + key);
        }
    }

    /** The bucket as {@link TriggerBuckets}'s Javadoc defines it, written with branches. */
    private static int bucketByDefinition(final long key)
    {
        if (key <= 0)
        {
            return 0;
        }
        final int exponent = 63 - Long.numberOfLeadingZeros(key);
        final long sixBitsBelow = exponent >= 6 ? (key >>> (exponent - 6)) & 63 : (key << (6 - exponent)) & 63;
        return 1 + 64 * exponent + (int)sixBitsBelow;
    }

    @Test
    void shouldReportExactlyTheNodesBeyondThePrice()
    {
        final SplittableRandom random = new SplittableRandom(20_261_126L);
        final TriggerBuckets buckets = new TriggerBuckets(NODES, TREES);
        final int[] treeOf = new int[NODES];
        final long[] keyOf = new long[NODES];
        Arrays.fill(treeOf, -1);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[NODES * Integer.BYTES]);
        for (int step = 0; step < 40_000; step++)
        {
            final int node = random.nextInt(NODES);
            if (treeOf[node] >= 0 && random.nextBoolean())
            {
                buckets.remove(node);
                treeOf[node] = -1;
            }
            else
            {
                buckets.remove(node);
                final int tree = random.nextInt(TREES);
                final long key = randomKey(random);
                buckets.insert(tree, node, key);
                treeOf[node] = tree;
                keyOf[node] = key;
            }
            if (step % 97 == 0)
            {
                assertCollectsExactly(buckets, treeOf, keyOf, random, out);
            }
        }
        buckets.clear();
        assertEquals(0, buckets.collectAbove(0, Long.MIN_VALUE, out, 0));
    }

    @Test
    void shouldRekeyInPlaceOnlyWithinTheNodesBucketAndStillReportExactly()
    {
        final SplittableRandom random = new SplittableRandom(20_261_127L);
        final TriggerBuckets buckets = new TriggerBuckets(NODES, TREES);
        final int[] treeOf = new int[NODES];
        final long[] keyOf = new long[NODES];
        Arrays.fill(treeOf, -1);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[NODES * Integer.BYTES]);
        int rekeyed = 0;
        int refused = 0;
        for (int step = 0; step < 40_000; step++)
        {
            final int node = random.nextInt(NODES);
            if (treeOf[node] < 0)
            {
                final int tree = random.nextInt(TREES);
                final long key = randomKey(random);
                buckets.insert(tree, node, key);
                treeOf[node] = tree;
                keyOf[node] = key;
            }
            else if (random.nextInt(4) == 0)
            {
                buckets.remove(node);
                treeOf[node] = -1;
            }
            else
            {
                // Mostly a small move (the common re-split), sometimes one far enough to change bucket.
                final long oldKey = keyOf[node];
                final long key = random.nextInt(4) == 0 ? randomKey(random) : nearKey(random, oldKey);
                final boolean sameBucket = TriggerBuckets.bucketOf(key) == TriggerBuckets.bucketOf(oldKey);
                assertEquals(sameBucket, buckets.rekey(treeOf[node], node, key), oldKey + " -> " + key);
                if (sameBucket)
                {
                    keyOf[node] = key;
                    rekeyed++;
                    // The bucket's bounds must follow the new key: a price just inside it finds the node.
                    if (key != Long.MIN_VALUE)
                    {
                        assertTrue(contains(out, buckets.collectAbove(treeOf[node], key - 1, out, 0), node), "above " + key);
                    }
                    if (key != Long.MAX_VALUE)
                    {
                        assertTrue(contains(out, buckets.collectBelow(treeOf[node], key + 1, out, 0), node), "below " + key);
                    }
                }
                else
                {
                    refused++;
                }
            }
            if (step % 97 == 0)
            {
                assertCollectsExactly(buckets, treeOf, keyOf, random, out);
            }
        }
        assertTrue(rekeyed > 1_000 && refused > 1_000, "rekeyed " + rekeyed + ", refused " + refused);
    }

    /** A collect above or below a random price (or a node's key) in a random tree reports exactly the nodes beyond it. */
    private static void assertCollectsExactly(
        final TriggerBuckets buckets, final int[] treeOf, final long[] keyOf, final SplittableRandom random,
        final UnsafeBuffer out)
    {
        final int tree = random.nextInt(TREES);
        final long price = random.nextBoolean() ? randomKey(random) : keyOf[random.nextInt(NODES)];
        final boolean above = random.nextBoolean();
        final int count = above ? buckets.collectAbove(tree, price, out, 0) : buckets.collectBelow(tree, price, out, 0);
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < NODES; i++)
        {
            if (treeOf[i] == tree && (above ? keyOf[i] > price : keyOf[i] < price))
            {
                expected.add(i);
            }
        }
        final int[] actual = new int[count];
        for (int i = 0; i < count; i++)
        {
            actual[i] = out.getInt(i * Integer.BYTES);
        }
        Arrays.sort(actual);
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), actual,
            "tree " + tree + (above ? " above " : " below ") + price);
    }

    private static boolean contains(final UnsafeBuffer out, final int count, final int node)
    {
        for (int i = 0; i < count; i++)
        {
            if (out.getInt(i * Integer.BYTES) == node)
            {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldHoldEveryNodeWhetherOneBucketTakesThemAllOrEachTakesOne()
    {
        final TriggerBuckets buckets = new TriggerBuckets(NODES, TREES);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[NODES * Integer.BYTES]);
        for (int round = 0; round < 4; round++)
        {
            // Crowded: every node in one bucket of one tree (full chunks behind one head), removed in a stride.
            for (int node = 0; node < NODES; node++)
            {
                buckets.insert(round % TREES, node, 1_000_000_000L + node % 7);
            }
            assertEquals(NODES, buckets.collectAbove(round % TREES, Long.MIN_VALUE, out, 0));
            for (int start = 0; start < 3; start++)
            {
                for (int node = start; node < NODES; node += 3)
                {
                    buckets.remove(node);
                }
            }
            assertEquals(0, buckets.collectAbove(round % TREES, Long.MIN_VALUE, out, 0));
            // Sparse: every node in a bucket of its own (a partial head chunk each), spread over the trees.
            for (int node = 0; node < NODES; node++)
            {
                buckets.insert(node % TREES, node, keyInBucket(FIRST_WHOLE_BUCKET + node / TREES));
            }
            int held = 0;
            for (int tree = 0; tree < TREES; tree++)
            {
                held += buckets.collectAbove(tree, Long.MIN_VALUE, out, 0);
                final long belowLastKey = keyInBucket(FIRST_WHOLE_BUCKET + (NODES - 1) / TREES) - 1;
                assertEquals(1, buckets.collectAbove(tree, belowLastKey, out, 0), "tree " + tree);
            }
            assertEquals(NODES, held);
            for (int node = NODES - 1; node >= 0; node--)
            {
                buckets.remove(node);
            }
            for (int tree = 0; tree < TREES; tree++)
            {
                assertEquals(0, buckets.collectAbove(tree, Long.MIN_VALUE, out, 0));
            }
        }
    }

    /**
     * The smallest key of bucket {@code bucket = 1 + 64 e + m} for {@code e >= 6} (below, keys are too few to reach
     * every bucket): {@code (64 + m) 2^(e - 6)}.
     */
    private static long keyInBucket(final int bucket)
    {
        final int exponent = (bucket - 1) / 64;
        final int mantissa = (bucket - 1) % 64;
        final long key = (64L + mantissa) << (exponent - 6);
        assertEquals(bucket, TriggerBuckets.bucketOf(key), "key " + key);
        return key;
    }

    /** The key moved by up to about 1/4096 of itself either way (a bucket spans about 1/64), without overflow. */
    private static long nearKey(final SplittableRandom random, final long key)
    {
        final long spread = Math.max(1, Math.abs(key / 4096));
        final long move = random.nextLong(-spread, spread + 1);
        final long moved = key + move;
        return ((key ^ moved) & (move ^ moved)) < 0 ? key : moved;
    }

    private static long randomKey(final SplittableRandom random)
    {
        return switch (random.nextInt(6))
        {
            case 0 -> TriggerPrice.ALWAYS_LONG;
            case 1 -> TriggerPrice.ALWAYS_SHORT;
            case 2 -> random.nextLong(-5, 200);
            case 3 -> 10_000_000_000L + random.nextLong(1_000);
            default -> random.nextLong(1L << 58);
        };
    }
}

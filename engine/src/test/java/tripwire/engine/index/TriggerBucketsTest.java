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

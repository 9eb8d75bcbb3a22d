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
        }
        buckets.clear();
        assertEquals(0, buckets.collectAbove(0, Long.MIN_VALUE, out, 0));
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

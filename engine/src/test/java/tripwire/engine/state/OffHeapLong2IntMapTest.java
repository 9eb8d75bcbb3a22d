package tripwire.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link OffHeapLong2IntMap} against a {@link HashMap} model: random keys of every kind (0, negative, the
 * extremes, small and sequential ones, any long), replaced values, filled to its capacity, then cleared and
 * filled again. Small capacities make probes collide and wrap around the table's end.
 */
class OffHeapLong2IntMapTest
{
    private static final int MISSING = -1;
    private static final int[] CAPACITIES = {1, 2, 3, 7, 8, 9, 100, 1_000, 4_096, 20_000};

    @Test
    void shouldAgreeWithAHashMapUntilFull()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            for (final int capacity : CAPACITIES)
            {
                final SplittableRandom random = new SplittableRandom(seed * 1_000_003L + capacity);
                final OffHeapLong2IntMap map = new OffHeapLong2IntMap(capacity, MISSING);
                final String context = "seed " + seed + ", capacity " + capacity;
                fillAndCompare(map, new HashMap<>(), random, context);
                map.clear();
                assertEquals(0, map.size(), context);
                fillAndCompare(map, new HashMap<>(), random, context + ", after clear");
            }
        }
    }

    @Test
    void shouldAcceptEveryLongAsAKey()
    {
        final long[] keys = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 1L << 53};
        final OffHeapLong2IntMap map = new OffHeapLong2IntMap(keys.length, MISSING);
        for (int i = 0; i < keys.length; i++)
        {
            assertEquals(MISSING, map.get(keys[i]), "before put " + keys[i]);
            map.put(keys[i], i);
        }
        for (int i = 0; i < keys.length; i++)
        {
            assertEquals(i, map.get(keys[i]), "key " + keys[i]);
        }
        assertEquals(keys.length, map.size());
    }

    @Test
    void shouldHoldSequentialAccountIdsAtFullCapacity()
    {
        final int capacity = 65_536;
        final OffHeapLong2IntMap map = new OffHeapLong2IntMap(capacity, MISSING);
        for (int i = 0; i < capacity; i++)
        {
            map.put(1 + i, i);
        }
        for (int i = 0; i < capacity; i++)
        {
            assertEquals(i, map.get(1 + i));
        }
        assertEquals(MISSING, map.get(0));
        assertEquals(MISSING, map.get(capacity + 1));
        assertThrows(IllegalStateException.class, () -> map.put(capacity + 1, capacity));
    }

    private static void fillAndCompare(
        final OffHeapLong2IntMap map, final Map<Long, Integer> model, final SplittableRandom random, final String context)
    {
        final List<Long> keys = new ArrayList<>();
        final int capacity = map.maxEntries();
        while (model.size() < capacity)
        {
            final boolean replace = !keys.isEmpty() && random.nextInt(5) == 0;
            final long key = replace ? keys.get(random.nextInt(keys.size())) : randomKey(random);
            final int value = random.nextInt(Integer.MAX_VALUE);
            if (model.put(key, value) == null)
            {
                keys.add(key);
            }
            map.put(key, value);
            assertEquals(value, map.get(key), context + ", key " + key);
            final long known = keys.get(random.nextInt(keys.size()));
            assertEquals((int)model.get(known), map.get(known), context + ", key " + known);
            final long other = randomKey(random);
            assertEquals((int)model.getOrDefault(other, MISSING), map.get(other), context + ", key " + other);
            assertEquals(model.size(), map.size(), context);
        }
        for (final Map.Entry<Long, Integer> entry : model.entrySet())
        {
            assertEquals((int)entry.getValue(), map.get(entry.getKey()), context + ", key " + entry.getKey());
        }
        long absent = randomKey(random);
        while (model.containsKey(absent))
        {
            absent = randomKey(random);
        }
        final long newKey = absent;
        assertThrows(IllegalStateException.class, () -> map.put(newKey, 1), context);
        assertEquals(MISSING, map.get(newKey), context);
        assertEquals(capacity, map.size(), context);
        // Replacing the value of a key already in a full map is allowed.
        final long known = keys.get(0);
        map.put(known, 42);
        assertEquals(42, map.get(known), context);
        model.put(known, 42);
    }

    private static long randomKey(final SplittableRandom random)
    {
        return switch (random.nextInt(7))
        {
            case 0 -> random.nextLong(-3, 4);
            case 1 -> random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
            case 2 -> random.nextLong(1, 100_000);
            case 3 -> -random.nextLong(1, 1L << 53);
            case 4 -> random.nextLong(1, (1L << 53) + 1);
            case 5 -> random.nextLong(1, 64) << random.nextInt(58);
            default -> random.nextLong();
        };
    }
}

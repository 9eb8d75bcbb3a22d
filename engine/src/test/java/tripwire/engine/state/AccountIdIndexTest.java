package tripwire.engine.state;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link AccountIdIndex} against a {@link HashMap} model: ids on both sides of the direct table's bound (0, the bound
 * and its neighbours, negative ids, the extremes, any long), indexes replaced, then cleared and filled again.
 */
class AccountIdIndexTest
{
    private static final int MISSING = -1;

    @Test
    void shouldAgreeWithAHashMapOnBothSidesOfTheDirectTablesBound()
    {
        for (final int directIds : new int[] {0, 1, 2, 63, 64, 1_000})
        {
            for (int seed = 1; seed <= 10; seed++)
            {
                final SplittableRandom random = new SplittableRandom(seed * 31L + directIds);
                final int maxEntries = 200;
                final AccountIdIndex index = new AccountIdIndex(maxEntries, directIds, MISSING);
                final String context = "directIds " + directIds + ", seed " + seed;
                fillAndCompare(index, directIds, maxEntries, random, context);
                index.clear();
                fillAndCompare(index, directIds, maxEntries, random, context + ", after clear");
            }
        }
    }

    @Test
    void shouldTellIdZeroAndIndexZeroFromNoAccount()
    {
        final AccountIdIndex index = new AccountIdIndex(4, 8, MISSING);
        assertEquals(MISSING, index.get(0));
        index.put(0, 0);
        assertEquals(0, index.get(0));
        assertEquals(MISSING, index.get(1));
        index.put(8, 0);
        assertEquals(0, index.get(8), "the first id beyond the direct table, in the map");
        assertEquals(MISSING, index.get(7));
        assertEquals(MISSING, index.get(-1));
        assertEquals(MISSING, index.get(Long.MIN_VALUE), "negative: never the direct table, whatever its low bits");
    }

    private static void fillAndCompare(
        final AccountIdIndex index, final int directIds, final int maxEntries, final SplittableRandom random,
        final String context)
    {
        final Map<Long, Integer> model = new HashMap<>();
        int beyondDirect = 0;
        while (beyondDirect < maxEntries)
        {
            final long id = randomId(random, directIds);
            final int accountIndex = random.nextInt(Integer.MAX_VALUE - 1);
            if (model.put(id, accountIndex) == null && (id < 0 || id >= directIds))
            {
                beyondDirect++;
            }
            index.put(id, accountIndex);
            assertEquals(accountIndex, index.get(id), context + ", id " + id);
            final long other = randomId(random, directIds);
            assertEquals((int)model.getOrDefault(other, MISSING), index.get(other), context + ", id " + other);
        }
        for (final Map.Entry<Long, Integer> entry : model.entrySet())
        {
            assertEquals((int)entry.getValue(), index.get(entry.getKey()), context + ", id " + entry.getKey());
        }
    }

    private static long randomId(final SplittableRandom random, final int directIds)
    {
        return switch (random.nextInt(5))
        {
            case 0 -> directIds + random.nextLong(-2, 3);
            case 1 -> random.nextLong(-2, directIds + 3L);
            case 2 -> random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
            case 3 -> ((long)random.nextInt(1 << 20) << 32) | random.nextInt(Math.max(1, directIds));
            default -> random.nextLong();
        };
    }
}

package tripwire.engine.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The order index answers exactly as a map would, for ids numbered 1, 2, 3, ... as the engine numbers its orders,
 * with most orders filled soon and some left outstanding for long (so that new ids wrap around onto their slots
 * and overflow), and it lists exactly the outstanding orders, each once.
 */
class OrderIndexTest
{
    @Test
    void answersAsAMapForSequentialIdsWithLongLivedOrdersThatOverflow()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (int run = 0; run < 6; run++)
        {
            final OrderIndex index = new OrderIndex(1 + random.nextInt(40));
            final Map<Long, Long> model = new HashMap<>();
            final List<Long> outstanding = new ArrayList<>();
            long nextId = 1;
            for (int step = 0; step < 60_000; step++)
            {
                final int action = random.nextInt(10);
                if (action < 4 || outstanding.isEmpty())
                {
                    final long ref = random.nextLong();
                    index.put(nextId, ref);
                    model.put(nextId, ref);
                    outstanding.add(nextId);
                    nextId++;
                }
                else if (action < 8)
                {
                    // Mostly the recent orders are filled; now and then an old one.
                    final int at = random.nextInt(10) == 0 ?
                        random.nextInt(outstanding.size()) : outstanding.size() - 1 - random.nextInt(Math.min(8, outstanding.size()));
                    final long id = outstanding.remove(at);
                    index.remove(id);
                    model.remove(id);
                }
                else
                {
                    final long id = random.nextInt(5) == 0 ? random.nextLong(-3, 1) : random.nextLong(1, nextId + 5);
                    assertEquals(model.getOrDefault(id, OrderIndex.MISSING), index.get(id), "get " + id);
                    // Removing an id that is not outstanding (never issued, or not an id) changes nothing.
                    index.remove(random.nextInt(3) == 0 ? -1 - Math.abs(id) : nextId + 7);
                }
                assertEquals(model.size(), index.size());
            }
            for (final Map.Entry<Long, Long> entry : model.entrySet())
            {
                assertEquals(entry.getValue(), index.get(entry.getKey()));
            }
            final Map<Long, Long> listed = new HashMap<>();
            final long[] pairs = index.toPairs();
            for (int i = 0; i < pairs.length; i += 2)
            {
                assertEquals(null, listed.put(pairs[i], pairs[i + 1]), "listed twice");
            }
            assertEquals(model, listed);
        }
    }

    @Test
    void clearForgetsEveryOrder()
    {
        final OrderIndex index = new OrderIndex(8);
        for (long id = 1; id <= 100; id++)
        {
            index.put(id, id * 10);
        }
        index.clear();
        assertEquals(0, index.size());
        for (long id = 1; id <= 100; id++)
        {
            assertEquals(OrderIndex.MISSING, index.get(id));
        }
        index.put(3, 30);
        assertEquals(30, index.get(3));
    }
}

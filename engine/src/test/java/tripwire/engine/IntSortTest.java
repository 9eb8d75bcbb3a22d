package tripwire.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@link IntSort} against {@link Arrays#sort}: the prefix comes out ascending, the entries after it untouched. */
class IntSortTest
{
    @Test
    void shouldSortThePrefixAscendingAndLeaveTheRest()
    {
        final SplittableRandom random = new SplittableRandom(20_261_126L);
        final int capacity = 300;
        final UnsafeBuffer values = new UnsafeBuffer(new byte[capacity * Integer.BYTES]);
        for (int run = 0; run < 2_000; run++)
        {
            final int length = random.nextInt(capacity);
            final int bound = random.nextBoolean() ? 8 : Integer.MAX_VALUE;
            final int[] expected = new int[capacity];
            for (int i = 0; i < capacity; i++)
            {
                expected[i] = random.nextInt(bound) - (bound == 8 ? 4 : random.nextInt(Integer.MAX_VALUE));
                values.putInt(i * Integer.BYTES, expected[i]);
            }
            Arrays.sort(expected, 0, length);
            IntSort.sort(values, length);
            final int[] actual = new int[capacity];
            for (int i = 0; i < capacity; i++)
            {
                actual[i] = values.getInt(i * Integer.BYTES);
            }
            assertArrayEquals(expected, actual, "run " + run + ", length " + length);
        }
    }
}

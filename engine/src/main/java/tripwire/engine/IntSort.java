package tripwire.engine;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * In-place ascending heapsort of a prefix of ints held in a buffer (entry i at {@code 4 i}): O(n log n) worst
 * case and allocation-free (unlike {@code Arrays.sort}, which may allocate a merge buffer for some inputs).
 */
final class IntSort
{
    private IntSort()
    {
    }

    static void sort(final UnsafeBuffer values, final int length)
    {
        for (int i = length / 2 - 1; i >= 0; i--)
        {
            siftDown(values, i, length);
        }
        for (int end = length - 1; end > 0; end--)
        {
            final int top = get(values, 0);
            put(values, 0, get(values, end));
            put(values, end, top);
            siftDown(values, 0, end);
        }
    }

    private static void siftDown(final UnsafeBuffer values, final int start, final int length)
    {
        int parent = start;
        final int value = get(values, parent);
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= length)
            {
                break;
            }
            if (child + 1 < length && get(values, child + 1) > get(values, child))
            {
                child++;
            }
            final int childValue = get(values, child);
            if (childValue <= value)
            {
                break;
            }
            put(values, parent, childValue);
            parent = child;
        }
        put(values, parent, value);
    }

    private static int get(final UnsafeBuffer values, final int i)
    {
        return values.getInt(i << 2);
    }

    private static void put(final UnsafeBuffer values, final int i, final int value)
    {
        values.putInt(i << 2, value);
    }
}

package tripwire.engine;

/**
 * In-place ascending heapsort of an int array prefix: O(n log n) worst case and allocation-free (unlike
 * {@code Arrays.sort}, which may allocate a merge buffer for some inputs).
 */
final class IntSort
{
    private IntSort()
    {
    }

    static void sort(final int[] values, final int length)
    {
        for (int i = length / 2 - 1; i >= 0; i--)
        {
            siftDown(values, i, length);
        }
        for (int end = length - 1; end > 0; end--)
        {
            final int top = values[0];
            values[0] = values[end];
            values[end] = top;
            siftDown(values, 0, end);
        }
    }

    private static void siftDown(final int[] values, final int start, final int length)
    {
        int parent = start;
        final int value = values[parent];
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= length)
            {
                break;
            }
            if (child + 1 < length && values[child + 1] > values[child])
            {
                child++;
            }
            if (values[child] <= value)
            {
                break;
            }
            values[parent] = values[child];
            parent = child;
        }
        values[parent] = value;
    }
}

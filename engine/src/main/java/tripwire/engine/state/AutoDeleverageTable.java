package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Which markets auto-deleverage (market field {@code autoDeleverage}, docs/risk-model.md section 7), by dense
 * market id, one 8-byte off-heap record each, allocated once for {@code maxMarkets}.
 * <pre>
 *   0                          4                          8
 *   | autoDeleverage (0 or 1)  |        (unused)          |
 * </pre>
 * 0 for a market never defined, or defined without the field: such a market behaves as v1.
 *
 * <p>Owned by the business-logic thread.
 */
public final class AutoDeleverageTable
{
    public static final int RECORD_LENGTH = 8;

    private final int capacity;
    private final UnsafeBuffer buffer;

    public AutoDeleverageTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isOn(final int marketId)
    {
        return buffer.getInt(marketId * RECORD_LENGTH) != 0;
    }

    public void autoDeleverage(final int marketId, final boolean on)
    {
        buffer.putInt(marketId * RECORD_LENGTH, on ? 1 : 0);
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }
}

package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.EngineConfig;

/**
 * Markets (linear perpetuals on the quote asset) by dense id, one 128-byte off-heap record each.
 * <pre>
 *   0         4           8                   16                  24                  32
 *   +---------+-----------+-------------------+-------------------+-------------------+
 *   | defined | sources n | initialRateE8     | maintenanceRateE8 |   markPriceE8     |
 *   +---------+-----------+-------------------+-------------------+-------------------+
 *   32                  40                                      56                  64
 *   | maxAbsSizeE8      |   name (16 ASCII, NUL padded)         |   markTimeNs      |
 *   +-------------------+---------------------------------------+-------------------+
 *   64                                                                              96
 *   |   sourceIds: 8 x int32 (the first n are the market's oracle sources)          |
 *   +-------------------------------------------------------------------------------+
 * </pre>
 * {@code markPriceE8} is 0 until the first accepted tick. An empty source list accepts any source.
 * {@code maxAbsSizeE8} is the range rule's high-water mark of any account's |position|.
 *
 * <p>Owned by the business-logic thread.
 */
public final class MarketTable
{
    static final int DEFINED_OFFSET = 0;
    static final int SOURCE_COUNT_OFFSET = 4;
    static final int INITIAL_RATE_OFFSET = 8;
    static final int MAINTENANCE_RATE_OFFSET = 16;
    static final int MARK_PRICE_OFFSET = 24;
    static final int MAX_ABS_SIZE_OFFSET = 32;
    static final int NAME_OFFSET = 40;
    static final int MARK_TIME_OFFSET = 56;
    static final int SOURCES_OFFSET = 64;
    public static final int NAME_LENGTH = 16;
    public static final int RECORD_LENGTH = 128;

    private final UnsafeBuffer buffer;
    private final int capacity;

    public MarketTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isDefined(final int marketId)
    {
        return marketId >= 0 && marketId < capacity && buffer.getInt(offset(marketId) + DEFINED_OFFSET) != 0;
    }

    public void define(
        final int marketId, final long initialRateE8, final long maintenanceRateE8, final byte[] name, final int nameLength)
    {
        final int offset = offset(marketId);
        buffer.putInt(offset + DEFINED_OFFSET, 1);
        buffer.putLong(offset + INITIAL_RATE_OFFSET, initialRateE8);
        buffer.putLong(offset + MAINTENANCE_RATE_OFFSET, maintenanceRateE8);
        buffer.setMemory(offset + NAME_OFFSET, NAME_LENGTH, (byte)0);
        buffer.putBytes(offset + NAME_OFFSET, name, 0, Math.min(nameLength, NAME_LENGTH));
        buffer.putInt(offset + SOURCE_COUNT_OFFSET, 0);
    }

    public void addSource(final int marketId, final int sourceId)
    {
        final int offset = offset(marketId);
        final int count = buffer.getInt(offset + SOURCE_COUNT_OFFSET);
        if (count >= EngineConfig.MAX_SOURCES_PER_MARKET)
        {
            throw new IllegalStateException("source list full for market " + marketId);
        }
        buffer.putInt(offset + SOURCES_OFFSET + count * Integer.BYTES, sourceId);
        buffer.putInt(offset + SOURCE_COUNT_OFFSET, count + 1);
    }

    /** True when the market lists no sources (any source) or lists this one. */
    public boolean isAuthorisedSource(final int marketId, final int sourceId)
    {
        final int offset = offset(marketId);
        final int count = buffer.getInt(offset + SOURCE_COUNT_OFFSET);
        if (count == 0)
        {
            return true;
        }
        for (int i = 0; i < count; i++)
        {
            if (buffer.getInt(offset + SOURCES_OFFSET + i * Integer.BYTES) == sourceId)
            {
                return true;
            }
        }
        return false;
    }

    public long initialRateE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + INITIAL_RATE_OFFSET);
    }

    public long maintenanceRateE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + MAINTENANCE_RATE_OFFSET);
    }

    /** Mark price in quote E8, 0 while unknown. */
    public long markPriceE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + MARK_PRICE_OFFSET);
    }

    public void markPrice(final int marketId, final long priceE8, final long timeNs)
    {
        final int offset = offset(marketId);
        buffer.putLong(offset + MARK_PRICE_OFFSET, priceE8);
        buffer.putLong(offset + MARK_TIME_OFFSET, timeNs);
    }

    public long maxAbsSizeE8(final int marketId)
    {
        return buffer.getLong(offset(marketId) + MAX_ABS_SIZE_OFFSET);
    }

    public void raiseMaxAbsSize(final int marketId, final long absSizeE8)
    {
        final int offset = offset(marketId) + MAX_ABS_SIZE_OFFSET;
        if (absSizeE8 > buffer.getLong(offset))
        {
            buffer.putLong(offset, absSizeE8);
        }
    }

    /** The name as written in its definition; allocates: off the hot path only. */
    public String name(final int marketId)
    {
        return NameCodec.read(buffer, offset(marketId) + NAME_OFFSET, NAME_LENGTH);
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private static int offset(final int marketId)
    {
        return marketId * RECORD_LENGTH;
    }
}

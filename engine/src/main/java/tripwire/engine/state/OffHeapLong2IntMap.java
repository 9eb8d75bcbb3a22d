package tripwire.engine.state;

import org.agrona.collections.Hashing;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A map from any {@code long} key to an {@code int} value, held off-heap and sized once for at most
 * {@code maxEntries} keys: {@link AccountStore}'s account id to account index. Open addressing with linear
 * probing over a power-of-two table of at least {@code 2 x maxEntries} slots (load at most 1/2, so a probe
 * always ends at an empty slot); no removal (accounts are never closed), only {@link #clear()}. Written by hand
 * because Agrona's primitive maps are all on-heap arrays, and this one is sized by account capacity.
 * <pre>
 *   slot s, at s x 16
 *   0         8         12         16
 *   |   key   |  value  | occupied |
 * </pre>
 * {@code occupied} is 1 for a slot in use and 0 for an empty one, so every {@code long} is a legal key (0, negative,
 * {@code Long.MIN_VALUE} included). A slot is 16 bytes, so it never straddles a cache line.
 *
 * <p>Owned by the business-logic thread. Allocates nothing after construction; {@link #put} throws only when a
 * new key would exceed {@code maxEntries} (a caller's bug: {@link AccountStore} checks it is not full first).
 */
public final class OffHeapLong2IntMap
{
    static final int SLOT_LENGTH = 16;
    private static final int SLOT_SHIFT = 4;
    private static final int KEY_OFFSET = 0;
    private static final int VALUE_OFFSET = 8;
    private static final int OCCUPIED_OFFSET = 12;
    private static final int MIN_SLOTS = 16;

    private final int maxEntries;
    private final int missingValue;
    private final int mask;
    private final UnsafeBuffer buffer;
    private int size;

    /**
     * @param maxEntries   how many keys the map holds at most, >= 1.
     * @param missingValue what {@link #get} answers for a key that is not in the map.
     */
    public OffHeapLong2IntMap(final int maxEntries, final int missingValue)
    {
        if (maxEntries < 1 || maxEntries > (1 << 29))
        {
            throw new IllegalArgumentException("maxEntries must be in [1, 2^29]: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.missingValue = missingValue;
        final int slots = Math.max(MIN_SLOTS, Integer.highestOneBit(2 * maxEntries - 1) << 1);
        this.mask = slots - 1;
        this.buffer = OffHeap.allocate((long)slots * SLOT_LENGTH);
    }

    /** @return the key's value, or the missing value when the key is not in the map. */
    public int get(final long key)
    {
        int slot = Hashing.hash(key, mask);
        while (true)
        {
            final int offset = slot << SLOT_SHIFT;
            if (buffer.getInt(offset + OCCUPIED_OFFSET) == 0)
            {
                return missingValue;
            }
            if (buffer.getLong(offset + KEY_OFFSET) == key)
            {
                return buffer.getInt(offset + VALUE_OFFSET);
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Maps the key to the value, replacing any value it had. */
    public void put(final long key, final int value)
    {
        int slot = Hashing.hash(key, mask);
        while (true)
        {
            final int offset = slot << SLOT_SHIFT;
            if (buffer.getInt(offset + OCCUPIED_OFFSET) == 0)
            {
                if (size == maxEntries)
                {
                    throw new IllegalStateException("map full: " + maxEntries + " keys");
                }
                buffer.putLong(offset + KEY_OFFSET, key);
                buffer.putInt(offset + VALUE_OFFSET, value);
                buffer.putInt(offset + OCCUPIED_OFFSET, 1);
                size++;
                return;
            }
            if (buffer.getLong(offset + KEY_OFFSET) == key)
            {
                buffer.putInt(offset + VALUE_OFFSET, value);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Keys in the map. */
    public int size()
    {
        return size;
    }

    /** The most keys the map holds. */
    public int maxEntries()
    {
        return maxEntries;
    }

    /** Removes every key: off the hot path (it writes the whole table). */
    public void clear()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        size = 0;
    }
}

package tripwire.engine.state;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Outstanding liquidation orders by id: {@code orderId -> orderRef} (the account index and market of the order's
 * position, as the liquidator packs them).
 * <pre>
 *   slot s, at s x 16 (off-heap, allocated once)
 *   0                   8                   16
 *   |      orderId      |     orderRef      |
 * </pre>
 * Direct-mapped: order {@code id} lives in slot {@code id & mask}. The engine numbers its orders 1, 2, 3, ..., so
 * consecutive orders take consecutive slots and the table is written like a ring, four orders to a cache line,
 * instead of at random places as a hashing map would. When a slot is still taken by an older order that is
 * outstanding (one order in {@code slots} ids ago), the new order goes to a small overflow map (Agrona's
 * {@code Long2LongHashMap}, on heap, presized; it grows, an allocation, only past its high-water mark).
 * {@code orderId} 0 marks an empty slot: ids start at 1, and a lookup of an id {@code <= 0} finds nothing.
 *
 * <p>Every operation is O(1). Owned by the business-logic thread; allocates nothing in steady state.
 */
public final class OrderIndex
{
    /** What {@link #get} returns for an id that is not outstanding. */
    public static final long MISSING = -1;

    private static final int SLOT_LENGTH = 16;
    private static final int ORDER_REF_OFFSET = 8;
    private static final long EMPTY = 0;
    private static final int MAX_SLOTS = 1 << 26;
    private static final int OVERFLOW_PRESIZE = 1024;

    private final UnsafeBuffer slots;
    private final int mask;
    private final Long2LongHashMap overflow = new Long2LongHashMap(OVERFLOW_PRESIZE, 0.65f, MISSING);
    private int size;

    /** @param expectedOrders orders outstanding at once that should all find their own slot. */
    public OrderIndex(final long expectedOrders)
    {
        final long wanted = Math.max(16, Math.min(MAX_SLOTS, expectedOrders));
        final int slotCount = (int)Long.highestOneBit(wanted - 1) << 1;
        slots = OffHeap.allocate((long)slotCount * SLOT_LENGTH);
        mask = slotCount - 1;
    }

    public int size()
    {
        return size;
    }

    /** The order's reference, or {@link #MISSING}. */
    public long get(final long orderId)
    {
        if (orderId <= 0)
        {
            return MISSING;
        }
        final int offset = slotOffset(orderId);
        if (slots.getLong(offset) == orderId)
        {
            return slots.getLong(offset + ORDER_REF_OFFSET);
        }
        return overflow.isEmpty() ? MISSING : overflow.get(orderId);
    }

    /** Adds an order; the caller has made sure the id ({@code > 0}) is not outstanding already. */
    public void put(final long orderId, final long orderRef)
    {
        final int offset = slotOffset(orderId);
        if (slots.getLong(offset) == EMPTY)
        {
            slots.putLong(offset, orderId);
            slots.putLong(offset + ORDER_REF_OFFSET, orderRef);
        }
        else
        {
            overflow.put(orderId, orderRef);
        }
        size++;
    }

    /** Removes the order if it is outstanding. */
    public void remove(final long orderId)
    {
        if (orderId <= 0)
        {
            return;
        }
        final int offset = slotOffset(orderId);
        if (slots.getLong(offset) == orderId)
        {
            slots.putLong(offset, EMPTY);
            slots.putLong(offset + ORDER_REF_OFFSET, 0);
            size--;
        }
        else if (!overflow.isEmpty() && overflow.remove(orderId) != MISSING)
        {
            size--;
        }
    }

    /** Forgets every order (before a snapshot is restored). */
    public void clear()
    {
        slots.setMemory(0, slots.capacity(), (byte)0);
        overflow.clear();
        size = 0;
    }

    /**
     * Every outstanding order as {@code [orderId, orderRef, orderId, orderRef, ...]}, slots first then the
     * overflow: for snapshots, off the hot path (it allocates the array).
     */
    public long[] toPairs()
    {
        final long[] pairs = new long[2 * size];
        int n = 0;
        for (int slot = 0; slot <= mask; slot++)
        {
            final long orderId = slots.getLong(slot * SLOT_LENGTH);
            if (orderId != EMPTY)
            {
                pairs[n++] = orderId;
                pairs[n++] = slots.getLong(slot * SLOT_LENGTH + ORDER_REF_OFFSET);
            }
        }
        final Long2LongHashMap.KeyIterator ids = overflow.keySet().iterator();
        while (ids.hasNext())
        {
            final long orderId = ids.nextValue();
            pairs[n++] = orderId;
            pairs[n++] = overflow.get(orderId);
        }
        return pairs;
    }

    private int slotOffset(final long orderId)
    {
        return ((int)orderId & mask) * SLOT_LENGTH;
    }
}

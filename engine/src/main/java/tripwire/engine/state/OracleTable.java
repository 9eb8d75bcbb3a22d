package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.EngineConfig;

/**
 * The oracle guard's state (docs/risk-model.md section 8) for one kind of instrument (markets, or
 * collateral assets), by dense instrument id, one 256-byte off-heap record each.
 * <pre>
 *   0         4           8                   16                  24                  32
 *   +---------+-----------+-------------------+-------------------+-------------------+
 *   | guarded | sources n | stalenessNs       | maxDeviationE8    | staleHaircutE8    |
 *   +---------+-----------+-------------------+-------------------+-------------------+
 *   32        36          40                  48                  56                  64
 *   | stale   | held src  | heldPriceE8       | heldTimeNs        |     (unused)      |
 *   +---------+-----------+-------------------+-------------------+-------------------+
 *   64 + 24 x i, i in [0, 8): source slot i
 *   | sourceId| (unused)  | priceE8           | timeNs            |
 *   +---------+-----------+-------------------+-------------------+
 * </pre>
 * {@code sources n} source slots are listed, in definition order; a slot's {@code priceE8} is 0 until that
 * source's first applied tick. {@code heldPriceE8} is 0 when no tick is held. {@code stale} is the committed
 * flag of the last reported transition (1 after {@code STALE}, 0 after {@code FRESH} or at first).
 * {@code stalenessNs} 0 means staleness off; {@code maxDeviationE8} 0 means no deviation hold. An
 * unguarded instrument's record holds only its source list (an asset's authorisation list).
 *
 * <p>Owned by the business-logic thread. Allocates nothing after construction.
 */
public final class OracleTable
{
    public static final int MAX_SOURCES = EngineConfig.MAX_SOURCES_PER_MARKET;
    public static final int NO_SLOT = -1;
    public static final int NO_SOURCE = -1;
    static final int GUARDED_OFFSET = 0;
    static final int SOURCE_COUNT_OFFSET = 4;
    static final int STALENESS_OFFSET = 8;
    static final int MAX_DEVIATION_OFFSET = 16;
    static final int STALE_HAIRCUT_OFFSET = 24;
    static final int STALE_OFFSET = 32;
    static final int HELD_SOURCE_OFFSET = 36;
    static final int HELD_PRICE_OFFSET = 40;
    static final int HELD_TIME_OFFSET = 48;
    static final int SOURCES_OFFSET = 64;
    static final int SOURCE_SLOT_LENGTH = 24;
    static final int SLOT_PRICE_OFFSET = 8;
    static final int SLOT_TIME_OFFSET = 16;
    public static final int RECORD_LENGTH = 256;

    private final UnsafeBuffer buffer;
    private final int capacity;
    private final long[] scratchPriceE8 = new long[MAX_SOURCES];
    private final long[] scratchTimeNs = new long[MAX_SOURCES];
    private final int[] scratchSourceIds = new int[MAX_SOURCES];
    private int watchedCount;
    /** See {@link #generation()}. */
    private long generation;

    public OracleTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    /**
     * Replaces the instrument's guard settings and source list. A source listed before keeps its last price
     * and time; a newly listed one starts without a price. A held tick is dropped. The stale flag is kept:
     * the caller reports the transition the new settings cause.
     */
    /**
     * How many times an instrument's guard settings (staleness limit, stale haircut, sources) have been written:
     * equal counts mean the liquidation index's valuations still hold. Prices and stale flags are not counted.
     * Not state: not hashed, not in snapshots.
     */
    public long generation()
    {
        return generation;
    }

    public void define(
        final int id,
        final boolean guarded,
        final long stalenessNs,
        final long maxDeviationE8,
        final long staleHaircutE8,
        final int[] sourceIds,
        final int sourceCount)
    {
        generation++;
        final int offset = offset(id);
        final boolean watchedBefore = isWatched(id);
        for (int i = 0; i < sourceCount; i++)
        {
            final int oldSlot = slotOf(id, sourceIds[i]);
            scratchSourceIds[i] = sourceIds[i];
            scratchPriceE8[i] = oldSlot == NO_SLOT ? 0 : slotPriceE8(id, oldSlot);
            scratchTimeNs[i] = oldSlot == NO_SLOT ? 0 : slotTimeNs(id, oldSlot);
        }
        buffer.setMemory(offset + SOURCES_OFFSET, MAX_SOURCES * SOURCE_SLOT_LENGTH, (byte)0);
        for (int i = 0; i < sourceCount; i++)
        {
            final int slotOffset = slotOffset(id, i);
            buffer.putInt(slotOffset, scratchSourceIds[i]);
            buffer.putLong(slotOffset + SLOT_PRICE_OFFSET, scratchPriceE8[i]);
            buffer.putLong(slotOffset + SLOT_TIME_OFFSET, scratchTimeNs[i]);
        }
        buffer.putInt(offset + GUARDED_OFFSET, guarded ? 1 : 0);
        buffer.putInt(offset + SOURCE_COUNT_OFFSET, sourceCount);
        buffer.putLong(offset + STALENESS_OFFSET, stalenessNs);
        buffer.putLong(offset + MAX_DEVIATION_OFFSET, maxDeviationE8);
        buffer.putLong(offset + STALE_HAIRCUT_OFFSET, staleHaircutE8);
        clearHeld(id);
        updateWatched(watchedBefore, id);
    }

    /**
     * How many instruments can have a staleness transition: those with the guard's staleness on, or flagged
     * stale. While it is 0, no transition is possible and the table need not be visited.
     */
    public int watchedCount()
    {
        return watchedCount;
    }

    public boolean isGuarded(final int id)
    {
        return buffer.getInt(offset(id) + GUARDED_OFFSET) != 0;
    }

    public int sourceCount(final int id)
    {
        return buffer.getInt(offset(id) + SOURCE_COUNT_OFFSET);
    }

    public long stalenessNs(final int id)
    {
        return buffer.getLong(offset(id) + STALENESS_OFFSET);
    }

    public long maxDeviationE8(final int id)
    {
        return buffer.getLong(offset(id) + MAX_DEVIATION_OFFSET);
    }

    public long staleHaircutE8(final int id)
    {
        return buffer.getLong(offset(id) + STALE_HAIRCUT_OFFSET);
    }

    /** The source's slot in the instrument's list, or {@link #NO_SLOT}. */
    public int slotOf(final int id, final int sourceId)
    {
        final int count = sourceCount(id);
        for (int i = 0; i < count; i++)
        {
            if (buffer.getInt(slotOffset(id, i)) == sourceId)
            {
                return i;
            }
        }
        return NO_SLOT;
    }

    public int slotSourceId(final int id, final int slot)
    {
        return buffer.getInt(slotOffset(id, slot));
    }

    /** The source's last applied price in quote E8, 0 before its first. */
    public long slotPriceE8(final int id, final int slot)
    {
        return buffer.getLong(slotOffset(id, slot) + SLOT_PRICE_OFFSET);
    }

    public long slotTimeNs(final int id, final int slot)
    {
        return buffer.getLong(slotOffset(id, slot) + SLOT_TIME_OFFSET);
    }

    public void slotPrice(final int id, final int slot, final long priceE8, final long timeNs)
    {
        final int slotOffset = slotOffset(id, slot);
        buffer.putLong(slotOffset + SLOT_PRICE_OFFSET, priceE8);
        buffer.putLong(slotOffset + SLOT_TIME_OFFSET, timeNs);
    }

    public boolean isStaleFlag(final int id)
    {
        return buffer.getInt(offset(id) + STALE_OFFSET) != 0;
    }

    public void staleFlag(final int id, final boolean stale)
    {
        final boolean watchedBefore = isWatched(id);
        buffer.putInt(offset(id) + STALE_OFFSET, stale ? 1 : 0);
        updateWatched(watchedBefore, id);
    }

    /** The held tick's price in quote E8, 0 when no tick is held. */
    public long heldPriceE8(final int id)
    {
        return buffer.getLong(offset(id) + HELD_PRICE_OFFSET);
    }

    public int heldSourceId(final int id)
    {
        return buffer.getInt(offset(id) + HELD_SOURCE_OFFSET);
    }

    public long heldTimeNs(final int id)
    {
        return buffer.getLong(offset(id) + HELD_TIME_OFFSET);
    }

    public void held(final int id, final int sourceId, final long priceE8, final long timeNs)
    {
        final int offset = offset(id);
        buffer.putInt(offset + HELD_SOURCE_OFFSET, sourceId);
        buffer.putLong(offset + HELD_PRICE_OFFSET, priceE8);
        buffer.putLong(offset + HELD_TIME_OFFSET, timeNs);
    }

    public void clearHeld(final int id)
    {
        held(id, NO_SOURCE, 0, 0);
    }

    /**
     * True when a source with this price and time is fresh at event time {@code nowNs}: it has a price, and
     * staleness is off or {@code nowNs - timeNs <= stalenessNs} (a time after {@code nowNs} is fresh; the
     * difference is taken without overflow).
     */
    public static boolean isFresh(final long priceE8, final long timeNs, final long stalenessNs, final long nowNs)
    {
        return priceE8 != 0 && (stalenessNs == 0 || timeNs >= nowNs || Long.compareUnsigned(nowNs - timeNs, stalenessNs) <= 0);
    }

    /**
     * True when the guard has staleness on for this instrument and none of its sources is fresh at
     * {@code nowNs}. Whether the instrument has a price at all is the caller's to check. Pure.
     */
    public boolean isStaleAt(final int id, final long nowNs)
    {
        final int offset = offset(id);
        final long stalenessNs = buffer.getLong(offset + STALENESS_OFFSET);
        if (buffer.getInt(offset + GUARDED_OFFSET) == 0 || stalenessNs == 0)
        {
            return false;
        }
        final int count = buffer.getInt(offset + SOURCE_COUNT_OFFSET);
        for (int i = 0; i < count; i++)
        {
            final int slotOffset = slotOffset(id, i);
            if (isFresh(
                buffer.getLong(slotOffset + SLOT_PRICE_OFFSET), buffer.getLong(slotOffset + SLOT_TIME_OFFSET), stalenessNs, nowNs))
            {
                return false;
            }
        }
        return true;
    }

    private boolean isWatched(final int id)
    {
        return (isGuarded(id) && stalenessNs(id) > 0) || isStaleFlag(id);
    }

    private void updateWatched(final boolean watchedBefore, final int id)
    {
        final boolean watched = isWatched(id);
        if (watched != watchedBefore)
        {
            watchedCount += watched ? 1 : -1;
        }
    }

    /** Recounts the watched entries from the records, after a snapshot was copied into {@link #buffer()}. */
    public void recountWatched()
    {
        int watched = 0;
        for (int id = 0; id < capacity(); id++)
        {
            if (isWatched(id))
            {
                watched++;
            }
        }
        watchedCount = watched;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private static int offset(final int id)
    {
        return id * RECORD_LENGTH;
    }

    private static int slotOffset(final int id, final int slot)
    {
        return id * RECORD_LENGTH + SOURCES_OFFSET + slot * SOURCE_SLOT_LENGTH;
    }
}

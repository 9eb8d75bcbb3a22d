package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@link AccountStore}'s account id to account index: a direct table for ids in {@code [0, directIds)} and an
 * {@link OffHeapLong2IntMap} for every other id. Venues mostly number accounts densely from 0 or 1, and then a
 * lookup reads one int of a table of {@code 4 x directIds} bytes instead of a slot of a hashed table four times
 * that size: fewer cache lines, so the line an input needs is more often still cached. Ids of any other kind
 * (negative, sparse, {@code Long.MIN_VALUE}) cost what they did.
 * <pre>
 *   direct table: id i (0 <= i < directIds) at 4 i: the index + 1, or 0 when id i has no account
 * </pre>
 * Storing index + 1 lets the zeroed memory of {@link OffHeap#allocate} read as "no account", so no fill is needed.
 *
 * <p>Owned by the business-logic thread. Allocates nothing after construction; no removal, only {@link #clear()}.
 */
public final class AccountIdIndex
{
    private final int missingValue;
    private final long directIds;
    private final UnsafeBuffer direct;
    private final OffHeapLong2IntMap others;

    /**
     * @param maxEntries   how many ids the index holds at most, >= 1.
     * @param directIds    ids below this (and not negative) go to the direct table; 0 for none.
     * @param missingValue what {@link #get} answers for an id that is not in the index.
     */
    public AccountIdIndex(final int maxEntries, final int directIds, final int missingValue)
    {
        if (directIds < 0 || directIds > (1 << 29))
        {
            throw new IllegalArgumentException("directIds must be in [0, 2^29]: " + directIds);
        }
        this.missingValue = missingValue;
        this.directIds = directIds;
        this.direct = OffHeap.allocate(Math.max(1L, directIds) * Integer.BYTES);
        this.others = new OffHeapLong2IntMap(maxEntries, missingValue);
    }

    /** @return the id's index, or the missing value when the id is not in the index. */
    public int get(final long accountId)
    {
        if (Long.compareUnsigned(accountId, directIds) < 0)
        {
            final int stored = direct.getInt((int)accountId << 2);
            return stored == 0 ? missingValue : stored - 1;
        }
        return others.get(accountId);
    }

    /**
     * Maps the id to the index ({@code 0 <= index < Integer.MAX_VALUE}), replacing any index it had; throws when a
     * new id beyond the direct table would exceed {@code maxEntries} (a caller's bug: {@link AccountStore} checks
     * it is not full first).
     */
    public void put(final long accountId, final int index)
    {
        if (Long.compareUnsigned(accountId, directIds) < 0)
        {
            direct.putInt((int)accountId << 2, index + 1);
        }
        else
        {
            others.put(accountId, index);
        }
    }

    /** Removes every id: off the hot path (it writes both tables whole). */
    public void clear()
    {
        direct.setMemory(0, direct.capacity(), (byte)0);
        others.clear();
    }
}

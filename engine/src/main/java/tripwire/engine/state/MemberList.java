package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An unordered set of account indexes held off-heap (4 bytes each), with O(1) add and remove: the accounts
 * that hold a position in one market, or a balance of one asset. Each member's slot is kept in its account
 * record so that removal is a swap with the last member.
 *
 * <p>Owned by the business-logic thread. Iteration order depends on the history of adds and removes, so
 * anything that emits outputs from an iteration sorts first (see docs/engine-model.md, order of emission).
 */
public final class MemberList
{
    public static final int NO_SLOT = -1;

    private final UnsafeBuffer buffer;
    private int size;

    public MemberList(final int capacity)
    {
        buffer = OffHeap.allocate((long)capacity * Integer.BYTES);
    }

    public int size()
    {
        return size;
    }

    public int member(final int slot)
    {
        return buffer.getInt(slot * Integer.BYTES);
    }

    /** @return the slot the account now occupies. */
    public int add(final int accountIndex)
    {
        final int slot = size++;
        buffer.putInt(slot * Integer.BYTES, accountIndex);
        return slot;
    }

    /**
     * Remove the member at {@code slot}.
     *
     * @return the account index that moved into {@code slot} (its slot must be updated by the caller), or
     * {@link #NO_SLOT} when the removed member was the last.
     */
    public int removeAt(final int slot)
    {
        final int last = --size;
        if (slot == last)
        {
            return NO_SLOT;
        }
        final int moved = buffer.getInt(last * Integer.BYTES);
        buffer.putInt(slot * Integer.BYTES, moved);
        return moved;
    }

    public void clear()
    {
        size = 0;
    }

    /**
     * Puts an account back at the slot its record names, when state is restored from a snapshot: after
     * {@link #clear()}, every member's slot once, in any order; the size becomes the highest slot + 1.
     */
    public void restoreMember(final int slot, final int accountIndex)
    {
        buffer.putInt(slot * Integer.BYTES, accountIndex);
        size = Math.max(size, slot + 1);
    }
}

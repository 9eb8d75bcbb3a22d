package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Every account's balances and positions, one fixed-size off-heap record each, indexed densely in the
 * order accounts were opened (index 0 is the first account ever opened). Account ids map to indexes
 * through an {@link AccountIdIndex} sized at start (a direct table for ids below twice the capacity, a hashed map
 * for the rest), so no steady-state allocation happens and nothing on the heap grows with the capacity.
 * <pre>
 *   header (16 bytes)
 *   0                   8         12        16
 *   |     accountId     | posMask | balMask |
 *   asset slot a, at 16 + a x 16
 *   |     balanceE8     | memberSlot | pad  |
 *   market slot m, at 16 + maxAssets x 16 + m x 32
 *   |      sizeE8       |      orderId      | orderRemainingE8  | memberSlot | orderSide |
 * </pre>
 * The record length is rounded up to a multiple of 64 bytes. {@code balanceE8} of the quote asset is the
 * account's quote cash and may be negative; other balances are never negative. {@code orderId} is 0 when the
 * position has no outstanding liquidation order; {@code orderSide} is the order's {@code Side} value.
 * {@code memberSlot} is the account's slot in that asset's or market's {@link MemberList}, or -1.
 * {@code posMask} has bit m set exactly when {@code sizeE8} of market m is non-zero, {@code balMask} bit a exactly
 * when {@code balanceE8} of asset a is non-zero ({@code maxAssets + maxMarkets <= 31}, so each fits an int): a
 * reader visits only the slots in use, so an account with one position costs two cache lines, not the whole
 * record. Both are derived from the slots: {@link #restoreCount} recomputes them, and state hashes read their
 * word as 0 ({@link #DERIVED_WORD_OFFSET}), the value it had before it was kept.
 *
 * <p>Owned by the business-logic thread.
 */
public final class AccountStore
{
    public static final int NO_ACCOUNT = -1;
    static final int ACCOUNT_ID_OFFSET = 0;
    static final int POSITION_MASK_OFFSET = 8;
    static final int BALANCE_MASK_OFFSET = 12;
    /** The record's long that holds posMask and balMask: derived, so state hashes read it as 0. */
    public static final int DERIVED_WORD_OFFSET = POSITION_MASK_OFFSET;
    static final int HEADER_LENGTH = 16;
    static final int ASSET_SLOT_LENGTH = 16;
    static final int ASSET_BALANCE_OFFSET = 0;
    static final int ASSET_MEMBER_SLOT_OFFSET = 8;
    static final int MARKET_SLOT_LENGTH = 32;
    static final int SIZE_OFFSET = 0;
    static final int ORDER_ID_OFFSET = 8;
    static final int ORDER_REMAINING_OFFSET = 16;
    static final int MARKET_MEMBER_SLOT_OFFSET = 24;
    static final int ORDER_SIDE_OFFSET = 28;

    private final int capacity;
    private final int maxAssets;
    private final int maxMarkets;
    private final int recordLength;
    private final int marketsOffset;
    private final UnsafeBuffer buffer;
    private final AccountIdIndex indexById;
    private final MemberList[] assetMembers;
    private final MemberList[] marketMembers;
    private AccountChangeListener changeListener;
    private int count;

    public AccountStore(final int capacity, final int maxAssets, final int maxMarkets)
    {
        this.capacity = capacity;
        this.maxAssets = maxAssets;
        this.maxMarkets = maxMarkets;
        this.marketsOffset = HEADER_LENGTH + maxAssets * ASSET_SLOT_LENGTH;
        this.recordLength = (int)OffHeap.align(marketsOffset + (long)maxMarkets * MARKET_SLOT_LENGTH, OffHeap.CACHE_LINE);
        this.buffer = OffHeap.allocate((long)capacity * recordLength);
        this.indexById = new AccountIdIndex(capacity, directIds(capacity), NO_ACCOUNT);
        this.assetMembers = new MemberList[maxAssets];
        for (int a = 0; a < maxAssets; a++)
        {
            assetMembers[a] = new MemberList(capacity);
        }
        this.marketMembers = new MemberList[maxMarkets];
        for (int m = 0; m < maxMarkets; m++)
        {
            marketMembers[m] = new MemberList(capacity);
        }
    }

    /**
     * Ids below this go to the id index's direct table: twice the capacity (a venue numbering from 0 or 1 with a
     * few gaps stays within it), 8 bytes per account.
     */
    static int directIds(final int capacity)
    {
        return (int)Math.min(1L << 29, 2L * capacity);
    }

    /** Registers the one listener told of every change of an account record (null: none). */
    public void changeListener(final AccountChangeListener listener)
    {
        this.changeListener = listener;
    }

    private void changed(final int index)
    {
        if (changeListener != null)
        {
            changeListener.onAccountChanged(index);
        }
    }

    public int capacity()
    {
        return capacity;
    }

    public int count()
    {
        return count;
    }

    public int recordLength()
    {
        return recordLength;
    }

    public boolean isFull()
    {
        return count == capacity;
    }

    /** @return the account's index, or {@link #NO_ACCOUNT} when it is not open. */
    public int indexOf(final long accountId)
    {
        return indexById.get(accountId);
    }

    /** Opens an account; the caller has checked it is not open and the store is not full. */
    public int open(final long accountId)
    {
        final int index = count++;
        indexById.put(accountId, index);
        final int offset = index * recordLength;
        buffer.putLong(offset + ACCOUNT_ID_OFFSET, accountId);
        buffer.putInt(offset + POSITION_MASK_OFFSET, 0);
        buffer.putInt(offset + BALANCE_MASK_OFFSET, 0);
        for (int a = 0; a < maxAssets; a++)
        {
            buffer.putInt(assetOffset(index, a) + ASSET_MEMBER_SLOT_OFFSET, MemberList.NO_SLOT);
        }
        for (int m = 0; m < maxMarkets; m++)
        {
            buffer.putInt(marketOffset(index, m) + MARKET_MEMBER_SLOT_OFFSET, MemberList.NO_SLOT);
        }
        return index;
    }

    public long accountId(final int index)
    {
        return buffer.getLong(index * recordLength + ACCOUNT_ID_OFFSET);
    }

    public long balanceE8(final int index, final int assetId)
    {
        return buffer.getLong(assetOffset(index, assetId) + ASSET_BALANCE_OFFSET);
    }

    /**
     * Sets a balance. For a non-quote asset, keeps the asset's member list in step (member while > 0);
     * the quote asset has no member list because its price never moves.
     */
    public void balance(final int index, final int assetId, final long balanceE8, final boolean trackMembership)
    {
        final int offset = assetOffset(index, assetId);
        buffer.putLong(offset + ASSET_BALANCE_OFFSET, balanceE8);
        updateMask(index * recordLength + BALANCE_MASK_OFFSET, assetId, balanceE8 != 0);
        if (trackMembership)
        {
            updateMembership(index, offset + ASSET_MEMBER_SLOT_OFFSET, assetMembers[assetId], balanceE8 != 0);
        }
        changed(index);
    }

    /** Bit m set exactly when the account has a non-zero position in market m: iterate it in ascending order. */
    public int positionMask(final int index)
    {
        return buffer.getInt(index * recordLength + POSITION_MASK_OFFSET);
    }

    /** Bit a set exactly when the account has a non-zero balance of asset a. */
    public int balanceMask(final int index)
    {
        return buffer.getInt(index * recordLength + BALANCE_MASK_OFFSET);
    }

    /**
     * Loads the account's header line and returns a value that means nothing. A caller about to work on many
     * accounts touches them all first, so that their cache misses overlap instead of following one another; it
     * must sum the results into a field, or the JIT drops the loads.
     */
    public long touch(final int index)
    {
        return buffer.getLong(index * recordLength + POSITION_MASK_OFFSET);
    }

    /** As {@link #touch(int)}, for the header line and the market's slot. */
    public long touch(final int index, final int marketId)
    {
        return buffer.getLong(index * recordLength + POSITION_MASK_OFFSET) +
            buffer.getLong(marketOffset(index, marketId) + SIZE_OFFSET);
    }

    public long sizeE8(final int index, final int marketId)
    {
        return buffer.getLong(marketOffset(index, marketId) + SIZE_OFFSET);
    }

    /** Sets a position, keeping the market's member list in step (member while non-zero). */
    public void size(final int index, final int marketId, final long sizeE8)
    {
        final int offset = marketOffset(index, marketId);
        buffer.putLong(offset + SIZE_OFFSET, sizeE8);
        updateMask(index * recordLength + POSITION_MASK_OFFSET, marketId, sizeE8 != 0);
        updateMembership(index, offset + MARKET_MEMBER_SLOT_OFFSET, marketMembers[marketId], sizeE8 != 0);
        changed(index);
    }

    public long orderId(final int index, final int marketId)
    {
        return buffer.getLong(marketOffset(index, marketId) + ORDER_ID_OFFSET);
    }

    public long orderRemainingE8(final int index, final int marketId)
    {
        return buffer.getLong(marketOffset(index, marketId) + ORDER_REMAINING_OFFSET);
    }

    public int orderSide(final int index, final int marketId)
    {
        return buffer.getInt(marketOffset(index, marketId) + ORDER_SIDE_OFFSET);
    }

    /** Records an outstanding order on a position, or clears it with {@code orderId = 0}. */
    public void order(final int index, final int marketId, final long orderId, final long remainingE8, final int side)
    {
        final int offset = marketOffset(index, marketId);
        buffer.putLong(offset + ORDER_ID_OFFSET, orderId);
        buffer.putLong(offset + ORDER_REMAINING_OFFSET, remainingE8);
        buffer.putInt(offset + ORDER_SIDE_OFFSET, side);
        changed(index);
    }

    public void orderRemaining(final int index, final int marketId, final long remainingE8)
    {
        buffer.putLong(marketOffset(index, marketId) + ORDER_REMAINING_OFFSET, remainingE8);
    }

    public MemberList marketMembers(final int marketId)
    {
        return marketMembers[marketId];
    }

    public MemberList assetMembers(final int assetId)
    {
        return assetMembers[assetId];
    }

    /** The records of open accounts, for state hashing and snapshots: {@code count() x recordLength()} bytes. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Restores the store from a snapshot: the caller has copied the first {@code count} records into
     * {@link #buffer()}; this sets the count and rebuilds the id index and every member list from the records
     * (each record holds its own member slots, so the lists come back in the same order). Off the hot path;
     * call on a store that holds no account yet.
     */
    public void restoreCount(final int count)
    {
        this.count = count;
        indexById.clear();
        for (final MemberList members : assetMembers)
        {
            members.clear();
        }
        for (final MemberList members : marketMembers)
        {
            members.clear();
        }
        for (int index = 0; index < count; index++)
        {
            indexById.put(accountId(index), index);
            int positionMask = 0;
            for (int m = 0; m < maxMarkets; m++)
            {
                positionMask |= sizeE8(index, m) != 0 ? 1 << m : 0;
            }
            int balanceMask = 0;
            for (int a = 0; a < maxAssets; a++)
            {
                balanceMask |= balanceE8(index, a) != 0 ? 1 << a : 0;
            }
            buffer.putInt(index * recordLength + POSITION_MASK_OFFSET, positionMask);
            buffer.putInt(index * recordLength + BALANCE_MASK_OFFSET, balanceMask);
            for (int a = 0; a < maxAssets; a++)
            {
                final int slot = buffer.getInt(assetOffset(index, a) + ASSET_MEMBER_SLOT_OFFSET);
                if (slot != MemberList.NO_SLOT)
                {
                    assetMembers[a].restoreMember(slot, index);
                }
            }
            for (int m = 0; m < maxMarkets; m++)
            {
                final int slot = buffer.getInt(marketOffset(index, m) + MARKET_MEMBER_SLOT_OFFSET);
                if (slot != MemberList.NO_SLOT)
                {
                    marketMembers[m].restoreMember(slot, index);
                }
            }
        }
    }

    private void updateMask(final int maskOffset, final int bit, final boolean set)
    {
        final int mask = buffer.getInt(maskOffset);
        buffer.putInt(maskOffset, set ? mask | (1 << bit) : mask & ~(1 << bit));
    }

    private void updateMembership(
        final int index, final int slotOffset, final MemberList members, final boolean member)
    {
        final int slot = buffer.getInt(slotOffset);
        if (member && slot == MemberList.NO_SLOT)
        {
            buffer.putInt(slotOffset, members.add(index));
        }
        else if (!member && slot != MemberList.NO_SLOT)
        {
            final int moved = members.removeAt(slot);
            buffer.putInt(slotOffset, MemberList.NO_SLOT);
            if (moved != MemberList.NO_SLOT)
            {
                // the moved account keeps its slot field at the same offset within its own record
                buffer.putInt(moved * recordLength + (slotOffset - index * recordLength), slot);
            }
        }
    }

    private int assetOffset(final int index, final int assetId)
    {
        return index * recordLength + HEADER_LENGTH + assetId * ASSET_SLOT_LENGTH;
    }

    private int marketOffset(final int index, final int marketId)
    {
        return index * recordLength + marketsOffset + marketId * MARKET_SLOT_LENGTH;
    }
}

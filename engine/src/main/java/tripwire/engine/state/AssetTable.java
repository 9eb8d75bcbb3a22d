package tripwire.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Collateral assets by dense id, one 64-byte off-heap record each.
 * <pre>
 *   0                   8                   16                  24                  32
 *   +---------+---------+-------------------+-------------------+-------------------+
 *   | defined | quote   |     haircutE8     |      priceE8      |   maxBalanceE8    |
 *   +---------+---------+-------------------+-------------------+-------------------+
 *   32                                      48                  56                  64
 *   |            name (16 ASCII, NUL padded) |   priceTimeNs     |     (unused)      |
 * </pre>
 * {@code priceE8} is 0 until the first accepted tick (the quote asset's price is 1 by definition and is
 * never stored). {@code maxBalanceE8} is the range rule's high-water mark of any account's balance.
 *
 * <p>Owned by the business-logic thread.
 */
public final class AssetTable
{
    static final int DEFINED_OFFSET = 0;
    static final int QUOTE_OFFSET = 4;
    static final int HAIRCUT_OFFSET = 8;
    static final int PRICE_OFFSET = 16;
    static final int MAX_BALANCE_OFFSET = 24;
    static final int NAME_OFFSET = 32;
    static final int PRICE_TIME_OFFSET = 48;
    public static final int NAME_LENGTH = 16;
    public static final int RECORD_LENGTH = 64;
    /** No quote asset defined yet. */
    public static final int NO_QUOTE_ASSET = -1;

    private final UnsafeBuffer buffer;
    private final int capacity;
    private int quoteAssetId = NO_QUOTE_ASSET;
    /** See {@link #generation()}. */
    private long generation;

    public AssetTable(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = OffHeap.allocate((long)capacity * RECORD_LENGTH);
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isDefined(final int assetId)
    {
        return assetId >= 0 && assetId < capacity && buffer.getInt(offset(assetId) + DEFINED_OFFSET) != 0;
    }

    public int quoteAssetId()
    {
        return quoteAssetId;
    }

    /** Restores the quote asset's id from a snapshot (the records themselves are copied into {@link #buffer()}). */
    public void restoreQuoteAssetId(final int quoteAssetId)
    {
        generation++;
        this.quoteAssetId = quoteAssetId;
    }

    public boolean isQuote(final int assetId)
    {
        return assetId == quoteAssetId;
    }

    public void define(final int assetId, final boolean quote, final long haircutE8, final byte[] name, final int nameLength)
    {
        generation++;
        final int offset = offset(assetId);
        buffer.putInt(offset + DEFINED_OFFSET, 1);
        buffer.putInt(offset + QUOTE_OFFSET, quote ? 1 : 0);
        buffer.putLong(offset + HAIRCUT_OFFSET, haircutE8);
        buffer.setMemory(offset + NAME_OFFSET, NAME_LENGTH, (byte)0);
        buffer.putBytes(offset + NAME_OFFSET, name, 0, Math.min(nameLength, NAME_LENGTH));
        if (quote)
        {
            quoteAssetId = assetId;
        }
    }

    /**
     * How many times a definition (haircut, quote asset) has been written: equal counts mean the liquidation
     * index's valuations still hold. Prices are not counted. Not state: not hashed, not in snapshots.
     */
    public long generation()
    {
        return generation;
    }

    public long haircutE8(final int assetId)
    {
        return buffer.getLong(offset(assetId) + HAIRCUT_OFFSET);
    }

    /** The asset's price in quote E8, 0 while unknown; 1.0 for the quote asset. */
    public long priceE8(final int assetId)
    {
        return assetId == quoteAssetId ? tripwire.engine.math.FixedPoint.SCALE : buffer.getLong(offset(assetId) + PRICE_OFFSET);
    }

    public void price(final int assetId, final long priceE8, final long timeNs)
    {
        final int offset = offset(assetId);
        buffer.putLong(offset + PRICE_OFFSET, priceE8);
        buffer.putLong(offset + PRICE_TIME_OFFSET, timeNs);
    }

    public long maxBalanceE8(final int assetId)
    {
        return buffer.getLong(offset(assetId) + MAX_BALANCE_OFFSET);
    }

    public void raiseMaxBalance(final int assetId, final long balanceE8)
    {
        final int offset = offset(assetId) + MAX_BALANCE_OFFSET;
        if (balanceE8 > buffer.getLong(offset))
        {
            buffer.putLong(offset, balanceE8);
        }
    }

    /** The name as written in its definition; allocates: off the hot path only. */
    public String name(final int assetId)
    {
        return NameCodec.read(buffer, offset(assetId) + NAME_OFFSET, NAME_LENGTH);
    }

    /** The whole table, for state hashing and snapshots. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    private static int offset(final int assetId)
    {
        return assetId * RECORD_LENGTH;
    }
}

package tripwire.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.OracleTable;
import tripwire.engine.state.OrderIndex;

/**
 * The whole state of one {@link LiquidationEngine} in one file: every off-heap table the engine owns, the
 * records of the open accounts, the counters and the order index. Restoring it into a fresh engine with the
 * same capacities gives the same {@link LiquidationEngine#stateHash()} and the same future outputs.
 * <pre>
 *   0        8           12           16          20           24             28             32
 *   | magic  | version=1 | maxAccounts | maxAssets | maxMarkets | accountCount | quoteAssetId |
 *   32        40           48           56            64               72                    80
 *   | lastSeq | lastTimeNs | lastOutSeq | lastOrderId | fundBalanceE8 | liquidatorRewardsE8 |
 *   80           84            88           96
 *   | fundActive | regionCount | orderCount |
 *   96: regionCount x ( int length | length bytes )   fixed tables, then per-account regions (count records)
 *       orderCount x ( long orderId | long orderRef )  the order index
 *   last 8 bytes: CRC32C of every byte before them
 * </pre>
 * Little-endian. A file is written to a temporary name, forced to disk and renamed over its final name, so
 * a reader sees a whole file or none; the checksum also rejects a torn or altered file.
 *
 * <p>Threading: the business-logic thread (the one that owns the engine). Writing allocates a little
 * (file handles); it runs every N inputs, never per input.
 */
public final class EngineSnapshot
{
    static final long MAGIC = 0x3130_5041_4E53_5754L; // "TWSNAP01" little-endian
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 96;
    static final int CHECKSUM_LENGTH = Long.BYTES;
    private static final int CHUNK_BYTES = 1 << 20;

    private final EngineConfig config;
    private final AccountStore accounts;
    private final AssetTable assets;
    private final OracleTable[] oracles;
    private final UnsafeBuffer[] tables;
    private final int[] tableLengths;
    private final UnsafeBuffer[] perAccount;
    private final int[] perAccountRecordLengths;
    private final InsuranceFund fund;
    private final OutputPublisher publisher;
    private final Liquidator liquidator;
    private final OrderIndex orderRefById;
    private ByteBuffer chunk;

    EngineSnapshot(
        final EngineConfig config,
        final AccountStore accounts,
        final AssetTable assets,
        final OracleTable[] oracles,
        final UnsafeBuffer[] tables,
        final int[] tableLengths,
        final UnsafeBuffer[] perAccount,
        final int[] perAccountRecordLengths,
        final InsuranceFund fund,
        final OutputPublisher publisher,
        final Liquidator liquidator,
        final OrderIndex orderRefById)
    {
        this.config = config;
        this.accounts = accounts;
        this.assets = assets;
        this.oracles = oracles;
        this.tables = tables;
        this.tableLengths = tableLengths;
        this.perAccount = perAccount;
        this.perAccountRecordLengths = perAccountRecordLengths;
        this.fund = fund;
        this.publisher = publisher;
        this.liquidator = liquidator;
        this.orderRefById = orderRefById;
    }

    /**
     * Checks a snapshot file without loading it: its length, magic, version and checksum.
     *
     * @return null when the file is whole, else why not (for a log line).
     */
    public static String problemWith(final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            return "unreadable: " + ex.getMessage();
        }
        return problemWith(bytes);
    }

    /** The lastSeq a whole snapshot file was taken at (its header), or -1 when it is not whole. */
    public static long lastSeqOf(final Path file)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            return problemWith(bytes) == null ? new UnsafeBuffer(bytes).getLong(32, ByteOrder.LITTLE_ENDIAN) : -1;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    private static String problemWith(final byte[] bytes)
    {
        if (bytes.length < HEADER_LENGTH + CHECKSUM_LENGTH)
        {
            return "too short (" + bytes.length + " bytes)";
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (buffer.getLong(0, ByteOrder.LITTLE_ENDIAN) != MAGIC)
        {
            return "not a Tripwire snapshot (bad magic)";
        }
        if (buffer.getInt(8, ByteOrder.LITTLE_ENDIAN) != VERSION)
        {
            return "unknown version " + buffer.getInt(8, ByteOrder.LITTLE_ENDIAN);
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CHECKSUM_LENGTH);
        final long stored = buffer.getLong(bytes.length - CHECKSUM_LENGTH, ByteOrder.LITTLE_ENDIAN);
        if (crc.getValue() != stored)
        {
            return "checksum mismatch (torn or altered file)";
        }
        return null;
    }

    /** Writes the state atomically to {@code file} (temporary file, fsync, rename, fsync of the directory). */
    void write(final Path file, final long lastSeq, final long lastTimeNs)
    {
        if (chunk == null)
        {
            chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        final CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(
            temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            chunk.clear();
            chunk.putLong(MAGIC).putInt(VERSION)
                .putInt(config.maxAccounts()).putInt(config.maxAssets()).putInt(config.maxMarkets())
                .putInt(accounts.count()).putInt(assets.quoteAssetId())
                .putLong(lastSeq).putLong(lastTimeNs).putLong(publisher.lastOutSeq()).putLong(liquidator.lastOrderId())
                .putLong(fund.balanceE8()).putLong(fund.liquidatorRewardsE8())
                .putInt(fund.isActive() ? 1 : 0).putInt(tables.length + perAccount.length)
                .putLong(orderRefById.size());
            for (int i = 0; i < tables.length; i++)
            {
                putRegion(channel, crc, tables[i], tableLengths[i]);
            }
            for (int i = 0; i < perAccount.length; i++)
            {
                putRegion(channel, crc, perAccount[i], accounts.count() * perAccountRecordLengths[i]);
            }
            final long[] orders = orderRefById.toPairs();
            for (int i = 0; i < orders.length; i += 2)
            {
                room(channel, crc, 2 * Long.BYTES);
                chunk.putLong(orders[i]).putLong(orders[i + 1]);
            }
            flush(channel, crc);
            chunk.putLong(crc.getValue());
            chunk.flip();
            while (chunk.hasRemaining())
            {
                channel.write(chunk);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + temporary, ex);
        }
        try
        {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot publish snapshot " + file, ex);
        }
    }

    /**
     * Loads a snapshot into a fresh engine (one that has applied no input).
     *
     * @return {lastSeq, lastTimeNs} of the snapshot.
     * @throws IllegalStateException when the file is not whole or was taken with other capacities.
     */
    long[] restore(final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }
        final String problem = problemWith(bytes);
        if (problem != null)
        {
            throw new IllegalStateException("snapshot " + file + ": " + problem);
        }
        final UnsafeBuffer in = new UnsafeBuffer(bytes);
        final int maxAccounts = in.getInt(12, ByteOrder.LITTLE_ENDIAN);
        final int maxAssets = in.getInt(16, ByteOrder.LITTLE_ENDIAN);
        final int maxMarkets = in.getInt(20, ByteOrder.LITTLE_ENDIAN);
        if (maxAccounts != config.maxAccounts() || maxAssets != config.maxAssets() || maxMarkets != config.maxMarkets())
        {
            throw new IllegalStateException("snapshot " + file + " was taken with capacities " + maxAccounts + "/" +
                maxAssets + "/" + maxMarkets + ", the engine has " + config);
        }
        final int accountCount = in.getInt(24, ByteOrder.LITTLE_ENDIAN);
        final int regionCount = in.getInt(84, ByteOrder.LITTLE_ENDIAN);
        if (regionCount != tables.length + perAccount.length)
        {
            throw new IllegalStateException("snapshot " + file + " holds " + regionCount + " regions, the engine has " +
                (tables.length + perAccount.length));
        }
        int position = HEADER_LENGTH;
        for (int i = 0; i < tables.length; i++)
        {
            position = getRegion(file, in, position, tables[i], tableLengths[i]);
        }
        for (int i = 0; i < perAccount.length; i++)
        {
            position = getRegion(file, in, position, perAccount[i], accountCount * perAccountRecordLengths[i]);
        }
        accounts.restoreCount(accountCount);
        assets.restoreQuoteAssetId(in.getInt(28, ByteOrder.LITTLE_ENDIAN));
        for (final OracleTable oracle : oracles)
        {
            oracle.recountWatched();
        }
        publisher.lastOutSeq(in.getLong(48, ByteOrder.LITTLE_ENDIAN));
        liquidator.lastOrderId(in.getLong(56, ByteOrder.LITTLE_ENDIAN));
        fund.restore(in.getLong(64, ByteOrder.LITTLE_ENDIAN), in.getLong(72, ByteOrder.LITTLE_ENDIAN),
            in.getInt(80, ByteOrder.LITTLE_ENDIAN) != 0);
        final long orderCount = in.getLong(88, ByteOrder.LITTLE_ENDIAN);
        orderRefById.clear();
        for (long i = 0; i < orderCount; i++)
        {
            orderRefById.put(in.getLong(position, ByteOrder.LITTLE_ENDIAN),
                in.getLong(position + Long.BYTES, ByteOrder.LITTLE_ENDIAN));
            position += 2 * Long.BYTES;
        }
        if (position != bytes.length - CHECKSUM_LENGTH)
        {
            throw new IllegalStateException("snapshot " + file + ": " + (bytes.length - CHECKSUM_LENGTH - position) +
                " unexpected bytes after the order index");
        }
        return new long[] {in.getLong(32, ByteOrder.LITTLE_ENDIAN), in.getLong(40, ByteOrder.LITTLE_ENDIAN)};
    }

    private static int getRegion(
        final Path file, final UnsafeBuffer in, final int position, final UnsafeBuffer target, final int expectedLength)
    {
        final int length = in.getInt(position, ByteOrder.LITTLE_ENDIAN);
        if (length != expectedLength)
        {
            throw new IllegalStateException("snapshot " + file + ": a region of " + length + " bytes where the engine has " +
                expectedLength);
        }
        target.putBytes(0, in, position + Integer.BYTES, length);
        return position + Integer.BYTES + length;
    }

    private void putRegion(final FileChannel channel, final CRC32C crc, final UnsafeBuffer source, final int length)
        throws IOException
    {
        room(channel, crc, Integer.BYTES);
        chunk.putInt(length);
        int done = 0;
        while (done < length)
        {
            if (!chunk.hasRemaining())
            {
                flush(channel, crc);
            }
            final int n = Math.min(length - done, chunk.remaining());
            source.getBytes(done, chunk, chunk.position(), n);
            chunk.position(chunk.position() + n);
            done += n;
        }
    }

    private void room(final FileChannel channel, final CRC32C crc, final int bytes) throws IOException
    {
        if (chunk.remaining() < bytes)
        {
            flush(channel, crc);
        }
    }

    private void flush(final FileChannel channel, final CRC32C crc) throws IOException
    {
        chunk.flip();
        crc.update(chunk.duplicate());
        while (chunk.hasRemaining())
        {
            channel.write(chunk);
        }
        chunk.clear();
    }
}

package tripwire.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tripwire.engine.EngineSnapshot;
import tripwire.engine.LiquidationEngine;

/**
 * The snapshot directory of a live engine: files {@code snapshot-<lastSeq, 20 digits>.bin} (a sign before the digits
 * for a snapshot inside the configured reference data, seqs -N..-1), each written
 * atomically by {@link LiquidationEngine#writeSnapshot}. Keeps the newest {@code keep}; at start-up picks the
 * newest whole one, logging and skipping any that is torn (leftover {@code .tmp} files are removed).
 *
 * <p>Threading: {@link #write} from the business-logic thread; {@link #newestValid} before the engine runs.
 */
final class SnapshotStore
{
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(-?\\d{1,20})" + Pattern.quote(SUFFIX));

    private final Path directory;
    private final int keep;
    private final Consumer<String> log;

    SnapshotStore(final Path directory, final int keep, final Consumer<String> log)
    {
        this.directory = directory;
        this.keep = keep;
        this.log = log;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create snapshot.dir " + directory, ex);
        }
    }

    /** Writes the engine's state as the snapshot at its lastSeq and prunes old ones. Business-logic thread. */
    void write(final LiquidationEngine engine)
    {
        engine.writeSnapshot(directory.resolve(String.format("%s%020d%s", PREFIX, engine.lastSeq(), SUFFIX)));
        final List<Path> snapshots = snapshots();
        for (int i = keep; i < snapshots.size(); i++)
        {
            try
            {
                Files.deleteIfExists(snapshots.get(i));
            }
            catch (final IOException ex)
            {
                log.accept("snapshot: cannot delete old " + snapshots.get(i) + ": " + ex.getMessage());
            }
        }
    }

    /** The newest snapshot whose checksum holds, or null; logs every one it skips. */
    Path newestValid()
    {
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path temporary : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList())
            {
                log.accept("snapshot: removing unfinished " + temporary.getFileName());
                Files.deleteIfExists(temporary);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        for (final Path snapshot : snapshots())
        {
            final String problem = EngineSnapshot.problemWith(snapshot);
            if (problem == null)
            {
                return snapshot;
            }
            log.accept("snapshot: skipping " + snapshot.getFileName() + ": " + problem);
        }
        return null;
    }

    /** Snapshot files, newest (highest lastSeq) first. */
    List<Path> snapshots()
    {
        return snapshotsIn(directory);
    }

    /** Snapshot files of a directory, newest (highest lastSeq, from the name) first; reads nothing else. */
    static List<Path> snapshotsIn(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            final List<Path> list = new ArrayList<>(files
                .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                .toList());
            list.sort(Comparator.comparingLong(SnapshotStore::seqOfName).reversed());
            return list;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long seqOfName(final Path snapshot)
    {
        final Matcher matcher = NAME.matcher(snapshot.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : Long.MIN_VALUE;
    }
}

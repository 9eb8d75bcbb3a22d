package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.demo.CrashScenario;
import tripwire.engine.EngineSnapshot;
import tripwire.journal.TripwireClient;

/**
 * Start-up loads the newest whole snapshot and re-applies the journal after it: a torn newest snapshot is logged
 * and skipped for the one before, and the engine continues to the same outputs and state as a run that never
 * stopped. A snapshot is also written on request.
 */
final class SnapshotRecoveryTest
{
    private static final int EVENTS = 4_000;
    private static final int FIRST_PART = 2_500;

    @TempDir
    Path root;

    @Test
    void restartSkipsATornNewestSnapshotAndReplaysTheJournalAfterTheOlderOne() throws Exception
    {
        final List<byte[]> frames = new ArrayList<>();
        final List<long[]> envelopes = new ArrayList<>();
        final CrashScenario scenario = new CrashScenario(3, 300, EVENTS);
        while (scenario.hasNext())
        {
            scenario.next();
            final byte[] frame = new byte[scenario.length()];
            scenario.buffer().getBytes(0, frame);
            frames.add(frame);
            envelopes.add(new long[] {scenario.seq(), scenario.timeNs()});
        }
        final long lastSeq = envelopes.get(EVENTS - 1)[0];

        final LiveConfig referenceConfig = LiveConfig.of(LiveTesting.properties(1024, 0), root.resolve("reference"));
        publish(referenceConfig.ingressDir(), frames, envelopes, 0, EVENTS);
        final LiveEngine reference = new LiveEngine(referenceConfig, line -> { });
        LiveTesting.start(reference);
        LiveTesting.await(() -> reference.appliedSeq() == lastSeq, "the reference run");
        LiveTesting.stop(reference);

        final LiveConfig config = LiveConfig.of(LiveTesting.properties(1024, 1_000), root.resolve("restarted"));
        publish(config.ingressDir(), frames, envelopes, 0, FIRST_PART);
        final LiveEngine first = new LiveEngine(config, line -> { });
        LiveTesting.start(first);
        final long firstPartSeq = envelopes.get(FIRST_PART - 1)[0];
        LiveTesting.await(() -> first.appliedSeq() == firstPartSeq, "the first part");
        first.requestSnapshot();
        LiveTesting.await(() -> Files.exists(snapshotAt(config, firstPartSeq)), "the requested snapshot");
        LiveTesting.stop(first);

        // snapshot.keep=2: the one at the first part's end (newest) and the one every 1,000 inputs before it.
        final List<Path> snapshots = new SnapshotStore(config.snapshotDir(), 2, line -> { }).snapshots();
        assertEquals(2, snapshots.size(), snapshots.toString());
        assertEquals(snapshotAt(config, firstPartSeq), snapshots.get(0));
        final long olderSeq = EngineSnapshot.lastSeqOf(snapshots.get(1));
        assertTrue(olderSeq > 0 && olderSeq < firstPartSeq, "older snapshot at " + olderSeq);
        final byte[] newest = Files.readAllBytes(snapshots.get(0));
        Files.write(snapshots.get(0), Arrays.copyOf(newest, newest.length - 100));

        publish(config.ingressDir(), frames, envelopes, FIRST_PART, EVENTS);
        final List<String> log = new CopyOnWriteArrayList<>();
        final LiveEngine second = new LiveEngine(config, log::add);
        LiveTesting.start(second);
        LiveTesting.await(() -> second.appliedSeq() == lastSeq, "the restarted run");
        LiveTesting.stop(second);

        assertTrue(log.stream().anyMatch(l -> l.startsWith("snapshot: skipping " + snapshots.get(0).getFileName() +
            ": checksum mismatch")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("recovery: snapshot " + snapshots.get(1).getFileName())),
            log.toString());
        assertEquals(LiveTesting.egress(referenceConfig.egressDir()), LiveTesting.egress(config.egressDir()));
        assertEquals(reference.finalStateHash(), second.finalStateHash());
        assertEquals(FIRST_PART, second.skippedIngressRecords(), "ingress records applied before the restart are skipped");
    }

    private static Path snapshotAt(final LiveConfig config, final long seq)
    {
        return config.snapshotDir().resolve(String.format("snapshot-%020d.bin", seq));
    }

    private static void publish(
        final Path ingress, final List<byte[]> frames, final List<long[]> envelopes, final int from, final int to)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        try (TripwireClient client = new TripwireClient(ingress))
        {
            for (int i = from; i < to; i++)
            {
                frame.wrap(frames.get(i));
                client.send(envelopes.get(i)[0], envelopes.get(i)[1], frame, 0, frames.get(i).length);
            }
        }
    }
}

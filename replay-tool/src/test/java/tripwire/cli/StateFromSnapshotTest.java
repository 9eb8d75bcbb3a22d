package tripwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.demo.CrashScenario;
import tripwire.engine.EngineSnapshot;
import tripwire.journal.TripwireClient;
import tripwire.live.LiveConfig;
import tripwire.live.LiveEngine;
import tripwire.live.LiveTesting;
import tripwire.live.SnapshotOrigin;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;

/**
 * {@code replay state --snapshots DIR} starts from the newest snapshot at or before the bound (by seq or by event
 * time) and reaches the same state, hash and figures as the replay from the journal's start.
 */
final class StateFromSnapshotTest
{
    private static final int EVENTS = 3_000;
    private static final int SNAPSHOT_EVERY = 500;

    @TempDir
    Path root;

    private LiveConfig config;
    private final List<long[]> envelopes = new ArrayList<>();

    @BeforeEach
    void runALiveEngineTakingSnapshots() throws Exception
    {
        final var properties = LiveTesting.properties(1024, SNAPSHOT_EVERY);
        properties.setProperty("snapshot.keep", "100");
        config = LiveConfig.of(properties, root);
        final CrashScenario scenario = new CrashScenario(7, 200, EVENTS);
        try (TripwireClient client = new TripwireClient(config.ingressDir()))
        {
            while (scenario.hasNext())
            {
                scenario.next();
                client.send(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length());
                envelopes.add(new long[] {scenario.seq(), scenario.timeNs()});
            }
        }
        final LiveEngine engine = new LiveEngine(config, line -> { });
        LiveTesting.start(engine);
        final long lastSeq = envelopes.get(EVENTS - 1)[0];
        LiveTesting.await(() -> engine.appliedSeq() == lastSeq, "the live run");
        LiveTesting.stop(engine);
    }

    @Test
    void stateAtASeqAfterASnapshotIsTheSameWithAndWithoutSnapshots()
    {
        final long seq = envelopes.get(1_750)[0];
        final long snapshotSeq = envelopes.get(1_499)[0];
        final ReplayBound bound = ReplayBound.parse(Long.toString(seq));
        final SnapshotOrigin origin = new SnapshotOrigin(config.snapshotDir());

        final List<String> fromSnapshot = StateCommand.lines(journal(), bound, null, origin);

        assertNotNull(origin.chosen());
        assertEquals(snapshotSeq, EngineSnapshot.lastSeqOf(origin.chosen()));
        final List<String> fromStart = StateCommand.lines(journal(), bound, null, ReplayOrigin.JOURNAL_START);
        assertEquals(fromStart, fromSnapshot);
        assertTrue(fromSnapshot.get(fromSnapshot.size() - 1).startsWith("state     "), fromSnapshot::toString);
        assertFalse(fromSnapshot.get(0).endsWith("outSeq 0"), "outputs before the bound: " + fromSnapshot.get(0));
        for (final long accountId : new long[] {1, 2, 3, 50, 199})
        {
            assertEquals(StateCommand.lines(journal(), bound, accountId, ReplayOrigin.JOURNAL_START),
                StateCommand.lines(journal(), bound, accountId, new SnapshotOrigin(config.snapshotDir())));
        }
    }

    @Test
    void stateAtATimeUsesTheNewestSnapshotWhoseInputsAreAllWithinIt()
    {
        final long timeNs = envelopes.get(2_250)[1];
        final ReplayBound bound = ReplayBound.parse(timeNs + "ns");
        final SnapshotOrigin origin = new SnapshotOrigin(config.snapshotDir());

        final List<String> fromSnapshot = StateCommand.lines(journal(), bound, null, origin);

        assertNotNull(origin.chosen());
        final long chosenSeq = EngineSnapshot.lastSeqOf(origin.chosen());
        assertTrue(chosenSeq <= envelopes.get(2_250)[0], "snapshot at " + chosenSeq);
        assertEquals(StateCommand.lines(journal(), bound, null, ReplayOrigin.JOURNAL_START), fromSnapshot);
    }

    @Test
    void stateBeforeTheFirstSnapshotReplaysFromTheJournalStart() throws Exception
    {
        final ReplayBound bound = ReplayBound.parse(Long.toString(envelopes.get(250)[0]));
        final SnapshotOrigin origin = new SnapshotOrigin(config.snapshotDir());

        final List<String> lines = StateCommand.lines(journal(), bound, null, origin);

        assertNull(origin.chosen());
        assertEquals(StateCommand.lines(journal(), bound, null, ReplayOrigin.JOURNAL_START), lines);
        assertTrue(Files.list(config.snapshotDir()).count() >= EVENTS / SNAPSHOT_EVERY);
    }

    @Test
    void stateCommandAcceptsTheSnapshotsOption()
    {
        assertEquals(0, TripwireCli.run("replay", "state", "--journal", config.journalDir().toString(),
            "--at", Long.toString(envelopes.get(1_750)[0]), "--snapshots", config.snapshotDir().toString(), "--no-progress"));
    }

    private JournalOptions journal()
    {
        final JournalOptions options = new JournalOptions();
        options.journalDir = config.journalDir();
        options.noProgress = true;
        return options;
    }
}

package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.cli.TripwireCli;
import tripwire.demo.CrashScenario;
import tripwire.engine.LiquidationEngine;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.journal.TripwireClient;
import tripwire.replay.ReplayVerifier;

/**
 * Crash recovery end to end: {@code tripwire run} in a child JVM (same java, flags and class path) is fed a
 * synthetic market crash one batch per life and killed with SIGKILL 20 times at random moments: a quarter at a
 * random time after the JVM starts (mostly start-up or recovery), the others at a random time up to 600 ms after
 * its recovery finished (while it works through its backlog, writes a snapshot, or waits for input). After the last restart it is stopped with SIGTERM and must exit 0.
 * The egress must then hold exactly the outputs of one uninterrupted run (none lost, none sent twice, same
 * numbering), the journal must replay to them, and the final snapshot must carry the same state hash.
 */
final class LiveEngineCrashTest
{
    private static final int ACCOUNTS = 500;
    private static final int KILLS = 20;
    private static final int BATCH = 4_000;
    private static final int EVENTS = (KILLS + 1) * BATCH;

    @TempDir
    Path root;

    @Test
    void engineKilledAtTwentyRandomMomentsEndsExactlyLikeAnUninterruptedRun() throws Exception
    {
        final List<byte[]> frames = new ArrayList<>();
        final List<long[]> envelopes = new ArrayList<>();
        final CrashScenario scenario = new CrashScenario(7, ACCOUNTS, EVENTS);
        while (scenario.hasNext())
        {
            scenario.next();
            final byte[] frame = new byte[scenario.length()];
            scenario.buffer().getBytes(0, frame);
            frames.add(frame);
            envelopes.add(new long[] {scenario.seq(), scenario.timeNs()});
        }
        // A last input that cannot be decoded: its rejection is the run's last output, so seeing it on the
        // egress means every input was applied.
        frames.add(new byte[] {(byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, 0, 0, 0, 0});
        envelopes.add(new long[] {scenario.seq() + 1, scenario.timeNs() + 1});
        final long lastSeq = scenario.seq() + 1;

        // One uninterrupted run.
        final LiveConfig referenceConfig = LiveConfig.of(LiveTesting.properties(1024, 1_500), root.resolve("reference"));
        publish(referenceConfig.ingressDir(), frames, envelopes, 0, frames.size());
        final LiveEngine reference = new LiveEngine(referenceConfig, line -> { });
        LiveTesting.start(reference);
        LiveTesting.await(() -> reference.appliedSeq() == lastSeq, "the uninterrupted run");
        LiveTesting.stop(reference);
        final List<String> referenceEgress = LiveTesting.egress(referenceConfig.egressDir());
        assertFalse(referenceEgress.isEmpty());
        final long lastOutSeq = Long.parseLong(referenceEgress.get(referenceEgress.size() - 1).split(":")[0]);

        // The same input to a child engine killed 20 times.
        final Path crashRoot = root.resolve("crash");
        final Path configFile = LiveTesting.writeConfig(crashRoot, LiveTesting.properties(1024, 1_500));
        final LiveConfig config = LiveConfig.load(configFile);
        final Path log = crashRoot.resolve("engine.log");
        final List<String> command = LiveTesting.javaCommand(TripwireCli.class.getName(), "run", "--config", configFile.toString());
        final SplittableRandom random = new SplittableRandom(20261126);
        for (int life = 0; life < KILLS; life++)
        {
            publish(config.ingressDir(), frames, envelopes, life * BATCH, (life + 1) * BATCH);
            final int recoveriesBefore = count(LiveTesting.read(log), "tripwire run: recovery:");
            final Process child = LiveTesting.startChild(log, command);
            if (life % 4 == 0)
            {
                assertFalse(child.waitFor(50 + random.nextInt(1_500), TimeUnit.MILLISECONDS),
                    "the engine exited by itself: " + LiveTesting.read(log));
            }
            else
            {
                LiveTesting.await(() -> count(LiveTesting.read(log), "tripwire run: recovery:") > recoveriesBefore,
                    "life " + life + " to finish its recovery");
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(600_000)));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(LiveTesting.GIVE_UP_SECONDS, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        }
        publish(config.ingressDir(), frames, envelopes, KILLS * BATCH, frames.size());
        final Process last = LiveTesting.startChild(log, command);
        awaitEgress(config.egressDir(), lastOutSeq);
        last.destroy();
        assertTrue(last.waitFor(LiveTesting.GIVE_UP_SECONDS, TimeUnit.SECONDS));
        final String engineLog = LiveTesting.read(log);
        assertEquals(0, last.exitValue(), "SIGTERM stops the engine cleanly with exit 0:\n" + engineLog);
        assertTrue(engineLog.contains("tripwire run: stopped: lastSeq " + lastSeq), engineLog);

        assertEquals(referenceEgress, LiveTesting.egress(config.egressDir()), "egress: every output once, in order");
        final ReplayVerifier.Result replay = TornJournalRecoveryTest.verify(config.journalDir(), config);
        assertTrue(replay.ok(), replay.firstDifference());
        assertEquals(lastSeq, replay.inputs(), "every input journaled exactly once");
        assertEquals(reference.finalStateHash(), replay.finalStateHash());
        final Path snapshot = new SnapshotStore(config.snapshotDir(), 2, line -> { }).newestValid();
        assertNotNull(snapshot);
        final LiquidationEngine restored = new LiquidationEngine(config.engineConfig(), (o, t, b, off, l) -> { });
        restored.restoreSnapshot(snapshot);
        assertEquals(lastSeq, restored.lastSeq());
        assertEquals(reference.finalStateHash(), restored.stateHash(), "final snapshot's state hash");
        engineLog.lines().filter(l -> l.contains("recovery:") || l.contains("torn") || l.contains("stopped:"))
            .forEach(System.out::println);
        System.out.printf("crash test: %d restarts, %d recoveries logged, %d torn journal entries seen, %d egress%n",
            KILLS + 1, count(engineLog, "tripwire run: recovery:"), count(engineLog, "journal: torn last entry"),
            count(engineLog, "egress: torn last entry"));
    }

    private static void awaitEgress(final Path egress, final long lastOutSeq)
    {
        final long[] seen = {0};
        try (JournalReader reader = new JournalReader(egress))
        {
            LiveTesting.await(() ->
            {
                reader.poll((kind, seq, timeNs, buffer, offset, length) ->
                {
                    if (kind == JournalRecordDescriptor.KIND_OUTPUT)
                    {
                        seen[0] = seq;
                    }
                }, 100_000);
                return seen[0] >= lastOutSeq;
            }, "the egress to reach outSeq " + lastOutSeq);
        }
    }

    private static int count(final String text, final String needle)
    {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1))
        {
            count++;
        }
        return count;
    }

    private static void publish(
        final Path ingress, final List<byte[]> frames, final List<long[]> envelopes, final int from, final int to)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        try (TripwireClient client = new TripwireClient(ingress))
        {
            for (int i = from; i < Math.min(to, frames.size()); i++)
            {
                frame.wrap(frames.get(i));
                client.send(envelopes.get(i)[0], envelopes.get(i)[1], frame, 0, frames.get(i).length);
            }
        }
    }
}

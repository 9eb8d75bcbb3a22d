package tripwire.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.PipelineListener;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.journal.ChronicleEventJournal;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.journal.TornTail;
import tripwire.postmortem.ReplayOrigin;

/**
 * The engine as a long-running process ({@code tripwire run}): tails the INGRESS queue, runs every input through
 * the {@link EnginePipeline} (ring, business logic, journal: each input journaled before its outputs) and appends
 * every output to the EGRESS queue. Snapshots the whole state every {@code snapshot.intervalEvents} inputs, on
 * {@link #requestSnapshot} and at {@link #stop}.
 *
 * <p>Start-up is recovery, so that a kill -9 at any moment loses and repeats nothing:
 * <ol>
 *   <li>a torn last journal entry (an incomplete Chronicle document) is logged and the journal rewritten without it;</li>
 *   <li>the newest whole snapshot is loaded (torn ones are logged and skipped);</li>
 *   <li>the journal's inputs after the snapshot are applied again; records the journal already holds are not
 *       journaled twice ({@link RecoveringJournal}) and outputs the egress already holds are not sent again;</li>
 *   <li>the configured reference data ({@link ReferenceData}, seqs -N..-1) is applied where the journal does not
 *       hold it yet: all of it at the first start, none of it at a restart (the rest of it after a crash inside it);</li>
 *   <li>ingress resumes after the last input seq the journal or the snapshot holds (at least 0); an ingress record
 *       whose seq is not above the last applied one is skipped and counted.</li>
 * </ol>
 * Output numbering continues where it stopped because the state (with its counters) is rebuilt exactly.
 *
 * <p>Threading: {@link #run} on one thread (the ingress poller, the ring's single producer); the business-logic
 * thread journals, applies, writes egress and snapshots; {@link #stop}, {@link #requestSnapshot} and the
 * accessors from any thread.
 */
public final class LiveEngine
{
    private final LiveConfig config;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean snapshotAsked;
    private volatile boolean snapshotRequested;
    private volatile long appliedSeq;
    private volatile long skippedIngressRecords;
    private volatile long finalStateHash;

    public LiveEngine(final LiveConfig config, final Consumer<String> log)
    {
        this.config = config;
        this.log = log;
    }

    /** Asks {@link #run} to drain, write a final snapshot and return. */
    public void stop()
    {
        running = false;
    }

    /** Waits until {@link #run} has returned. */
    public boolean awaitStopped(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return stopped.await(timeout, unit);
    }

    /** Asks for a snapshot after the inputs taken so far. */
    public void requestSnapshot()
    {
        snapshotAsked = true;
    }

    /** seq of the last input applied by the business-logic thread (0 before any). */
    public long appliedSeq()
    {
        return appliedSeq;
    }

    /** Ingress records skipped because their seq was not above the last applied one. */
    public long skippedIngressRecords()
    {
        return skippedIngressRecords;
    }

    /** The state hash journaled at the clean stop; valid once {@link #run} returned. */
    public long finalStateHash()
    {
        return finalStateHash;
    }

    /**
     * Recovers, then serves the ingress until {@link #stop}; returns after the final snapshot.
     *
     * @throws IllegalStateException when the journal or a snapshot was written with other capacities.
     */
    public void run()
    {
        try
        {
            serve();
        }
        finally
        {
            stopped.countDown();
        }
    }

    private void serve()
    {
        createDirectories();
        repairJournal();
        reportTornTail("egress", config.egressDir());
        reportTornTail("ingress", config.ingressDir());

        checkJournaledCapacities();
        final SnapshotStore snapshots = new SnapshotStore(config.snapshotDir(), config.snapshotKeep(), log);
        final Path snapshot = snapshots.newestValid();
        final JournalScan journal = JournalScan.of(config.journalDir());
        final long egressOutSeq = JournalScan.of(config.egressDir()).lastOutSeq;

        final ChronicleEventJournal egress = new ChronicleEventJournal(config.egressDir());
        final Listener listener = new Listener(egress, egressOutSeq, snapshots);
        final EnginePipeline pipeline = new EnginePipeline(
            config.engineConfig(),
            new RecoveringJournal(new ChronicleEventJournal(config.journalDir()), journal.hasConfig,
                journal.lastInputSeq, journal.lastOutSeq),
            listener,
            config.ringSize(),
            config.threading(),
            log);
        listener.engine = pipeline.engine();

        long snapshotSeq = ReplayOrigin.Start.NOTHING_APPLIED;
        if (snapshot != null)
        {
            pipeline.engine().restoreSnapshot(snapshot);
            snapshotSeq = pipeline.engine().lastSeq();
            appliedSeq = snapshotSeq;
        }
        final long replayed = replayJournalTail(pipeline, snapshotSeq, journal.lastInputSeq);
        pipeline.awaitProcessed();
        if (snapshotSeq > journal.lastInputSeq)
        {
            log.accept("recovery: the snapshot is at seq " + snapshotSeq + ", ahead of the journal's last input " +
                journal.lastInputSeq + " (journal lost its tail)");
        }
        final long recoveredSeq = Math.max(snapshotSeq, journal.lastInputSeq);
        final long resumeAfterSeq = Math.max(0, recoveredSeq);
        log.accept(String.format(
            "recovery: snapshot %s; %d journaled inputs re-applied%s; journal has %d outputs, egress %d;" +
                " outSeq now %d, ingress resumes after seq %d",
            snapshot == null ? "none" : snapshot.getFileName() + " (seq " + snapshotSeq + ")", replayed,
            replayed == 0 ? "" : " (up to seq " + journal.lastInputSeq + ")",
            journal.lastOutSeq, egressOutSeq, pipeline.engine().lastOutSeq(), resumeAfterSeq));
        applyReferenceData(pipeline, recoveredSeq, journal.referenceDataFrames);

        try (JournalReader ingress = new JournalReader(config.ingressDir()))
        {
            pollIngress(pipeline, ingress, resumeAfterSeq);
        }
        pipeline.awaitProcessed();
        snapshotRequested = true;
        pipeline.journalStateHash();
        pipeline.awaitProcessed();
        finalStateHash = pipeline.engine().stateHash();
        pipeline.close();
        egress.close();
        log.accept(String.format("stopped: lastSeq %d, lastOutSeq %d, state hash %016x, %d ingress records skipped",
            pipeline.engine().lastSeq(), pipeline.engine().lastOutSeq(), finalStateHash, skippedIngressRecords));
    }

    private void pollIngress(final EnginePipeline pipeline, final JournalReader ingress, final long resumeAfterSeq)
    {
        final long[] lastSeq = {resumeAfterSeq};
        final long idleParkNanos = TimeUnit.MICROSECONDS.toNanos(config.idleParkMicros());
        final IngressHandler handler = new IngressHandler(pipeline, lastSeq);
        while (running)
        {
            if (snapshotAsked)
            {
                snapshotAsked = false;
                snapshotRequested = true;
                pipeline.journalStateHash();
            }
            final int read = ingress.poll(handler, 256);
            if (read == 0 && idleParkNanos > 0)
            {
                LockSupport.parkNanos(idleParkNanos);
            }
        }
    }

    /** Publishes ingress inputs above the resume seq, in queue order. */
    private final class IngressHandler implements tripwire.journal.JournalRecordHandler
    {
        private final EnginePipeline pipeline;
        private final long[] lastSeq;

        IngressHandler(final EnginePipeline pipeline, final long[] lastSeq)
        {
            this.pipeline = pipeline;
            this.lastSeq = lastSeq;
        }

        @Override
        public void onRecord(
            final int kind, final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
        {
            if (kind != JournalRecordDescriptor.KIND_INPUT)
            {
                return;
            }
            if (seq <= lastSeq[0])
            {
                skippedIngressRecords++;
                return;
            }
            lastSeq[0] = seq;
            pipeline.publish(seq, timeNs, buffer, offset, length, 0);
        }
    }

    /** Publishes the configured definitions the journal does not hold yet (seq above what recovery applied). */
    private void applyReferenceData(
        final EnginePipeline pipeline, final long recoveredSeq, final Map<Long, byte[]> journaledFrames)
    {
        final ReferenceData referenceData = config.referenceData();
        if (referenceData.inputs().isEmpty())
        {
            return;
        }
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        int applied = 0;
        long firstDifferenceSeq = 0;
        for (final ScenarioEvent input : referenceData.inputs())
        {
            final byte[] journaled = journaledFrames.get(input.seq());
            if (firstDifferenceSeq == 0 && journaled != null && !Arrays.equals(journaled, input.frame()))
            {
                firstDifferenceSeq = input.seq();
            }
            if (input.seq() > recoveredSeq)
            {
                frame.wrap(input.frame());
                pipeline.publish(input.seq(), input.timeNs(), frame, 0, input.frame().length, 0);
                applied++;
            }
        }
        pipeline.awaitProcessed();
        final int size = referenceData.inputs().size();
        if (applied == 0 && journaledFrames.isEmpty())
        {
            log.accept(String.format("referenceData: WARNING %s not applied: the journal already holds inputs up to seq" +
                " %d without it (the key came after the first start); send its definitions through the ingress",
                referenceData.file(), recoveredSeq));
            return;
        }
        log.accept(applied == 0 ?
            String.format("referenceData: %s is in the journal already (%d inputs, seq %d..-1); not applied again",
                referenceData.file(), size, -size) :
            String.format("referenceData: %d of %d inputs of %s applied (seq %d..-1)",
                applied, size, referenceData.file(), -applied));
        if (firstDifferenceSeq != 0 || journaledFrames.keySet().stream().anyMatch(seq -> seq < -size))
        {
            log.accept(String.format("referenceData: WARNING %s is not what the journal applied at the first start" +
                    " (%s); the journaled definitions stay in force: send changed definitions through the ingress",
                referenceData.file(), firstDifferenceSeq != 0 ? "first difference at seq " + firstDifferenceSeq :
                    "the journal holds more definitions"));
        }
    }

    private long replayJournalTail(final EnginePipeline pipeline, final long afterSeq, final long upToSeq)
    {
        final long[] count = {0};
        try (JournalReader reader = new JournalReader(config.journalDir()))
        {
            reader.readAll((kind, seq, timeNs, buffer, offset, length) ->
            {
                if (kind == JournalRecordDescriptor.KIND_INPUT && seq > afterSeq && seq <= upToSeq)
                {
                    pipeline.publish(seq, timeNs, buffer, offset, length, 0);
                    count[0]++;
                }
            });
        }
        return count[0];
    }

    /** A journal (and its snapshots) belongs to the capacities it was started with: refuses others. */
    private void checkJournaledCapacities()
    {
        final EngineConfig journaled = JournalReader.readConfig(config.journalDir());
        final EngineConfig configured = config.engineConfig();
        if (journaled != null && (journaled.maxAccounts() != configured.maxAccounts() ||
            journaled.maxAssets() != configured.maxAssets() || journaled.maxMarkets() != configured.maxMarkets()))
        {
            throw new IllegalStateException(String.format(
                "engine.maxAccounts/engine.maxAssets/engine.maxMarkets are %d/%d/%d but the journal %s was written with" +
                    " %d/%d/%d: use those, or a new journal.dir and snapshot.dir",
                configured.maxAccounts(), configured.maxAssets(), configured.maxMarkets(), config.journalDir(),
                journaled.maxAccounts(), journaled.maxAssets(), journaled.maxMarkets()));
        }
    }

    private void repairJournal()
    {
        final TornTail.Finding torn = TornTail.find(config.journalDir());
        if (torn != null && torn.headerUnwritten())
        {
            log.accept("journal: torn last entry: " + torn + "; it was never journaled, the next append overwrites it");
        }
        else if (torn != null)
        {
            log.accept("journal: torn last entry: " + torn + "; rewriting the journal without it");
            final Path kept = TornTail.repair(config.journalDir());
            log.accept("journal: repaired; the damaged journal is kept at " + kept);
        }
    }

    private void reportTornTail(final String name, final Path directory)
    {
        final TornTail.Finding torn = TornTail.find(directory);
        if (torn != null)
        {
            log.accept(name + ": torn last entry: " + torn + (torn.headerUnwritten() ?
                "; the next append overwrites it" : "; a tailer stops there until the queue is repaired"));
        }
    }

    private void createDirectories()
    {
        try
        {
            Files.createDirectories(config.ingressDir());
            Files.createDirectories(config.egressDir());
            Files.createDirectories(config.journalDir());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * On the business-logic thread: sends each output the egress does not hold yet, counts applied inputs and
     * writes snapshots (every N inputs, and at a state-hash request once a snapshot was asked for).
     */
    private final class Listener implements PipelineListener
    {
        private final ChronicleEventJournal egress;
        private final long egressOutSeq;
        private final SnapshotStore snapshots;
        LiquidationEngine engine;
        private long sinceSnapshot;

        Listener(final ChronicleEventJournal egress, final long egressOutSeq, final SnapshotStore snapshots)
        {
            this.egress = egress;
            this.egressOutSeq = egressOutSeq;
            this.snapshots = snapshots;
        }

        @Override
        public void onOutput(
            final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
            final long intendedSendNanos)
        {
            if (outSeq > egressOutSeq)
            {
                egress.appendOutput(outSeq, timeNs, buffer, offset, length);
            }
        }

        @Override
        public void onInputApplied(final long seq, final long intendedSendNanos)
        {
            appliedSeq = seq;
            if (config.snapshotIntervalEvents() > 0 && ++sinceSnapshot >= config.snapshotIntervalEvents())
            {
                snapshot();
            }
        }

        @Override
        public void onStateHash(final long lastSeq, final long stateHash)
        {
            if (snapshotRequested)
            {
                snapshotRequested = false;
                snapshot();
            }
        }

        private void snapshot()
        {
            sinceSnapshot = 0;
            snapshots.write(engine);
        }
    }

    /**
     * What a queue (journal or egress) holds: its last input seq ({@link ReplayOrigin.Start#NOTHING_APPLIED} when none),
     * last outSeq (0 when none), whether it has a config record.
     */
    private static final class JournalScan
    {
        long lastInputSeq = ReplayOrigin.Start.NOTHING_APPLIED;
        long lastOutSeq;
        boolean hasConfig;
        /** Input frames at seqs below 0 (the configured reference data), by seq. */
        final Map<Long, byte[]> referenceDataFrames = new HashMap<>();

        static JournalScan of(final Path directory)
        {
            final JournalScan scan = new JournalScan();
            if (!Files.isDirectory(directory))
            {
                return scan;
            }
            try (JournalReader reader = new JournalReader(directory))
            {
                reader.readAll((kind, seq, timeNs, buffer, offset, length) ->
                {
                    switch (kind)
                    {
                        case JournalRecordDescriptor.KIND_INPUT ->
                        {
                            scan.lastInputSeq = Math.max(scan.lastInputSeq, seq);
                            if (seq < 0)
                            {
                                final byte[] frame = new byte[length];
                                buffer.getBytes(offset, frame);
                                scan.referenceDataFrames.put(seq, frame);
                            }
                        }
                        case JournalRecordDescriptor.KIND_OUTPUT -> scan.lastOutSeq = Math.max(scan.lastOutSeq, seq);
                        case JournalRecordDescriptor.KIND_CONFIG -> scan.hasConfig = true;
                        default ->
                        {
                        }
                    }
                });
            }
            return scan;
        }
    }
}

package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.demo.CrashScenario;
import tripwire.engine.LiquidationEngine;
import tripwire.journal.ChronicleEventJournal;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.journal.TornTail;
import tripwire.journal.TripwireClient;
import tripwire.replay.ReplayVerifier;

/**
 * A journal whose last entry was cut mid-write (its Chronicle header still says "not complete", the second half
 * of its payload never written) is reported at start-up, rewritten without that entry, and the engine goes on:
 * every earlier entry is kept, the lost input is taken again from the ingress, and the outputs and final state
 * equal those of a run that never broke.
 */
final class TornJournalRecoveryTest
{
    private static final int ACCOUNTS = 200;
    private static final int EVENTS = 3_000;
    private static final int JOURNALED_BEFORE_TEAR = 2_000;

    @TempDir
    Path root;

    @Test
    void tornLastJournalEntryIsReportedAndRecoveryLosesNoEarlierEntry() throws Exception
    {
        final List<byte[]> frames = new ArrayList<>();
        final long[] seqs = new long[EVENTS];
        final long[] times = new long[EVENTS];
        final CrashScenario scenario = new CrashScenario(11, ACCOUNTS, EVENTS);
        for (int i = 0; scenario.hasNext(); i++)
        {
            scenario.next();
            final byte[] frame = new byte[scenario.length()];
            scenario.buffer().getBytes(0, frame);
            frames.add(frame);
            seqs[i] = scenario.seq();
            times[i] = scenario.timeNs();
        }

        // The run that never broke.
        final Path reference = root.resolve("reference");
        final LiveConfig referenceConfig = LiveConfig.of(LiveTesting.properties(1024, 0), reference);
        publish(referenceConfig.ingressDir(), frames, seqs, times, 0, EVENTS);
        final LiveEngine unbroken = new LiveEngine(referenceConfig, line -> { });
        LiveTesting.start(unbroken);
        LiveTesting.await(() -> unbroken.appliedSeq() == seqs[EVENTS - 1], "the reference run");
        LiveTesting.stop(unbroken);

        // A journal as the engine leaves it when it dies while appending input JOURNALED_BEFORE_TEAR + 1.
        final Path broken = root.resolve("broken");
        final LiveConfig config = LiveConfig.of(LiveTesting.properties(1024, 0), broken);
        publish(config.ingressDir(), frames, seqs, times, 0, EVENTS);
        try (ChronicleEventJournal journal = new ChronicleEventJournal(config.journalDir()))
        {
            journal.appendConfig(config.engineConfig());
            final LiquidationEngine engine = new LiquidationEngine(config.engineConfig(), journal::appendOutput);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
            for (int i = 0; i <= JOURNALED_BEFORE_TEAR; i++)
            {
                frame.wrap(frames.get(i));
                journal.appendInput(seqs[i], times[i], frame, 0, frames.get(i).length);
                if (i < JOURNALED_BEFORE_TEAR)
                {
                    engine.onInput(seqs[i], times[i], frame, 0, frames.get(i).length);
                }
            }
        }
        final List<String> inputsBefore = LiveTesting.records(config.journalDir(), JournalRecordDescriptor.KIND_INPUT);
        final List<String> outputsBefore = LiveTesting.records(config.journalDir(), JournalRecordDescriptor.KIND_OUTPUT);
        tearLastEntry(config.journalDir());
        assertNotNull(TornTail.find(config.journalDir()), "the tear is seen");

        final List<String> log = new CopyOnWriteArrayList<>();
        final LiveEngine engine = new LiveEngine(config, log::add);
        LiveTesting.start(engine);
        LiveTesting.await(() -> engine.appliedSeq() == seqs[EVENTS - 1], "the recovered run");
        LiveTesting.stop(engine);

        assertTrue(log.stream().anyMatch(l -> l.startsWith("journal: torn last entry: incomplete document at")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains(JOURNALED_BEFORE_TEAR + " journaled inputs re-applied")), log.toString());
        assertNull(TornTail.find(config.journalDir()), "the repaired journal ends cleanly");
        final List<String> inputsAfter = LiveTesting.records(config.journalDir(), JournalRecordDescriptor.KIND_INPUT);
        assertEquals(inputsBefore.subList(0, JOURNALED_BEFORE_TEAR), inputsAfter.subList(0, JOURNALED_BEFORE_TEAR),
            "every entry before the torn one is kept");
        assertEquals(EVENTS, inputsAfter.size(), "the torn input was taken again from the ingress, once");
        final List<String> outputsAfter = LiveTesting.records(config.journalDir(), JournalRecordDescriptor.KIND_OUTPUT);
        assertEquals(outputsBefore, outputsAfter.subList(0, outputsBefore.size()));
        assertEquals(LiveTesting.egress(referenceConfig.egressDir()), LiveTesting.egress(config.egressDir()));
        assertEquals(unbroken.finalStateHash(), engine.finalStateHash());
        final ReplayVerifier.Result replay = verify(config.journalDir(), config);
        assertTrue(replay.ok(), replay.firstDifference());
        assertEquals(unbroken.finalStateHash(), replay.finalStateHash());
    }

    static ReplayVerifier.Result verify(final Path journal, final LiveConfig config)
    {
        final ReplayVerifier verifier = new ReplayVerifier(config.engineConfig());
        try (JournalReader reader = new JournalReader(journal))
        {
            reader.readAll((kind, seq, timeNs, buffer, offset, length) ->
            {
                switch (kind)
                {
                    case JournalRecordDescriptor.KIND_INPUT -> verifier.onInput(seq, timeNs, buffer, offset, length);
                    case JournalRecordDescriptor.KIND_OUTPUT -> verifier.onOutput(seq, buffer, offset, length);
                    case JournalRecordDescriptor.KIND_STATE_HASH ->
                        verifier.onStateHash(seq, buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
                    default ->
                    {
                    }
                }
            });
        }
        return verifier.finish();
    }

    private static void publish(
        final Path ingress, final List<byte[]> frames, final long[] seqs, final long[] times, final int from, final int to)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        try (TripwireClient client = new TripwireClient(ingress))
        {
            for (int i = from; i < to; i++)
            {
                frame.wrap(frames.get(i));
                client.send(seqs[i], times[i], frame, 0, frames.get(i).length);
            }
        }
    }

    /** Marks the last document's header "not complete" and zeroes the second half of its payload. */
    private static void tearLastEntry(final Path directory) throws IOException
    {
        long header = -1;
        long length = 0;
        Path file = null;
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(RollCycles.FAST_DAILY).blockSize(ChronicleEventJournal.BLOCK_SIZE_BYTES).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    header = bytes.readPosition() - Integer.BYTES;
                    length = bytes.readRemaining();
                    file = tailer.currentFile().toPath();
                }
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer word = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(word, header);
            word.putInt(0, word.getInt(0) | 0x8000_0000);
            word.rewind();
            channel.write(word, header);
            channel.write(ByteBuffer.allocate((int)(length - length / 2)), header + Integer.BYTES + length / 2);
        }
    }
}

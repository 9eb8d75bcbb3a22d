package tripwire.cli;

import java.nio.ByteOrder;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.demo.CrashScenario;
import tripwire.engine.EngineConfig;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.PipelineListener;
import tripwire.journal.ChronicleEventJournal;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.replay.ReplayVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal written by the live pipeline replays, through a fresh engine, to exactly the same outputs and
 * state hash; and a journal whose outputs were tampered with is caught, with the first difference named.
 */
class JournalReplayTest
{
    private static final int ACCOUNTS = 2_000;
    private static final long EVENTS = 60_000;

    @TempDir
    Path original;

    @TempDir
    Path tampered;

    @Test
    void shouldReproduceEveryOutputAndTheStateHashFromTheJournal()
    {
        final long stateHash = runCrash(original);

        final ReplayVerifier.Result result = JournalReplay.verify(original, EngineConfig.defaults());

        assertTrue(result.ok(), result::toString);
        assertEquals(stateHash, result.finalStateHash());
        assertTrue(result.outputs() > 100, "the crash should liquidate accounts: " + result);
        assertTrue(result.inputs() >= EVENTS, result::toString);
    }

    @Test
    void shouldNameTheFirstDifferenceWhenAJournaledOutputWasAltered()
    {
        runCrash(original);
        final long[] outputsSeen = {0};
        try (ChronicleEventJournal copy = new ChronicleEventJournal(tampered);
            JournalReader reader = new JournalReader(original))
        {
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
            reader.readAll((kind, seq, timeNs, buffer, offset, length) ->
            {
                switch (kind)
                {
                    case JournalRecordDescriptor.KIND_CONFIG:
                        copy.appendConfig(new EngineConfig(
                            buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN),
                            buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN),
                            buffer.getInt(offset + 8, ByteOrder.LITTLE_ENDIAN)));
                        break;
                    case JournalRecordDescriptor.KIND_INPUT:
                        copy.appendInput(seq, timeNs, buffer, offset, length);
                        break;
                    case JournalRecordDescriptor.KIND_OUTPUT:
                        scratch.putBytes(0, buffer, offset, length);
                        if (++outputsSeen[0] == 10)
                        {
                            scratch.putByte(length - 1, (byte)(scratch.getByte(length - 1) ^ 1));
                        }
                        copy.appendOutput(seq, timeNs, scratch, 0, length);
                        break;
                    case JournalRecordDescriptor.KIND_STATE_HASH:
                        copy.appendStateHash(seq, timeNs, buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
                        break;
                    default:
                        break;
                }
            });
        }

        final ReplayVerifier.Result result = JournalReplay.verify(tampered, EngineConfig.defaults());

        assertFalse(result.ok());
        assertTrue(result.firstDifference().startsWith("output outSeq 10 differs"), result::toString);
    }

    private static long runCrash(final Path journal)
    {
        final CrashScenario scenario = new CrashScenario(7, ACCOUNTS, EVENTS);
        final EngineConfig config = EngineConfig.defaults().withMaxAccounts(ACCOUNTS + 1);
        try (EnginePipeline pipeline = new EnginePipeline(config, new ChronicleEventJournal(journal), PipelineListener.NONE))
        {
            while (scenario.hasNext())
            {
                scenario.next();
                pipeline.publish(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length(), 0);
            }
            pipeline.awaitProcessed();
            return pipeline.engine().stateHash();
        }
    }
}

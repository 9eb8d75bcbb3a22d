package tripwire.cli;

import java.nio.ByteOrder;
import java.nio.file.Path;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.engine.EngineConfig;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.journal.JournalRecordHandler;
import tripwire.postmortem.ReplayProgress;
import tripwire.replay.ReplayVerifier;

/** Feeds a journal directory, record by record, to a {@link ReplayVerifier}. */
final class JournalReplay
{
    private JournalReplay()
    {
    }

    /**
     * @param fallback the capacities to replay with when the journal does not record its own.
     */
    static ReplayVerifier.Result verify(final Path journalDir, final EngineConfig fallback)
    {
        return verifyTimed(journalDir, fallback, ReplayProgress.NONE).result();
    }

    /**
     * A verification and its two phases' wall-clock times: opening (reading the journal's configuration, building
     * the engine at its capacities, opening the queue) and replaying (every record, then the final state hash).
     */
    record Timed(ReplayVerifier.Result result, long openNanos, long replayNanos)
    {
        long inputsPerSecond()
        {
            return perSecond(result.inputs());
        }

        /** Journal records (inputs and outputs) replayed or compared per second. */
        long recordsPerSecond()
        {
            return perSecond(result.inputs() + result.outputs());
        }

        private long perSecond(final long count)
        {
            return count * 1_000_000_000L / Math.max(1, replayNanos);
        }
    }

    /**
     * As {@link #verify}, timing its phases (off the engine: the caller's clock).
     *
     * @param progress told the inputs replayed every few thousand records and the liquidation orders read.
     */
    static Timed verifyTimed(final Path journalDir, final EngineConfig fallback, final ReplayProgress progress)
    {
        final long openStartNanos = System.nanoTime();
        final EngineConfig journaled = JournalReader.readConfig(journalDir);
        final ReplayVerifier verifier = new ReplayVerifier(journaled != null ? journaled : fallback);
        final long replayStartNanos;
        try (JournalReader reader = new JournalReader(journalDir))
        {
            replayStartNanos = System.nanoTime();
            final long[] inputs = {0};
            final long[] orders = {0};
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final JournalRecordHandler handler = (kind, seq, timeNs, buffer, offset, length) ->
            {
                switch (kind)
                {
                    case JournalRecordDescriptor.KIND_INPUT:
                        inputs[0]++;
                        verifier.onInput(seq, timeNs, buffer, offset, length);
                        break;
                    case JournalRecordDescriptor.KIND_OUTPUT:
                        if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                            header.wrap(buffer, offset).templateId() == LiquidationOrderDecoder.TEMPLATE_ID)
                        {
                            orders[0]++;
                        }
                        verifier.onOutput(seq, buffer, offset, length);
                        break;
                    case JournalRecordDescriptor.KIND_STATE_HASH:
                        verifier.onStateHash(seq, buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
                        break;
                    default:
                        break;
                }
            };
            while (reader.poll(handler, 4096) > 0)
            {
                progress.update(inputs[0], orders[0]);
            }
        }
        final ReplayVerifier.Result result = verifier.finish();
        final long endNanos = System.nanoTime();
        return new Timed(result, replayStartNanos - openStartNanos, endNanos - replayStartNanos);
    }
}

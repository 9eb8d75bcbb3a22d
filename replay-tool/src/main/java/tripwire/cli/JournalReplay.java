package tripwire.cli;

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
        return verify(journalDir, fallback, ReplayProgress.NONE);
    }

    /**
     * @param fallback the capacities to replay with when the journal does not record its own.
     * @param progress told the inputs replayed every few thousand records and the liquidation orders read.
     */
    static ReplayVerifier.Result verify(final Path journalDir, final EngineConfig fallback, final ReplayProgress progress)
    {
        final EngineConfig journaled = JournalReader.readConfig(journalDir);
        final ReplayVerifier verifier = new ReplayVerifier(journaled != null ? journaled : fallback);
        try (JournalReader reader = new JournalReader(journalDir))
        {
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
                        verifier.onStateHash(seq, buffer.getLong(offset, java.nio.ByteOrder.LITTLE_ENDIAN));
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
        return verifier.finish();
    }
}

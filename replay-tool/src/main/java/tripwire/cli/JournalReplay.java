package tripwire.cli;

import java.nio.file.Path;

import tripwire.engine.EngineConfig;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
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
        final EngineConfig journaled = JournalReader.readConfig(journalDir);
        final ReplayVerifier verifier = new ReplayVerifier(journaled != null ? journaled : fallback);
        try (JournalReader reader = new JournalReader(journalDir))
        {
            reader.readAll((kind, seq, timeNs, buffer, offset, length) ->
            {
                switch (kind)
                {
                    case JournalRecordDescriptor.KIND_INPUT:
                        verifier.onInput(seq, timeNs, buffer, offset, length);
                        break;
                    case JournalRecordDescriptor.KIND_OUTPUT:
                        verifier.onOutput(seq, buffer, offset, length);
                        break;
                    case JournalRecordDescriptor.KIND_STATE_HASH:
                        verifier.onStateHash(seq, buffer.getLong(offset, java.nio.ByteOrder.LITTLE_ENDIAN));
                        break;
                    default:
                        break;
                }
            });
        }
        return verifier.finish();
    }
}

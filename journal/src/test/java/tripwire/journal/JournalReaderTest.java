package tripwire.journal;

import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.engine.EngineConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link JournalReader#lastInputSeq}, the progress bar's total, is found from the journal's end: back through the
 * outputs of the last input to that input, or to a state hash written after it.
 */
class JournalReaderTest
{
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);

    @TempDir
    Path directory;

    @Test
    void aJournalWithoutInputsHasNone()
    {
        try (ChronicleEventJournal journal = new ChronicleEventJournal(directory))
        {
            journal.appendConfig(EngineConfig.defaults());
        }
        assertEquals(0, JournalReader.lastInputSeq(directory));
    }

    @Test
    void lastInputIsFoundBehindItsOutputs()
    {
        try (ChronicleEventJournal journal = new ChronicleEventJournal(directory))
        {
            journal.appendConfig(EngineConfig.defaults());
            for (long seq = 1; seq <= 7; seq++)
            {
                journal.appendInput(seq, 1_000 * seq, frame, 0, frame.capacity());
                journal.appendOutput(2 * seq, 1_000 * seq, frame, 0, frame.capacity());
                journal.appendOutput(2 * seq + 1, 1_000 * seq, frame, 0, frame.capacity());
            }
        }
        assertEquals(7, JournalReader.lastInputSeq(directory));
    }

    @Test
    void aClosingStateHashNamesTheLastInputApplied()
    {
        try (ChronicleEventJournal journal = new ChronicleEventJournal(directory))
        {
            journal.appendConfig(EngineConfig.defaults());
            for (long seq = 1; seq <= 3; seq++)
            {
                journal.appendInput(seq, 1_000 * seq, frame, 0, frame.capacity());
            }
            journal.appendOutput(9, 3_000, frame, 0, frame.capacity());
            journal.appendStateHash(3, 3_000, 0x1234L);
        }
        assertEquals(3, JournalReader.lastInputSeq(directory));
    }
}

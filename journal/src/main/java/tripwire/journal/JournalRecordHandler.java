package tripwire.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal records in order. The buffer wraps the queue's mapped memory and is valid only during the
 * call: copy what you keep.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * @param kind    one of {@link JournalRecordDescriptor}'s kinds.
     * @param seq     input seq, outSeq, or for a state hash the last input seq applied.
     * @param timeNs  event time.
     * @param offset  where the payload starts in {@code buffer}.
     * @param length  payload bytes.
     */
    void onRecord(int kind, long seq, long timeNs, DirectBuffer buffer, int offset, int length);
}

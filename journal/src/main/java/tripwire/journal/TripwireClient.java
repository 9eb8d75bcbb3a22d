package tripwire.journal;

import java.nio.file.Path;

import org.agrona.DirectBuffer;

/**
 * A feeder's handle on a live engine's ingress queue (a Chronicle Queue directory): each {@link #send} appends
 * one SBE input frame with its envelope (seq, event time) as a {@link JournalRecordDescriptor#KIND_INPUT}
 * record, which the engine tails. Any number of processes may send to one ingress; the engine applies records
 * in queue order and skips a record whose seq is not above the last seq it applied (a resend).
 *
 * <p>The record is in the memory-mapped queue file when {@link #send} returns: it survives a crash of the
 * sending process. Threading: one thread per client. Allocates nothing per send.
 */
public final class TripwireClient implements AutoCloseable
{
    private final ChronicleEventJournal ingress;

    /** Opens (creating when absent) the ingress queue in {@code ingressDirectory}. */
    public TripwireClient(final Path ingressDirectory)
    {
        this.ingress = new ChronicleEventJournal(ingressDirectory);
    }

    /**
     * Appends one input frame.
     *
     * @param seq    the input's sequence number: at least 1 (seqs -N..-1 are the configured reference data, see
     *               docs/live-engine.md) and strictly increasing across everything sent to this ingress.
     * @param timeNs the input's event time in nanoseconds.
     */
    public void send(final long seq, final long timeNs, final DirectBuffer frame, final int offset, final int length)
    {
        ingress.appendInput(seq, timeNs, frame, offset, length);
    }

    @Override
    public void close()
    {
        ingress.close();
    }
}

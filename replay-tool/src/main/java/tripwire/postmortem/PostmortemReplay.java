package tripwire.postmortem;

import java.nio.file.Path;

import org.agrona.DirectBuffer;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.journal.JournalRecordHandler;

/**
 * Replays a journal directory into an engine from a {@link ReplayOrigin} up to a {@link ReplayBound}, handing every
 * input (after the engine applied it) and every journaled output to a {@link PostmortemListener}. The journal is read
 * zero-copy ({@link JournalReader}); the engine's own replayed outputs are dropped (verification is
 * {@code ReplayVerifier}'s job). Single-threaded; one replay per instance.
 */
public final class PostmortemReplay implements JournalRecordHandler
{
    private static final int BATCH = 4096;

    private final PostmortemListener listener;
    private final ReplayBound bound;
    private final ReplayProgress progress;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private LiquidationEngine engine;
    private long skipInputsUpToSeq;
    private long skipOutputsUpToOutSeq;
    private boolean stopped;
    private long inputs;
    private long outputs;
    private long liquidationOrders;

    private PostmortemReplay(final PostmortemListener listener, final ReplayBound bound, final ReplayProgress progress)
    {
        this.listener = listener;
        this.bound = bound;
        this.progress = progress;
    }

    /**
     * @param fallback capacities to replay with when the journal does not record its own.
     * @return what was replayed, with the engine in its state at the bound.
     */
    public static Outcome run(
        final Path journalDir,
        final EngineConfig fallback,
        final ReplayOrigin origin,
        final ReplayBound bound,
        final PostmortemListener listener,
        final ReplayProgress progress)
    {
        final EngineConfig journaled = JournalReader.readConfig(journalDir);
        final PostmortemReplay replay = new PostmortemReplay(listener, bound, progress);
        final OutputSink dropReplayedOutputs = (outSeq, timeNs, buffer, offset, length) -> { };
        final ReplayOrigin.Start start =
            origin.open(journalDir, journaled != null ? journaled : fallback, bound, dropReplayedOutputs);
        replay.engine = start.engine();
        replay.skipInputsUpToSeq = start.afterSeq();
        replay.skipOutputsUpToOutSeq = start.engine().lastOutSeq();
        listener.onStart(start.engine());
        try (JournalReader reader = new JournalReader(journalDir))
        {
            while (!replay.stopped && reader.poll(replay, BATCH) > 0)
            {
                progress.update(replay.inputs, replay.liquidationOrders);
            }
        }
        return new Outcome(replay.inputs, replay.outputs, replay.engine);
    }

    @Override
    public void onRecord(
        final int kind, final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (stopped)
        {
            return;
        }
        if (kind == JournalRecordDescriptor.KIND_INPUT)
        {
            if (seq <= skipInputsUpToSeq)
            {
                return;
            }
            if (bound.isBeyond(seq, timeNs))
            {
                stopped = true;
                return;
            }
            engine.onInput(seq, timeNs, buffer, offset, length);
            inputs++;
            listener.onInput(seq, timeNs, buffer, offset, length, engine);
        }
        else if (kind == JournalRecordDescriptor.KIND_OUTPUT && seq > skipOutputsUpToOutSeq)
        {
            outputs++;
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                header.wrap(buffer, offset).templateId() == LiquidationOrderDecoder.TEMPLATE_ID)
            {
                liquidationOrders++;
            }
            listener.onOutput(seq, timeNs, buffer, offset, length, engine);
        }
    }

    /**
     * @param inputs  inputs applied by this replay (not those an origin's snapshot held).
     * @param outputs journaled outputs handed to the listener.
     * @param engine  the engine, in its state after the last input applied.
     */
    public record Outcome(long inputs, long outputs, LiquidationEngine engine)
    {
    }
}

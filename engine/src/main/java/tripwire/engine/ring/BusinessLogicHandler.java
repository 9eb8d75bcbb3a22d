package tripwire.engine.ring;

import java.util.concurrent.CountDownLatch;

import com.lmax.disruptor.EventHandler;
import org.agrona.DirectBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;
import tripwire.engine.journal.EventJournal;

/**
 * The one consumer of the input ring, on the one business-logic thread. For each input, in ring order:
 * <ol>
 *   <li>journal the input frame (so no output exists for an input that is not journaled);</li>
 *   <li>apply it to the engine, which emits outputs;</li>
 *   <li>each output is journaled, then handed to the listener.</li>
 * </ol>
 * Allocates nothing per event.
 */
final class BusinessLogicHandler implements EventHandler<FrameEvent>, OutputSink
{
    private final LiquidationEngine engine;
    private final EventJournal journal;
    private final PipelineListener listener;
    private final CountDownLatch started = new CountDownLatch(1);
    private long currentIntendedSendNanos;

    BusinessLogicHandler(final EngineConfig config, final EventJournal journal, final PipelineListener listener)
    {
        this.journal = journal;
        this.listener = listener;
        this.engine = new LiquidationEngine(config, this);
    }

    LiquidationEngine engine()
    {
        return engine;
    }

    CountDownLatch started()
    {
        return started;
    }

    @Override
    public void onStart()
    {
        journal.appendConfig(engine.config());
        started.countDown();
    }

    @Override
    public void onEvent(final FrameEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.kind == FrameEvent.KIND_INPUT)
        {
            currentIntendedSendNanos = event.intendedSendNanos;
            listener.onInputTaken(event.seq);
            journal.appendInput(event.seq, event.timeNs, event.frame, 0, event.length);
            engine.onInput(event.seq, event.timeNs, event.frame, 0, event.length);
            listener.onInputApplied(event.seq, event.intendedSendNanos);
        }
        else if (event.kind == FrameEvent.KIND_STATE_HASH)
        {
            final long stateHash = engine.stateHash();
            journal.appendStateHash(engine.lastSeq(), engine.lastTimeNs(), stateHash);
            listener.onStateHash(engine.lastSeq(), stateHash);
        }
    }

    @Override
    public void onOutput(final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        journal.appendOutput(outSeq, timeNs, buffer, offset, length);
        listener.onOutput(outSeq, timeNs, buffer, offset, length, currentIntendedSendNanos);
    }
}

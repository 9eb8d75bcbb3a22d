package tripwire.engine.ring;

import com.lmax.disruptor.EventFactory;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.state.OffHeap;

/**
 * Makes the ring's slots, each with its frame in off-heap memory carved from slabs of up to
 * {@link #FRAMES_PER_SLAB} frames, back to back in slot order. Off-heap like every other buffer the engine reads
 * (its state, the journal's frames in a replay or a recovery): one on-heap buffer among them makes the JIT discard
 * compiled engine code when it first comes (docs/PERF.md, "Replay").
 *
 * <p>Called by the Disruptor while it builds the ring, on the thread that builds the pipeline.
 */
final class FrameSlabs implements EventFactory<FrameEvent>
{
    /** 2 MiB slabs: one allocation for a small ring, no single buffer near its 2 GiB limit for a large one. */
    static final int FRAMES_PER_SLAB = 4096;

    private int framesLeft;
    private UnsafeBuffer slab;
    private int nextFrame;

    /** @param frames the ring's size: slabs are not made larger than the frames still to come. */
    FrameSlabs(final int frames)
    {
        this.framesLeft = frames;
    }

    @Override
    public FrameEvent newInstance()
    {
        if (slab == null || nextFrame == slab.capacity() / FrameEvent.MAX_FRAME_LENGTH)
        {
            final int frames = Math.max(1, Math.min(framesLeft, FRAMES_PER_SLAB));
            slab = OffHeap.allocate((long)frames * FrameEvent.MAX_FRAME_LENGTH);
            nextFrame = 0;
        }
        framesLeft--;
        // The slice keeps the slab's ByteBuffer reachable, so the memory lives as long as the ring.
        final int offset = nextFrame++ * FrameEvent.MAX_FRAME_LENGTH;
        return new FrameEvent(new UnsafeBuffer(slab, offset, FrameEvent.MAX_FRAME_LENGTH));
    }
}

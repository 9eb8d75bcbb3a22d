package tripwire.engine;

import org.agrona.DirectBuffer;

/**
 * Receives each output frame (SBE {@code LiquidationOrder}, {@code Rejection}, ...) the moment the engine
 * emits it. Called on the business-logic thread; the buffer is the engine's and valid only during the call.
 */
@FunctionalInterface
public interface OutputSink
{
    void onOutput(long outSeq, long timeNs, DirectBuffer buffer, int offset, int length);
}

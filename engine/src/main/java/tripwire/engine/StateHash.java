package tripwire.engine;

import org.agrona.DirectBuffer;

/**
 * A 64-bit, platform-independent hash of longs and buffer regions (read as little-endian longs), for
 * comparing engine states. Not cryptographic: it detects divergence, it does not resist forgery.
 */
final class StateHash
{
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private long value = 0x243F6A8885A308D3L;

    void mix(final long v)
    {
        long x = value ^ (v * MULTIPLIER);
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 32;
        value = Long.rotateLeft(x, 17) + MULTIPLIER;
    }

    void mix(final DirectBuffer buffer, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            mix(buffer.getLong(i, java.nio.ByteOrder.LITTLE_ENDIAN));
        }
        for (; i < length; i++)
        {
            mix(buffer.getByte(i));
        }
        mix(length);
    }

    long value()
    {
        return value;
    }
}

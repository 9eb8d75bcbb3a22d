package tripwire.engine;

import java.nio.ByteOrder;

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
            mix(buffer.getLong(i, ByteOrder.LITTLE_ENDIAN));
        }
        for (; i < length; i++)
        {
            mix(buffer.getByte(i));
        }
        mix(length);
    }

    /**
     * As {@link #mix(DirectBuffer, int)} over {@code length} bytes of records of {@code recordLength} bytes (a
     * multiple of 8, dividing {@code length}), reading the long at {@code derivedWordOffset} of every record as 0:
     * for a word that is derived from the rest of its record (a cache of it, not state), so that the hash is
     * the one of the record as it was before the word was kept.
     */
    void mixRecords(final DirectBuffer buffer, final int length, final int recordLength, final int derivedWordOffset)
    {
        for (int record = 0; record < length; record += recordLength)
        {
            for (int i = 0; i < recordLength; i += Long.BYTES)
            {
                mix(i == derivedWordOffset ? 0L : buffer.getLong(record + i, ByteOrder.LITTLE_ENDIAN));
            }
        }
        mix(length);
    }

    long value()
    {
        return value;
    }
}

package tripwire.engine.state;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/** Reads NUL-padded ASCII names out of records. Allocates: for output rendering, never the hot path. */
public final class NameCodec
{
    private NameCodec()
    {
    }

    public static String read(final DirectBuffer buffer, final int offset, final int maxLength)
    {
        int length = 0;
        while (length < maxLength && buffer.getByte(offset + length) != 0)
        {
            length++;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

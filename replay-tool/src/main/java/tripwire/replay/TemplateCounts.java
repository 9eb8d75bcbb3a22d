package tripwire.replay;

import java.util.Map;
import java.util.TreeMap;

import org.agrona.DirectBuffer;

import tripwire.codecs.MessageHeaderDecoder;

/**
 * Journal frames counted by SBE template id, an unsigned 16-bit header field (so every id has its slot, known to
 * this schema or not), with one more slot for frames shorter than a message header: the counts by type that
 * {@code verify} and {@code summary} print.
 *
 * <p>One thread. {@link #count} allocates nothing; {@link #byTemplate} does (off the replay's path).
 */
public final class TemplateCounts
{
    /** The key {@link #byTemplate} gives frames shorter than a message header. */
    public static final int SHORT_FRAME = -1;

    private static final int TEMPLATE_IDS = 1 << 16;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    /** counts[id] for template id {@code id}; counts[TEMPLATE_IDS] for short frames. */
    private final long[] counts = new long[TEMPLATE_IDS + 1];

    /** Counts one frame; returns its template id, or {@link #SHORT_FRAME}. */
    public int count(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            counts[TEMPLATE_IDS]++;
            return SHORT_FRAME;
        }
        final int templateId = header.wrap(buffer, offset).templateId();
        counts[templateId]++;
        return templateId;
    }

    /** Every template id counted at least once, ascending ({@link #SHORT_FRAME} first), with its count. */
    public Map<Integer, Long> byTemplate()
    {
        final Map<Integer, Long> byTemplate = new TreeMap<>();
        for (int slot = 0; slot < counts.length; slot++)
        {
            if (counts[slot] != 0)
            {
                byTemplate.put(slot == TEMPLATE_IDS ? SHORT_FRAME : slot, counts[slot]);
            }
        }
        return byTemplate;
    }
}

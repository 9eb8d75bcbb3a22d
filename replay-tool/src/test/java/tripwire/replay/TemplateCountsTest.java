package tripwire.replay;

import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.codecs.MessageHeaderEncoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What {@code verify} and {@code summary} print as counts by type: every template id of the 16-bit header field
 * under its own key, known to the schema or not, and frames too short for a header under {@code -1}.
 */
class TemplateCountsTest
{
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    @Test
    void shouldCountEveryTemplateIdUnderItsOwnKeyAndShortFramesUnderMinusOne()
    {
        final TemplateCounts counts = new TemplateCounts();
        assertEquals(5, counts.count(frameOf(5), 0, 16));
        assertEquals(5, counts.count(frameOf(5), 0, 16));
        assertEquals(100, counts.count(frameOf(100), 0, 16));
        assertEquals(65_535, counts.count(frameOf(65_535), 0, MessageHeaderEncoder.ENCODED_LENGTH));
        assertEquals(TemplateCounts.SHORT_FRAME, counts.count(frameOf(5), 0, MessageHeaderEncoder.ENCODED_LENGTH - 1));
        assertEquals(TemplateCounts.SHORT_FRAME, counts.count(frame, 0, 0));

        assertEquals(Map.of(-1, 2L, 5, 2L, 100, 1L, 65_535, 1L), counts.byTemplate());
        assertEquals(-1, counts.byTemplate().keySet().iterator().next(), "short frames first");
    }

    @Test
    void shouldReportNothingBeforeTheFirstFrame()
    {
        assertEquals(Map.of(), new TemplateCounts().byTemplate());
    }

    private UnsafeBuffer frameOf(final int templateId)
    {
        header.wrap(frame, 0).blockLength(8).templateId(templateId)
            .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(MessageHeaderEncoder.SCHEMA_VERSION);
        return frame;
    }
}

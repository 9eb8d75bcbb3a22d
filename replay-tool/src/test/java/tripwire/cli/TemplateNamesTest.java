package tripwire.cli;

import org.junit.jupiter.api.Test;

import tripwire.codecs.FillDecoder;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.replay.TemplateCounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names {@code verify} and {@code summary} print beside their counts by type. */
class TemplateNamesTest
{
    @Test
    void shouldNameKnownTemplatesShortFramesAndOtherIds()
    {
        assertEquals("fill", TemplateNames.of(FillDecoder.TEMPLATE_ID));
        assertEquals("liquidationOrder", TemplateNames.of(LiquidationOrderDecoder.TEMPLATE_ID));
        assertEquals("shorter than a header", TemplateNames.of(TemplateCounts.SHORT_FRAME));
        assertEquals("template 100", TemplateNames.of(100));
    }
}

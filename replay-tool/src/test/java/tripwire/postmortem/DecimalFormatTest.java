package tripwire.postmortem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SBE Decimals render as the plain digits the sender wrote; the flat JSON of events parses back field by field. */
class DecimalFormatTest
{
    @Test
    void shouldRenderMantissaTimesPowerOfTenAsPlainDigits()
    {
        assertEquals("1.5", DecimalFormat.plain(15, -1));
        assertEquals("94.7", DecimalFormat.plain(9470, -2));
        assertEquals("300", DecimalFormat.plain(3, 2));
        assertEquals("0.00000001", DecimalFormat.plain(1, -8));
        assertEquals("-0.3", DecimalFormat.plain(-3, -1));
        assertEquals("0", DecimalFormat.plain(0, -4));
        assertEquals("0", DecimalFormat.plain(0, 3));
        assertEquals("unrepresentable", DecimalFormat.plain(Long.MIN_VALUE, 0));
    }

    @Test
    void flatJsonShouldGiveEachFieldsTextIncludingEscapes()
    {
        final Map<String, String> fields = FlatJson.parse(
            "{\"type\":\"undecodable\",\"problem\":\"BAD_FIELD\",\"text\":\"a \\\"b\\\" \\u0001 c\",\"n\":12,\"ok\":true}");

        assertEquals(Map.of("type", "undecodable", "problem", "BAD_FIELD", "text", "a \"b\" \u0001 c", "n", "12", "ok", "true"),
            fields);
        assertEquals("[type, problem, text, n, ok]", fields.keySet().toString());
    }
}

package tripwire.postmortem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the flat JSON objects {@link InputJson} and {@code OutputJson} render (string, number and boolean values,
 * no nesting) into an ordered field map of their text values, for tabular export. Allocates.
 */
final class FlatJson
{
    private FlatJson()
    {
    }

    /** @throws IllegalArgumentException when the text is not such an object. */
    static Map<String, String> parse(final String json)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        int i = skipSpace(json, 0);
        expect(json, i, '{');
        i = skipSpace(json, i + 1);
        if (json.charAt(i) == '}')
        {
            return fields;
        }
        while (true)
        {
            final StringBuilder key = new StringBuilder();
            i = readString(json, skipSpace(json, i), key);
            i = skipSpace(json, i);
            expect(json, i, ':');
            i = skipSpace(json, i + 1);
            final StringBuilder value = new StringBuilder();
            if (json.charAt(i) == '"')
            {
                i = readString(json, i, value);
            }
            else
            {
                while (i < json.length() && json.charAt(i) != ',' && json.charAt(i) != '}')
                {
                    value.append(json.charAt(i++));
                }
            }
            fields.put(key.toString(), value.toString().trim());
            i = skipSpace(json, i);
            if (json.charAt(i) == '}')
            {
                return fields;
            }
            expect(json, i, ',');
            i++;
        }
    }

    private static int readString(final String json, final int start, final StringBuilder out)
    {
        expect(json, start, '"');
        int i = start + 1;
        while (json.charAt(i) != '"')
        {
            char c = json.charAt(i++);
            if (c == '\\')
            {
                c = json.charAt(i++);
                if (c == 'u')
                {
                    c = (char)Integer.parseInt(json.substring(i, i + 4), 16);
                    i += 4;
                }
            }
            out.append(c);
        }
        return i + 1;
    }

    private static int skipSpace(final String json, final int start)
    {
        int i = start;
        while (i < json.length() && Character.isWhitespace(json.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static void expect(final String json, final int at, final char c)
    {
        if (at >= json.length() || json.charAt(at) != c)
        {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + " in " + json);
        }
    }
}

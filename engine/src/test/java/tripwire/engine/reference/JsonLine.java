package tripwire.engine.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds one scenario line as a JSON object. Serialised by Jackson, so every generated line is a valid
 * JSON object whatever hostile values it carries (the engine's runner fails on anything else).
 */
final class JsonLine
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node = JSON.createObjectNode();

    static JsonLine of(final String type)
    {
        return new JsonLine().put("type", type);
    }

    static JsonLine withoutType()
    {
        return new JsonLine();
    }

    JsonLine put(final String field, final String value)
    {
        node.put(field, value);
        return this;
    }

    JsonLine put(final String field, final long value)
    {
        node.put(field, value);
        return this;
    }

    JsonLine put(final String field, final boolean value)
    {
        node.put(field, value);
        return this;
    }

    JsonLine putNumber(final String field, final BigDecimal value)
    {
        node.put(field, value);
        return this;
    }

    JsonLine putNumber(final String field, final BigInteger value)
    {
        node.put(field, value);
        return this;
    }

    JsonLine putNumber(final String field, final double value)
    {
        node.put(field, value);
        return this;
    }

    JsonLine putNull(final String field)
    {
        node.putNull(field);
        return this;
    }

    JsonLine putNames(final String field, final List<String> names)
    {
        node.putArray(field).addAll(names.stream().map(JSON.getNodeFactory()::textNode).toList());
        return this;
    }

    /** An array of objects whose values are all strings (e.g. {@code marginTiers}), fields in the given order. */
    JsonLine putStringObjects(final String field, final List<Map<String, String>> objects)
    {
        final com.fasterxml.jackson.databind.node.ArrayNode array = node.putArray(field);
        for (final Map<String, String> object : objects)
        {
            final ObjectNode element = array.addObject();
            object.forEach(element::put);
        }
        return this;
    }

    boolean has(final String field)
    {
        return node.has(field);
    }

    JsonLine remove(final String field)
    {
        node.remove(field);
        return this;
    }

    /** The line's account id when it is a valid one (a JSON integer in [1, 2^53]), else 0. */
    long validAccountId()
    {
        final JsonNode account = node.get("account");
        if (account != null && account.isIntegralNumber() && account.canConvertToLong())
        {
            final long id = account.longValue();
            return id >= 1 && id <= GeneratorWorld.MAX_ACCOUNT_ID ? id : 0;
        }
        return 0;
    }

    /** Rewrites the fields in a random order (the format does not fix one). */
    JsonLine shuffleFields(final SplittableRandom random)
    {
        final List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); )
        {
            fields.add(it.next());
        }
        for (int i = fields.size() - 1; i > 0; i--)
        {
            Collections.swap(fields, i, random.nextInt(i + 1));
        }
        final ObjectNode copy = JSON.createObjectNode();
        fields.forEach(field -> copy.set(field.getKey(), field.getValue()));
        node.removeAll();
        node.setAll(copy);
        return this;
    }

    @Override
    public String toString()
    {
        try
        {
            return JSON.writeValueAsString(node);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException(e);
        }
    }
}

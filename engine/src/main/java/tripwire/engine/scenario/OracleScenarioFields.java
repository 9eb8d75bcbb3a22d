package tripwire.engine.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import tripwire.codecs.AssetDefinitionEncoder;
import tripwire.codecs.MalformedProblem;
import tripwire.codecs.MarketDefinitionEncoder;

/**
 * The oracle-guard fields of {@code asset} and {@code market} lines (docs/scenario-format.md, "Oracle
 * guard"): {@code oracleStalenessNs} (JSON integer, default 0), {@code maxPriceDeviation} (decimal, default
 * "0"), and on assets {@code staleHaircut} (decimal, default "1") and {@code oracleSources} (array of names).
 * Parsed before anything is registered, so a malformed line registers no name; encoded into the definition.
 *
 * <p>Not thread-safe; off the hot path (allocates).
 */
final class OracleScenarioFields
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,16}");

    private final long stalenessNs;
    private final String maxPriceDeviation;
    private final String staleHaircut;
    private final List<String> sourceNames;

    private OracleScenarioFields(
        final long stalenessNs, final String maxPriceDeviation, final String staleHaircut, final List<String> sourceNames)
    {
        this.stalenessNs = stalenessNs;
        this.maxPriceDeviation = maxPriceDeviation;
        this.staleHaircut = staleHaircut;
        this.sourceNames = sourceNames;
    }

    /** Reads the fields of a market line (its {@code oracleSources} stay the parser's). */
    static OracleScenarioFields parseMarket(final JsonNode node)
    {
        return new OracleScenarioFields(stalenessNs(node), decimal(node, "maxPriceDeviation", "0"), "1", List.of());
    }

    /** Reads the fields of an asset line, its {@code oracleSources} included. */
    static OracleScenarioFields parseAsset(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        final JsonNode sourcesNode = node.get("oracleSources");
        if (sourcesNode != null)
        {
            if (!sourcesNode.isArray())
            {
                throw new ScenarioParser.Malformed(MalformedProblem.BAD_FIELD, "oracleSources must be an array of names");
            }
            for (final JsonNode source : sourcesNode)
            {
                if (!source.isTextual() || !NAME.matcher(source.asText()).matches())
                {
                    throw new ScenarioParser.Malformed(MalformedProblem.BAD_NAME, "oracleSources holds a bad name");
                }
                names.add(source.asText());
            }
        }
        return new OracleScenarioFields(
            stalenessNs(node), decimal(node, "maxPriceDeviation", "0"), decimal(node, "staleHaircut", "1"), names);
    }

    void encode(final MarketDefinitionEncoder encoder)
    {
        encoder.oracleStalenessNs(stalenessNs);
        DecimalText.encode(maxPriceDeviation, encoder.maxPriceDeviation());
    }

    /** Encodes the fields and the source group (always present, maybe empty), registering source names. */
    void encode(final AssetDefinitionEncoder encoder, final NameRegistry sources)
    {
        encoder.oracleStalenessNs(stalenessNs);
        DecimalText.encode(maxPriceDeviation, encoder.maxPriceDeviation());
        DecimalText.encode(staleHaircut, encoder.staleHaircut());
        final int encodedCount = Math.min(sourceNames.size(), ScenarioParser.MAX_ENCODED_SOURCES);
        final AssetDefinitionEncoder.OracleSourcesEncoder group = encoder.oracleSourcesCount(encodedCount);
        for (int i = 0; i < encodedCount; i++)
        {
            final String source = sourceNames.get(i);
            group.next().sourceId(sources.register(source))
                .putSourceName(Arrays.copyOf(source.getBytes(StandardCharsets.US_ASCII), 16), 0);
        }
    }

    private static long stalenessNs(final JsonNode node)
    {
        final JsonNode value = node.get("oracleStalenessNs");
        if (value == null)
        {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            throw new ScenarioParser.Malformed(MalformedProblem.BAD_FIELD, "oracleStalenessNs must be an integer");
        }
        return value.asLong();
    }

    private static String decimal(final JsonNode node, final String field, final String absent)
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return absent;
        }
        if (!value.isTextual() || !DecimalText.isPlainDecimal(value.asText()))
        {
            throw new ScenarioParser.Malformed(
                MalformedProblem.BAD_FIELD, field + " must be a decimal string such as \"1.5\"");
        }
        return value.asText();
    }
}

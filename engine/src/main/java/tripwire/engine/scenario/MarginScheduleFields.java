package tripwire.engine.scenario;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import tripwire.codecs.BooleanType;
import tripwire.codecs.MalformedProblem;
import tripwire.codecs.MarketDefinitionEncoder;
import tripwire.codecs.MessageHeaderEncoder;

/**
 * A market line's margin-schedule fields (docs/risk-model.md sections 1 to 3, docs/scenario-format.md
 * "Margin tiers, dynamic margin, initial-margin warning"): read from JSON by {@link #parse}, written into the
 * definition frame by {@link #encode}. Absent fields are encoded as their documented defaults: no tiers,
 * {@code baseVolatility} 0 (off), {@code volatilityWeight} 0.1, {@code maxMarginMultiplier} 3, no warning.
 * The engine checks the values; this class checks only the JSON shape.
 *
 * <p>Off the hot path (allocates freely); not thread-safe.
 */
final class MarginScheduleFields
{
    /** Tier entries encoded at most: one more than a market may have, so the engine sees and rejects too many. */
    static final int MAX_ENCODED_TIERS = 8;
    static final String DEFAULT_BASE_VOLATILITY = "0";
    static final String DEFAULT_VOLATILITY_WEIGHT = "0.1";
    static final String DEFAULT_MAX_MARGIN_MULTIPLIER = "3";
    private static final int GROUP_HEADER_LENGTH = 4;

    private final List<String[]> tiers;
    private final String baseVolatility;
    private final String volatilityWeight;
    private final String maxMarginMultiplier;
    private final boolean initialMarginWarning;

    private MarginScheduleFields(
        final List<String[]> tiers,
        final String baseVolatility,
        final String volatilityWeight,
        final String maxMarginMultiplier,
        final boolean initialMarginWarning)
    {
        this.tiers = tiers;
        this.baseVolatility = baseVolatility;
        this.volatilityWeight = volatilityWeight;
        this.maxMarginMultiplier = maxMarginMultiplier;
        this.initialMarginWarning = initialMarginWarning;
    }

    /**
     * @param encodedSourceCount oracle sources the frame will carry, to check that the whole line fits one
     *                           frame before any name is registered.
     */
    static MarginScheduleFields parse(final JsonNode node, final int encodedSourceCount)
    {
        final List<String[]> tiers = new ArrayList<>();
        final JsonNode tiersNode = node.get("marginTiers");
        if (tiersNode != null)
        {
            if (!tiersNode.isArray())
            {
                throw new ScenarioParser.Malformed(MalformedProblem.BAD_FIELD, "marginTiers must be an array of tiers");
            }
            for (final JsonNode tier : tiersNode)
            {
                if (!tier.isObject())
                {
                    throw new ScenarioParser.Malformed(
                        MalformedProblem.BAD_FIELD, "a margin tier must be an object with notional and rates");
                }
                tiers.add(new String[] {
                    ScenarioParser.decimal(tier, "notional"),
                    ScenarioParser.decimal(tier, "maintenanceMarginRate"),
                    ScenarioParser.decimal(tier, "initialMarginRate")});
            }
        }
        final int frameLength = MessageHeaderEncoder.ENCODED_LENGTH + MarketDefinitionEncoder.BLOCK_LENGTH +
            GROUP_HEADER_LENGTH + encodedSourceCount * MarketDefinitionEncoder.OracleSourcesEncoder.sbeBlockLength() +
            GROUP_HEADER_LENGTH +
            Math.min(tiers.size(), MAX_ENCODED_TIERS) * MarketDefinitionEncoder.MarginTiersEncoder.sbeBlockLength();
        if (frameLength > ScenarioParser.MAX_FRAME_LENGTH)
        {
            throw new ScenarioParser.Malformed(MalformedProblem.BAD_FIELD, "market line too long for one frame");
        }
        final JsonNode warningNode = node.get("initialMarginWarning");
        if (warningNode != null && !warningNode.isBoolean())
        {
            throw new ScenarioParser.Malformed(MalformedProblem.BAD_FIELD, "initialMarginWarning must be true or false");
        }
        return new MarginScheduleFields(
            tiers,
            optionalDecimal(node, "baseVolatility", DEFAULT_BASE_VOLATILITY),
            optionalDecimal(node, "volatilityWeight", DEFAULT_VOLATILITY_WEIGHT),
            optionalDecimal(node, "maxMarginMultiplier", DEFAULT_MAX_MARGIN_MULTIPLIER),
            warningNode != null && warningNode.asBoolean());
    }

    /** Writes the fixed fields and the {@code marginTiers} group; call after the {@code oracleSources} group. */
    void encode(final MarketDefinitionEncoder encoder)
    {
        DecimalText.encode(baseVolatility, encoder.baseVolatility());
        DecimalText.encode(volatilityWeight, encoder.volatilityWeight());
        DecimalText.encode(maxMarginMultiplier, encoder.maxMarginMultiplier());
        encoder.initialMarginWarning(initialMarginWarning ? BooleanType.TRUE : BooleanType.FALSE);

        final int encodedCount = Math.min(tiers.size(), MAX_ENCODED_TIERS);
        final MarketDefinitionEncoder.MarginTiersEncoder group = encoder.marginTiersCount(encodedCount);
        for (int i = 0; i < encodedCount; i++)
        {
            final String[] tier = tiers.get(i);
            group.next();
            DecimalText.encode(tier[0], group.notional());
            DecimalText.encode(tier[1], group.maintenanceMarginRate());
            DecimalText.encode(tier[2], group.initialMarginRate());
        }
    }

    private static String optionalDecimal(final JsonNode node, final String field, final String defaultValue)
    {
        return node.has(field) ? ScenarioParser.decimal(node, field) : defaultValue;
    }
}

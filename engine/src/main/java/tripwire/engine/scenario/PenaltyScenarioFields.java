package tripwire.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import tripwire.codecs.AssetDefinitionEncoder;
import tripwire.codecs.MalformedProblem;
import tripwire.codecs.MarketDefinitionEncoder;

/**
 * The optional penalty and insurance fund fields of scenario definition lines (docs/scenario-format.md,
 * "penalty"): market {@code liquidationPenaltyRate}, {@code liquidatorRewardShare}, asset {@code insuranceFund};
 * decimal strings, "0" when absent. Read (and checked, {@code MALFORMED} BAD_FIELD when not a decimal string)
 * before the line registers its name, encoded once the encoder exists. Off the hot path.
 */
final class PenaltyScenarioFields
{
    private static final String ABSENT = "0";

    private final String first;
    private final String second;

    private PenaltyScenarioFields(final String first, final String second)
    {
        this.first = first;
        this.second = second;
    }

    static PenaltyScenarioFields ofMarket(final JsonNode node)
    {
        return new PenaltyScenarioFields(
            optionalDecimal(node, "liquidationPenaltyRate"), optionalDecimal(node, "liquidatorRewardShare"));
    }

    static PenaltyScenarioFields ofAsset(final JsonNode node)
    {
        return new PenaltyScenarioFields(optionalDecimal(node, "insuranceFund"), ABSENT);
    }

    void encode(final MarketDefinitionEncoder encoder)
    {
        DecimalText.encode(first, encoder.liquidationPenaltyRate());
        DecimalText.encode(second, encoder.liquidatorRewardShare());
    }

    void encode(final AssetDefinitionEncoder encoder)
    {
        DecimalText.encode(first, encoder.insuranceFund());
    }

    private static String optionalDecimal(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return ABSENT;
        }
        if (!value.isTextual() || !DecimalText.isPlainDecimal(value.asText()))
        {
            throw new ScenarioParser.Malformed(
                MalformedProblem.BAD_FIELD, field + " must be a decimal string such as \"0.01\"");
        }
        return value.asText();
    }
}

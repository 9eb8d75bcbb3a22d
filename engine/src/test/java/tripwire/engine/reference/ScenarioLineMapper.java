package tripwire.engine.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scenario adapter's rules, written independently of the engine's parser: which lines are skipped,
 * which JSON objects are {@code MALFORMED}, and how asset and market names get their ids.
 *
 * <ul>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} are skipped (their seq still counts).</li>
 *   <li>A line that is not a JSON object is a hard error of the run: {@link IllegalArgumentException}.</li>
 *   <li>Decimals are JSON strings matching {@code -?[0-9]+(\.[0-9]+)?}, kept at their exact value.</li>
 *   <li>Names match {@code [A-Za-z0-9._-]{1,16}}; accounts are JSON integers in [1, 2^53]; orders JSON integers ≥ 1.</li>
 *   <li>An asset or market name gets the next id of its namespace on its first well-formed definition line,
 *       whether or not the engine then accepts the definition.</li>
 * </ul>
 * Unknown extra fields are ignored. {@code timeNs}, when present, must be a JSON integer (v1 ignores its value;
 * it is the clock of docs/risk-model.md's liquidation cooldown, see {@link #eventTimeNs()}); like every optional
 * field of the wrong JSON type, anything else is {@code MALFORMED}. The fields of docs/risk-model.md are mapped
 * with their documented defaults ({@code marginTiers} an array of objects of three decimal strings,
 * {@code liquidationCooldownNs} a JSON integer, the flags JSON booleans, the rest decimal strings).
 */
final class ScenarioLineMapper
{
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,16}");
    private static final BigInteger MAX_ACCOUNT_ID = BigInteger.TWO.pow(53);
    private static final BigInteger MAX_ORDER_ID = BigInteger.valueOf(Long.MAX_VALUE);

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Integer> assetIds = new HashMap<>();
    private final Map<String, Integer> marketIds = new HashMap<>();
    private long eventTimeNs;

    /**
     * @param seq  the 1-based physical line number.
     * @param line the raw line.
     * @return the mapped event, or {@code null} for a blank or comment line.
     * @throws IllegalArgumentException when the line is not a JSON object.
     */
    ModelEvent map(final int seq, final String line)
    {
        final String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#"))
        {
            return null;
        }
        final JsonNode node = parse(seq, line);
        try
        {
            final ModelEvent event = mapObject(seq, node);
            final JsonNode timeNs = node.get("timeNs");
            if (timeNs != null)
            {
                eventTimeNs = timeNs.longValue();
            }
            return event;
        }
        catch (final MalformedLine malformed)
        {
            return new ModelEvent.Malformed(seq, malformed.getMessage());
        }
    }

    /**
     * The event time of the last mapped event: its {@code timeNs}, or without one the previous event's time
     * (0 at first). A {@code MALFORMED} line does not change it.
     */
    long eventTimeNs()
    {
        return eventTimeNs;
    }

    private JsonNode parse(final int seq, final String line)
    {
        final JsonNode node;
        try
        {
            node = json.readTree(line);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException("line " + seq + " is not JSON: " + line, e);
        }
        if (node == null || !node.isObject())
        {
            throw new IllegalArgumentException("line " + seq + " is not a JSON object: " + line);
        }
        return node;
    }

    private ModelEvent mapObject(final int seq, final JsonNode node)
    {
        final JsonNode type = node.get("type");
        if (type == null || !type.isTextual())
        {
            throw new MalformedLine("missing type");
        }
        final JsonNode timeNs = node.get("timeNs");
        if (timeNs != null && !(timeNs.isIntegralNumber() && timeNs.canConvertToLong()))
        {
            throw new MalformedLine("timeNs is not an integer");
        }
        switch (type.textValue())
        {
            case "asset":
            {
                final String asset = name(node, "asset");
                final boolean quote = optionalBoolean(node, "quote");
                final BigDecimal haircut = optionalDecimal(node, "haircut");
                final BigDecimal insuranceFund = optionalDecimal(node, "insuranceFund");
                final int assetId = assetIds.computeIfAbsent(asset, name -> assetIds.size());
                return new ModelEvent.AssetDefinition(seq, asset, assetId, quote, haircut, insuranceFund);
            }
            case "market":
            {
                final String market = name(node, "market");
                final BigDecimal initialRate = decimal(node, "initialMarginRate");
                final BigDecimal maintenanceRate = decimal(node, "maintenanceMarginRate");
                final List<String> sources = optionalNames(node, "oracleSources");
                final ModelEvent.MarketRiskFields risk = riskFields(node);
                checkFitsOneFrame(sources.size(), risk.marginTiers().size());
                final int marketId = marketIds.computeIfAbsent(market, name -> marketIds.size());
                return new ModelEvent.MarketDefinition(
                    seq, market, marketId, initialRate, maintenanceRate, sources, risk);
            }
            case "deposit":
                return new ModelEvent.Deposit(seq, account(node), name(node, "asset"), decimal(node, "amount"));
            case "withdraw":
                return new ModelEvent.Withdraw(seq, account(node), name(node, "asset"), decimal(node, "amount"));
            case "fill":
                return new ModelEvent.Fill(
                    seq, account(node), name(node, "market"), decimal(node, "size"), decimal(node, "price"));
            case "tick":
            {
                final String source = name(node, "source");
                final BigDecimal price = decimal(node, "price");
                final boolean hasMarket = node.has("market");
                if (hasMarket == node.has("asset"))
                {
                    throw new MalformedLine("a tick names exactly one of market and asset");
                }
                return hasMarket ?
                    new ModelEvent.MarketTick(seq, source, name(node, "market"), price) :
                    new ModelEvent.AssetTick(seq, source, name(node, "asset"), price);
            }
            case "liquidationFill":
                return new ModelEvent.LiquidationFill(seq, order(node), decimal(node, "size"), decimal(node, "price"));
            default:
                throw new MalformedLine("unknown type " + type.textValue());
        }
    }

    private static String name(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !NAME.matcher(value.textValue()).matches())
        {
            throw new MalformedLine(field + " is not a name");
        }
        return value.textValue();
    }

    private static BigDecimal decimal(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !DECIMAL.matcher(value.textValue()).matches())
        {
            throw new MalformedLine(field + " is not a decimal string");
        }
        return new BigDecimal(value.textValue());
    }

    /** Optional decimal string, default 0. */
    private static BigDecimal optionalDecimal(final JsonNode node, final String field)
    {
        return node.has(field) ? decimal(node, field) : BigDecimal.ZERO;
    }

    /**
     * docs/scenario-format.md (margin tiers): a market line must fit one 512-byte input frame, of which it takes
     * 154 bytes, 20 per oracle source (at most 16 counted) and 27 per tier (at most 8 counted); else MALFORMED.
     */
    private static void checkFitsOneFrame(final int sourceCount, final int tierCount)
    {
        final int frameBytes = 154 + 20 * Math.min(sourceCount, 16) + 27 * Math.min(tierCount, 8);
        if (frameBytes > 512)
        {
            throw new MalformedLine("market line too long for one frame");
        }
    }

    /**
     * The market fields of docs/risk-model.md. {@code marginTiers} is an array of objects, each with the three
     * decimal strings {@code notional}, {@code maintenanceMarginRate}, {@code initialMarginRate};
     * {@code liquidationCooldownNs} a JSON integer; the flags JSON booleans; the rest decimal strings.
     * Anything of another JSON shape is {@code MALFORMED}; values are checked by the model.
     */
    private static ModelEvent.MarketRiskFields riskFields(final JsonNode node)
    {
        final List<ModelEvent.TierFields> tiers = new ArrayList<>();
        final JsonNode tierArray = node.get("marginTiers");
        if (tierArray != null)
        {
            if (!tierArray.isArray())
            {
                throw new MalformedLine("marginTiers is not an array");
            }
            for (final JsonNode tier : tierArray)
            {
                if (!tier.isObject())
                {
                    throw new MalformedLine("marginTiers holds something that is not an object");
                }
                tiers.add(new ModelEvent.TierFields(
                    decimal(tier, "notional"), decimal(tier, "maintenanceMarginRate"), decimal(tier, "initialMarginRate")));
            }
        }
        long cooldownNs = 0;
        final JsonNode cooldown = node.get("liquidationCooldownNs");
        if (cooldown != null)
        {
            if (!(cooldown.isIntegralNumber() && cooldown.canConvertToLong()))
            {
                throw new MalformedLine("liquidationCooldownNs is not an integer");
            }
            cooldownNs = cooldown.longValue();
        }
        return new ModelEvent.MarketRiskFields(
            List.copyOf(tiers),
            optionalBoolean(node, "initialMarginWarning"),
            optionalBoolean(node, "partialLiquidation"),
            optionalDecimal(node, "liquidationBuffer"),
            optionalDecimal(node, "minLiquidationNotional"),
            optionalDecimal(node, "backstopFraction"),
            cooldownNs,
            optionalDecimal(node, "liquidationPenaltyRate"),
            optionalDecimal(node, "liquidatorRewardShare"),
            optionalBoolean(node, "autoDeleverage"));
    }

    private static long account(final JsonNode node)
    {
        final JsonNode value = node.get("account");
        if (value == null || !value.isIntegralNumber())
        {
            throw new MalformedLine("account is not an integer");
        }
        final BigInteger account = value.bigIntegerValue();
        if (account.signum() <= 0 || account.compareTo(MAX_ACCOUNT_ID) > 0)
        {
            throw new MalformedLine("account outside [1, 2^53]");
        }
        return account.longValueExact();
    }

    private static long order(final JsonNode node)
    {
        final JsonNode value = node.get("order");
        if (value == null || !value.isIntegralNumber())
        {
            throw new MalformedLine("order is not an integer");
        }
        final BigInteger order = value.bigIntegerValue();
        if (order.signum() <= 0 || order.compareTo(MAX_ORDER_ID) > 0)
        {
            throw new MalformedLine("order outside [1, 2^63)");
        }
        return order.longValueExact();
    }

    /** Optional boolean, default false; present with another JSON type is treated as malformed. */
    private static boolean optionalBoolean(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return false;
        }
        if (!value.isBoolean())
        {
            throw new MalformedLine(field + " is not a boolean");
        }
        return value.booleanValue();
    }

    /** Optional array of names, default empty; anything else is treated as malformed. */
    private static List<String> optionalNames(final JsonNode node, final String field)
    {
        final List<String> names = new ArrayList<>();
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return names;
        }
        if (!value.isArray())
        {
            throw new MalformedLine(field + " is not an array");
        }
        for (final JsonNode element : value)
        {
            if (!element.isTextual() || !NAME.matcher(element.textValue()).matches())
            {
                throw new MalformedLine(field + " holds something that is not a name");
            }
            names.add(element.textValue());
        }
        return names;
    }

    private static final class MalformedLine extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        MalformedLine(final String problem)
        {
            super(problem, null, false, false);
        }
    }
}

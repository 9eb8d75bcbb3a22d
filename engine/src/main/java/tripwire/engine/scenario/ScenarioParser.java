package tripwire.engine.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.AssetDefinitionEncoder;
import tripwire.codecs.BooleanType;
import tripwire.codecs.DepositEncoder;
import tripwire.codecs.FillEncoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillEncoder;
import tripwire.codecs.MalformedProblem;
import tripwire.codecs.MarketDefinitionEncoder;
import tripwire.codecs.MessageHeaderEncoder;
import tripwire.codecs.TickEncoder;
import tripwire.codecs.UndecodableInputEncoder;
import tripwire.codecs.WithdrawEncoder;
import tripwire.engine.ring.FrameEvent;

/**
 * Reads a scenario (JSON Lines, ../shared/scenario-format.md) into the engine's SBE input frames.
 *
 * <p>Rules: seq is the 1-based physical line number; blank lines and {@code #} comments are skipped but
 * counted; {@code timeNs} is optional and defaults to the previous event's time. A line that is not a JSON
 * object stops the read ({@link ScenarioFormatException}). A JSON object that cannot be mapped to an event
 * (unknown type, a missing or ill-typed field, a bad name or account id) is still an input: it is encoded
 * as {@code UndecodableInput}, which the engine rejects {@code MALFORMED} and journals.
 *
 * <p>Names get dense ids: an asset or market name when it first appears on a well-formed definition line,
 * an oracle source when it first appears anywhere. A name never defined is sent as
 * {@link NameRegistry#UNKNOWN}, which the engine rejects as unknown.
 *
 * <p>Not thread-safe; off the hot path (allocates freely).
 */
public final class ScenarioParser
{
    /** Largest frame this parser produces: what one ring slot holds. */
    public static final int MAX_FRAME_LENGTH = FrameEvent.MAX_FRAME_LENGTH;
    static final int MAX_ENCODED_SOURCES = 16;
    private static final int MAX_TEXT_BYTES = 160;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,16}");
    private static final long MAX_ACCOUNT_ID = 1L << 53;

    private final ObjectMapper mapper = new ObjectMapper();
    private final NameRegistry assets = new NameRegistry();
    private final NameRegistry markets = new NameRegistry();
    private final NameRegistry sources = new NameRegistry();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_FRAME_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long lastTimeNs;

    public NameRegistry assets()
    {
        return assets;
    }

    public NameRegistry markets()
    {
        return markets;
    }

    public NameRegistry sources()
    {
        return sources;
    }

    /** Parses every line; stops with {@link ScenarioFormatException} at the first line that is not a JSON object. */
    public List<ScenarioEvent> parseAll(final List<String> lines)
    {
        final List<ScenarioEvent> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final ScenarioEvent event = parseLine(i + 1, lines.get(i));
            if (event != null)
            {
                events.add(event);
            }
        }
        return events;
    }

    /** @return the event of this line, or null for a blank or comment line. */
    public ScenarioEvent parseLine(final int lineNumber, final String line)
    {
        final String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#"))
        {
            return null;
        }
        final JsonNode node;
        try
        {
            node = mapper.readTree(trimmed);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ScenarioFormatException(lineNumber, "not JSON: " + ex.getOriginalMessage());
        }
        if (node == null || !node.isObject())
        {
            throw new ScenarioFormatException(lineNumber, "not a JSON object");
        }

        final JsonNode time = node.get("timeNs");
        final boolean badTime = time != null && !(time.isIntegralNumber() && time.canConvertToLong());
        if (time != null && !badTime)
        {
            lastTimeNs = time.asLong();
        }
        final int length;
        try
        {
            if (badTime)
            {
                throw new Malformed(MalformedProblem.BAD_FIELD, "timeNs must be an integer");
            }
            length = encode(node);
        }
        catch (final Malformed malformed)
        {
            return new ScenarioEvent(lineNumber, lastTimeNs, undecodable(malformed));
        }
        return new ScenarioEvent(lineNumber, lastTimeNs, copy(length));
    }

    private int encode(final JsonNode node)
    {
        final JsonNode type = node.get("type");
        if (type == null)
        {
            throw new Malformed(MalformedProblem.MISSING_FIELD, "type is missing");
        }
        if (!type.isTextual())
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "type must be a string");
        }
        switch (type.asText())
        {
            case "asset":
                return encodeAsset(node);
            case "market":
                return encodeMarket(node);
            case "deposit":
                return encodeDeposit(node);
            case "withdraw":
                return encodeWithdraw(node);
            case "fill":
                return encodeFill(node);
            case "tick":
                return encodeTick(node);
            case "liquidationFill":
                return encodeLiquidationFill(node);
            default:
                throw new Malformed(MalformedProblem.UNKNOWN_TYPE, "unknown type " + type.asText());
        }
    }

    private int encodeAsset(final JsonNode node)
    {
        final String name = name(node, "asset");
        final JsonNode quoteNode = node.get("quote");
        if (quoteNode != null && !quoteNode.isBoolean())
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "quote must be true or false");
        }
        final String haircut = node.has("haircut") ? decimal(node, "haircut") : "0";
        final PenaltyScenarioFields penaltyFields = PenaltyScenarioFields.ofAsset(node);
        final OracleScenarioFields oracle = OracleScenarioFields.parseAsset(node);
        final AssetDefinitionEncoder encoder = new AssetDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.assetId(assets.register(name));
        encoder.quote(quoteNode != null && quoteNode.asBoolean() ? BooleanType.TRUE : BooleanType.FALSE);
        DecimalText.encode(haircut, encoder.haircut());
        encoder.putName(nameBytes(name), 0);
        penaltyFields.encode(encoder);
        oracle.encode(encoder, sources);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int encodeMarket(final JsonNode node)
    {
        final String name = name(node, "market");
        final String initial = decimal(node, "initialMarginRate");
        final String maintenance = decimal(node, "maintenanceMarginRate");
        final PenaltyScenarioFields penaltyFields = PenaltyScenarioFields.ofMarket(node);
        final List<String> sourceNames = new ArrayList<>();
        final JsonNode sourcesNode = node.get("oracleSources");
        if (sourcesNode != null)
        {
            if (!sourcesNode.isArray())
            {
                throw new Malformed(MalformedProblem.BAD_FIELD, "oracleSources must be an array of names");
            }
            for (final JsonNode source : sourcesNode)
            {
                if (!source.isTextual() || !NAME.matcher(source.asText()).matches())
                {
                    throw new Malformed(MalformedProblem.BAD_NAME, "oracleSources holds a bad name");
                }
                sourceNames.add(source.asText());
            }
        }
        final MarginScheduleFields marginFields =
            MarginScheduleFields.parse(node, Math.min(sourceNames.size(), MAX_ENCODED_SOURCES));
        final OracleScenarioFields oracle = OracleScenarioFields.parseMarket(node);
        final MarketDefinitionEncoder encoder = new MarketDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.marketId(markets.register(name));
        DecimalText.encode(initial, encoder.initialMarginRate());
        DecimalText.encode(maintenance, encoder.maintenanceMarginRate());
        encoder.putName(nameBytes(name), 0);
        penaltyFields.encode(encoder);
        encodeAutoDeleverageFields(node, encoder);
        oracle.encode(encoder);
        encodePartialLiquidationFields(node, encoder);
        final int encodedCount = Math.min(sourceNames.size(), MAX_ENCODED_SOURCES);
        final MarketDefinitionEncoder.OracleSourcesEncoder group = encoder.oracleSourcesCount(encodedCount);
        for (int i = 0; i < encodedCount; i++)
        {
            final String source = sourceNames.get(i);
            group.next().sourceId(sources.register(source)).putSourceName(nameBytes(source), 0);
        }
        marginFields.encode(encoder);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /** {@code autoDeleverage} (boolean, default false): docs/risk-model.md section 7. */
    private static void encodeAutoDeleverageFields(final JsonNode node, final MarketDefinitionEncoder encoder)
    {
        final JsonNode autoDeleverage = node.get("autoDeleverage");
        if (autoDeleverage != null && !autoDeleverage.isBoolean())
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "autoDeleverage must be true or false");
        }
        encoder.autoDeleverage(
            autoDeleverage != null && autoDeleverage.asBoolean() ? BooleanType.TRUE : BooleanType.FALSE);
    }

    /**
     * The partial-liquidation fields of a market line (docs/risk-model.md section 4), each absent field as its
     * default: false, "0", "0", "0", 0.
     */
    private static void encodePartialLiquidationFields(final JsonNode node, final MarketDefinitionEncoder encoder)
    {
        final JsonNode partial = node.get("partialLiquidation");
        if (partial != null && !partial.isBoolean())
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "partialLiquidation must be true or false");
        }
        encoder.partialLiquidation(partial != null && partial.asBoolean() ? BooleanType.TRUE : BooleanType.FALSE);
        DecimalText.encode(
            node.has("liquidationBuffer") ? decimal(node, "liquidationBuffer") : "0", encoder.liquidationBuffer());
        DecimalText.encode(
            node.has("minLiquidationNotional") ? decimal(node, "minLiquidationNotional") : "0",
            encoder.minLiquidationNotional());
        DecimalText.encode(
            node.has("backstopFraction") ? decimal(node, "backstopFraction") : "0", encoder.backstopFraction());
        final JsonNode cooldown = node.get("liquidationCooldownNs");
        if (cooldown != null && !(cooldown.isIntegralNumber() && cooldown.canConvertToLong()))
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "liquidationCooldownNs must be an integer");
        }
        encoder.liquidationCooldownNs(cooldown == null ? 0 : cooldown.asLong());
    }

    private int encodeDeposit(final JsonNode node)
    {
        final long account = accountId(node);
        final String asset = name(node, "asset");
        final String amount = decimal(node, "amount");
        final DepositEncoder encoder = new DepositEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.accountId(account).assetId(assets.idOf(asset));
        DecimalText.encode(amount, encoder.amount());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int encodeWithdraw(final JsonNode node)
    {
        final long account = accountId(node);
        final String asset = name(node, "asset");
        final String amount = decimal(node, "amount");
        final WithdrawEncoder encoder = new WithdrawEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.accountId(account).assetId(assets.idOf(asset));
        DecimalText.encode(amount, encoder.amount());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int encodeFill(final JsonNode node)
    {
        final long account = accountId(node);
        final String market = name(node, "market");
        final String size = decimal(node, "size");
        final String price = decimal(node, "price");
        final FillEncoder encoder = new FillEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.accountId(account).marketId(markets.idOf(market));
        DecimalText.encode(size, encoder.size());
        DecimalText.encode(price, encoder.price());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int encodeTick(final JsonNode node)
    {
        final String source = name(node, "source");
        final boolean hasMarket = node.has("market");
        final boolean hasAsset = node.has("asset");
        if (hasMarket == hasAsset)
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "a tick names exactly one of market and asset");
        }
        final String instrument = name(node, hasMarket ? "market" : "asset");
        final String price = decimal(node, "price");
        final TickEncoder encoder = new TickEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.sourceId(sources.register(source))
            .instrumentKind(hasMarket ? InstrumentKind.MARKET : InstrumentKind.ASSET)
            .instrumentId(hasMarket ? markets.idOf(instrument) : assets.idOf(instrument));
        DecimalText.encode(price, encoder.price());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int encodeLiquidationFill(final JsonNode node)
    {
        final JsonNode order = node.get("order");
        if (order == null)
        {
            throw new Malformed(MalformedProblem.MISSING_FIELD, "order is missing");
        }
        if (!order.isIntegralNumber() || !order.canConvertToLong() || order.asLong() < 1)
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, "order must be an integer >= 1");
        }
        final String size = decimal(node, "size");
        final String price = decimal(node, "price");
        final LiquidationFillEncoder encoder = new LiquidationFillEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.orderId(order.asLong());
        DecimalText.encode(size, encoder.size());
        DecimalText.encode(price, encoder.price());
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private static long accountId(final JsonNode node)
    {
        final JsonNode account = node.get("account");
        if (account == null)
        {
            throw new Malformed(MalformedProblem.MISSING_FIELD, "account is missing");
        }
        if (!account.isIntegralNumber() || !account.canConvertToLong() ||
            account.asLong() < 1 || account.asLong() > MAX_ACCOUNT_ID)
        {
            throw new Malformed(MalformedProblem.BAD_ACCOUNT_ID, "account must be an integer in [1, 2^53]");
        }
        return account.asLong();
    }

    private static String name(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            throw new Malformed(MalformedProblem.MISSING_FIELD, field + " is missing");
        }
        if (!value.isTextual() || !NAME.matcher(value.asText()).matches())
        {
            throw new Malformed(MalformedProblem.BAD_NAME, field + " must be 1 to 16 of A-Z a-z 0-9 - _ .");
        }
        return value.asText();
    }

    static String decimal(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            throw new Malformed(MalformedProblem.MISSING_FIELD, field + " is missing");
        }
        if (!value.isTextual() || !DecimalText.isPlainDecimal(value.asText()))
        {
            throw new Malformed(MalformedProblem.BAD_FIELD, field + " must be a decimal string such as \"1.5\"");
        }
        return value.asText();
    }

    private static byte[] nameBytes(final String name)
    {
        return java.util.Arrays.copyOf(name.getBytes(StandardCharsets.US_ASCII), 16);
    }

    private byte[] undecodable(final Malformed malformed)
    {
        final UndecodableInputEncoder encoder = new UndecodableInputEncoder().wrapAndApplyHeader(buffer, 0, header);
        encoder.problem(malformed.problem);
        final byte[] text = malformed.getMessage().getBytes(StandardCharsets.UTF_8);
        encoder.putText(text, 0, Math.min(text.length, MAX_TEXT_BYTES));
        return copy(MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private byte[] copy(final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    /** Why a JSON object could not be mapped to an event. */
    static final class Malformed extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final MalformedProblem problem;

        Malformed(final MalformedProblem problem, final String message)
        {
            super(message, null, false, false);
            this.problem = problem;
        }
    }
}

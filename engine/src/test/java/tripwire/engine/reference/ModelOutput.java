package tripwire.engine.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;

/**
 * An output event of the v1 scenario format that the differential test compares: a liquidation order or a
 * rejection. Decimals are normalised (trailing zeros stripped) so that {@code equals} compares values; the
 * rejection message is free text and not part of the contract, so it is not kept.
 */
public sealed interface ModelOutput
{
    ObjectMapper JSON = new ObjectMapper();

    /** The compact JSON line of this output, in the shape the engine prints. */
    String toJson();

    record LiquidationOrder(
        long order, long account, String market, String side, BigDecimal size, BigDecimal limitPrice, int triggerSeq)
        implements ModelOutput
    {
        public LiquidationOrder
        {
            size = size.stripTrailingZeros();
            limitPrice = limitPrice.stripTrailingZeros();
        }

        @Override
        public String toJson()
        {
            return "{\"type\":\"liquidationOrder\",\"order\":" + order + ",\"account\":" + account +
                ",\"market\":\"" + market + "\",\"side\":\"" + side + "\",\"size\":\"" + E8.text(size) +
                "\",\"limitPrice\":\"" + E8.text(limitPrice) + "\",\"triggerSeq\":" + triggerSeq + "}";
        }
    }

    record Rejection(int seq, RejectReason reason) implements ModelOutput
    {
        @Override
        public String toJson()
        {
            return "{\"type\":\"rejection\",\"seq\":" + seq + ",\"reason\":\"" + reason.name() + "\"}";
        }
    }

    /**
     * Reads one output line of the engine (or an expected file).
     *
     * @return the output, or {@code null} for an output type this format's reader does not know.
     */
    static ModelOutput parse(final String line)
    {
        final JsonNode node;
        try
        {
            node = JSON.readTree(line);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException("output line is not JSON: " + line, e);
        }
        final String type = node.path("type").asText();
        switch (type)
        {
            case "liquidationOrder":
                return new LiquidationOrder(
                    node.get("order").longValue(),
                    node.get("account").longValue(),
                    node.get("market").textValue(),
                    node.get("side").textValue(),
                    new BigDecimal(node.get("size").textValue()),
                    new BigDecimal(node.get("limitPrice").textValue()),
                    node.get("triggerSeq").intValue());
            case "rejection":
                return new Rejection(node.get("seq").intValue(), RejectReason.valueOf(node.get("reason").textValue()));
            default:
                return null;
        }
    }
}

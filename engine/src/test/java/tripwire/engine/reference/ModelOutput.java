package tripwire.engine.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;

/**
 * An output event that the differential test compares: a liquidation order or a rejection (v1), and the lines
 * docs/risk-model.md adds: {@code marginWarning}, {@code liquidationPenalty}, {@code insuranceFund},
 * {@code deleverage}. Decimals are normalised (trailing zeros stripped) so that {@code equals} compares values; the
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

        @Override
        public int seq()
        {
            return triggerSeq;
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

    /** docs/risk-model.md section 3: a fill left the account below its initial requirement. */
    record MarginWarning(int seq, long account, BigDecimal equity, BigDecimal initialMargin) implements ModelOutput
    {
        public MarginWarning
        {
            equity = equity.stripTrailingZeros();
            initialMargin = initialMargin.stripTrailingZeros();
        }

        @Override
        public String toJson()
        {
            return "{\"type\":\"marginWarning\",\"seq\":" + seq + ",\"account\":" + account +
                ",\"equity\":\"" + E8.text(equity) + "\",\"initialMargin\":\"" + E8.text(initialMargin) + "\"}";
        }
    }

    /** docs/risk-model.md section 5: the penalty charged on a liquidation fill and how it was split. */
    record LiquidationPenalty(
        int seq, long order, long account, String market, BigDecimal penalty, BigDecimal liquidatorReward,
        BigDecimal insuranceFund) implements ModelOutput
    {
        public LiquidationPenalty
        {
            penalty = penalty.stripTrailingZeros();
            liquidatorReward = liquidatorReward.stripTrailingZeros();
            insuranceFund = insuranceFund.stripTrailingZeros();
        }

        @Override
        public String toJson()
        {
            return "{\"type\":\"liquidationPenalty\",\"seq\":" + seq + ",\"order\":" + order + ",\"account\":" +
                account + ",\"market\":\"" + market + "\",\"penalty\":\"" + E8.text(penalty) +
                "\",\"liquidatorReward\":\"" + E8.text(liquidatorReward) + "\",\"insuranceFund\":\"" +
                E8.text(insuranceFund) + "\"}";
        }
    }

    /**
     * docs/risk-model.md section 6: one movement of the insurance fund, {@code DEPOSIT}, {@code PENALTY} or
     * {@code BAD_DEBT}, with the balance after it. A {@code DEPOSIT} has no account (0) and no market ({@code null}).
     */
    record InsuranceFundMovement(
        int seq, String kind, long account, String market, BigDecimal amount, BigDecimal uncovered,
        BigDecimal balance) implements ModelOutput
    {
        public InsuranceFundMovement
        {
            amount = amount.stripTrailingZeros();
            uncovered = uncovered.stripTrailingZeros();
            balance = balance.stripTrailingZeros();
        }

        @Override
        public String toJson()
        {
            final String accountAndMarket = market == null ? "" :
                ",\"account\":" + account + ",\"market\":\"" + market + "\"";
            return "{\"type\":\"insuranceFund\",\"seq\":" + seq + ",\"kind\":\"" + kind + "\"" + accountAndMarket +
                ",\"amount\":\"" + E8.text(amount) + "\",\"uncovered\":\"" + E8.text(uncovered) +
                "\",\"balance\":\"" + E8.text(balance) + "\"}";
        }
    }

    /**
     * docs/risk-model.md section 7: one ADL reduction; {@code side} is the side of the liquidated account's
     * closing trade, {@code price} its bankruptcy price.
     */
    record Deleverage(
        int seq, long account, long counterparty, String market, String side, BigDecimal size, BigDecimal price)
        implements ModelOutput
    {
        public Deleverage
        {
            size = size.stripTrailingZeros();
            price = price.stripTrailingZeros();
        }

        @Override
        public String toJson()
        {
            return "{\"type\":\"deleverage\",\"seq\":" + seq + ",\"account\":" + account + ",\"counterparty\":" +
                counterparty + ",\"market\":\"" + market + "\",\"side\":\"" + side + "\",\"size\":\"" +
                E8.text(size) + "\",\"price\":\"" + E8.text(price) + "\"}";
        }
    }

    /** The input line an output belongs to: a rejection's or risk output's seq, an order's triggerSeq. */
    default int seq()
    {
        return 0;
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
            case "marginWarning":
                return new MarginWarning(
                    node.get("seq").intValue(), node.get("account").longValue(), decimal(node, "equity"),
                    decimal(node, "initialMargin"));
            case "liquidationPenalty":
                return new LiquidationPenalty(
                    node.get("seq").intValue(), node.get("order").longValue(), node.get("account").longValue(),
                    node.get("market").textValue(), decimal(node, "penalty"), decimal(node, "liquidatorReward"),
                    decimal(node, "insuranceFund"));
            case "insuranceFund":
                return new InsuranceFundMovement(
                    node.get("seq").intValue(), node.get("kind").textValue(), node.path("account").asLong(0),
                    node.hasNonNull("market") ? node.get("market").textValue() : null, decimal(node, "amount"),
                    decimal(node, "uncovered"), decimal(node, "balance"));
            case "deleverage":
                return new Deleverage(
                    node.get("seq").intValue(), node.get("account").longValue(), node.get("counterparty").longValue(),
                    node.get("market").textValue(), node.get("side").textValue(), decimal(node, "size"),
                    decimal(node, "price"));
            default:
                return null;
        }
    }

    private static BigDecimal decimal(final JsonNode node, final String field)
    {
        return new BigDecimal(node.get(field).textValue());
    }
}

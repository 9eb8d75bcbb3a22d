package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.List;

/**
 * One scenario line after the adapter rules (names, JSON types, decimal syntax), before the engine's checks.
 * Decimal quantities are the exact values the sender wrote; the model decodes them to 10^-8 itself, at the
 * step of the check order where docs/engine-model.md decodes them.
 */
sealed interface ModelEvent
{
    int seq();

    /** A JSON object the adapter could not map: rejected {@code MALFORMED}. */
    record Malformed(int seq, String problem) implements ModelEvent
    {
    }

    /** {@code assetId} is the name's id in the asset namespace, given on its first well-formed definition line. */
    record AssetDefinition(int seq, String asset, int assetId, boolean quote, BigDecimal haircut) implements ModelEvent
    {
    }

    /** {@code marketId} is the name's id in the market namespace; an empty source list means any source. */
    record MarketDefinition(
        int seq, String market, int marketId, BigDecimal initialMarginRate, BigDecimal maintenanceMarginRate,
        List<String> oracleSources) implements ModelEvent
    {
    }

    record Deposit(int seq, long account, String asset, BigDecimal amount) implements ModelEvent
    {
    }

    record Withdraw(int seq, long account, String asset, BigDecimal amount) implements ModelEvent
    {
    }

    /** Signed {@code size}: positive buys, negative sells. */
    record Fill(int seq, long account, String market, BigDecimal size, BigDecimal price) implements ModelEvent
    {
    }

    record MarketTick(int seq, String source, String market, BigDecimal price) implements ModelEvent
    {
    }

    record AssetTick(int seq, String source, String asset, BigDecimal price) implements ModelEvent
    {
    }

    record LiquidationFill(int seq, long order, BigDecimal size, BigDecimal price) implements ModelEvent
    {
    }
}

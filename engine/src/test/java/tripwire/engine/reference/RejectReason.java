package tripwire.engine.reference;

/**
 * The rejection codes of docs/engine-model.md ("Reject codes"), by name. The reference model and the
 * engine's JSON output both use the name; the numbers are not needed to compare behaviour.
 */
public enum RejectReason
{
    MALFORMED,
    UNKNOWN_ACCOUNT,
    UNKNOWN_ASSET,
    UNKNOWN_MARKET,
    UNAUTHORISED_SOURCE,
    NON_POSITIVE_PRICE,
    INVALID_AMOUNT,
    PRECISION,
    INSUFFICIENT_BALANCE,
    INSUFFICIENT_MARGIN,
    UNKNOWN_ORDER,
    OVERFLOW,
    INVALID_REFERENCE_DATA,
    CAPACITY,
    QUOTE_ASSET_TICK
}

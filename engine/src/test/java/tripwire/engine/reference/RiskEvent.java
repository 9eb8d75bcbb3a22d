package tripwire.engine.reference;

/**
 * What the reference model did under docs/risk-model.md, counted per scenario so that tests can show the
 * generator reaches every rule (not only every output type).
 */
public enum RiskEvent
{
    /** Section 1: a liquidation order for a position in a tier above 0. */
    ORDER_IN_HIGHER_TIER,
    /** Section 3. */
    MARGIN_WARNING,
    /** Section 4: an order for part of a position. */
    PARTIAL_ORDER,
    /** Section 4: a partial-market position closed whole because the shortage needs all of it. */
    WHOLE_BY_SHORTAGE,
    /** Section 4: closed whole because {@code E < backstopFraction × MM}. */
    BACKSTOP_CLOSE,
    /** Section 4: closed whole because {@code N <= minLiquidationNotional}. */
    SMALL_CLOSE,
    /** Section 4: no order because the shortage was already covered at this event. */
    SHORTAGE_COVERED_SKIP,
    /** Section 4: no partial order because the account is in its cooldown. */
    COOLDOWN_SKIP,
    /** Section 5: an order whose limit leaves room for the penalty. */
    PENALTY_LIMIT,
    /** Section 5: a penalty charged in full. */
    PENALTY_CHARGED_IN_FULL,
    /** Section 5: a penalty cut to the equity left (or to 0). */
    PENALTY_CAPPED,
    /** Section 6. */
    FUND_DEPOSIT,
    FUND_PENALTY,
    BAD_DEBT_COVERED_IN_FULL,
    BAD_DEBT_PARTLY_UNCOVERED,
    /** Section 7. */
    DELEVERAGE,
    ADL_REMAINDER_ORDER,
    ADL_FULLY_TAKEN,
    COUNTERPARTY_ORDER
}

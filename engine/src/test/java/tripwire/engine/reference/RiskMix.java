package tripwire.engine.reference;

/**
 * Which features of docs/risk-model.md a generated scenario uses, chosen by seed ({@link #ofSeed}: seed mod 4), so
 * that a run of consecutive seeds covers every mix. {@link #V1_ONLY} writes exactly what the v1 generator writes.
 */
public enum RiskMix
{
    /** No field of docs/risk-model.md: the v1 scenario of the seed, line for line. */
    V1_ONLY(false, false, false, false, false),
    /** Margin tiers, the initial-margin warning, the penalty and the insurance fund (sections 1, 3, 5, 6). */
    TIERS_WARNING_PENALTY_FUND(true, true, true, false, false),
    /** Partial liquidation with cooldown, the penalty and the insurance fund (sections 4, 5, 6). */
    PARTIAL_PENALTY_FUND(false, false, true, true, false),
    /** Everything above and auto-deleveraging with a small fund (sections 1, 3, 4, 5, 6, 7). */
    EVERYTHING(true, true, true, true, true);

    private final boolean tiers;
    private final boolean marginWarning;
    private final boolean penaltyAndFund;
    private final boolean partialLiquidation;
    private final boolean autoDeleverage;

    RiskMix(
        final boolean tiers, final boolean marginWarning, final boolean penaltyAndFund,
        final boolean partialLiquidation, final boolean autoDeleverage)
    {
        this.tiers = tiers;
        this.marginWarning = marginWarning;
        this.penaltyAndFund = penaltyAndFund;
        this.partialLiquidation = partialLiquidation;
        this.autoDeleverage = autoDeleverage;
    }

    static RiskMix ofSeed(final long seed)
    {
        return values()[(int)Math.floorMod(seed, (long)values().length)];
    }

    boolean isV1()
    {
        return this == V1_ONLY;
    }

    boolean tiers()
    {
        return tiers;
    }

    boolean marginWarning()
    {
        return marginWarning;
    }

    boolean penaltyAndFund()
    {
        return penaltyAndFund;
    }

    boolean partialLiquidation()
    {
        return partialLiquidation;
    }

    boolean autoDeleverage()
    {
        return autoDeleverage;
    }
}

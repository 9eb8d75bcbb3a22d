package tripwire.engine;

import tripwire.codecs.InsuranceFundMovementKind;
import tripwire.engine.math.FixedPoint;

/**
 * The insurance fund (docs/risk-model.md section 6): one balance in the quote asset, in E8 quote, and the
 * running total of liquidation penalties paid to liquidators. Every movement of the balance is published as
 * an {@code InsuranceFundMovement} carrying the balance after it, so the balance always equals the sum of the
 * published amounts.
 *
 * <p>Invariants: {@code 0 <= balanceE8 <= MAX_E8} and {@code 0 <= liquidatorRewardsE8 <= MAX_E8} (the range
 * rule; callers check {@link #depositBreaksRange} and {@link #penaltyBreaksRange} before moving money).
 *
 * <p>The fund is <em>active</em> once a definition turned it on: a quote asset definition that paid an amount
 * in, or a market definition with a penalty rate above 0 (its penalties pay in). Bad debt is reported and
 * covered only while the fund is active, so that with no penalty or fund field the outputs stay v1's. Never
 * deactivated.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class InsuranceFund
{
    /** accountId of a movement that concerns no account (a DEPOSIT). */
    static final long NO_ACCOUNT = 0;
    /** marketId of a movement that concerns no market (a DEPOSIT). */
    static final int NO_MARKET = -1;

    private final OutputPublisher publisher;
    private long balanceE8;
    private long liquidatorRewardsE8;
    private boolean active;

    InsuranceFund(final OutputPublisher publisher)
    {
        this.publisher = publisher;
    }

    /** Quote E8 held by the fund, >= 0. */
    long balanceE8()
    {
        return balanceE8;
    }

    /** Quote E8 of penalties paid to liquidators since the start, >= 0. */
    long liquidatorRewardsE8()
    {
        return liquidatorRewardsE8;
    }

    boolean isActive()
    {
        return active;
    }

    /** Turns bad-debt handling on (a market with a penalty was defined). */
    void activate()
    {
        active = true;
    }

    /** @return true when paying {@code amountE8} (>= 0) in would put the balance beyond MAX_E8. */
    boolean depositBreaksRange(final long amountE8)
    {
        return amountE8 > FixedPoint.MAX_E8 - balanceE8;
    }

    /**
     * @return true when a penalty of up to {@code nominalE8} (>= 0) could put the balance or the liquidators'
     * total beyond MAX_E8 (either part may be the whole penalty).
     */
    boolean penaltyBreaksRange(final long nominalE8)
    {
        return nominalE8 > FixedPoint.MAX_E8 - balanceE8 || nominalE8 > FixedPoint.MAX_E8 - liquidatorRewardsE8;
    }

    /** Pays a definition's amount in; amount 0 moves nothing and publishes nothing. */
    void deposit(final long seq, final long timeNs, final long amountE8)
    {
        if (amountE8 == 0)
        {
            return;
        }
        active = true;
        balanceE8 += amountE8;
        publisher.insuranceFundMovement(
            seq, timeNs, InsuranceFundMovementKind.DEPOSIT, NO_ACCOUNT, NO_MARKET, amountE8, 0, balanceE8);
    }

    /** Books a charged penalty: the reward to the liquidators' total, the fund part to the balance (published when > 0). */
    void penalty(
        final long seq, final long timeNs, final long accountId, final int marketId, final long rewardE8, final long fundPartE8)
    {
        liquidatorRewardsE8 += rewardE8;
        if (fundPartE8 > 0)
        {
            balanceE8 += fundPartE8;
            publisher.insuranceFundMovement(
                seq, timeNs, InsuranceFundMovementKind.PENALTY, accountId, marketId, fundPartE8, 0, balanceE8);
        }
    }

    /**
     * Covers as much of a debt as the balance allows and publishes the BAD_DEBT movement, even when nothing
     * could be covered.
     *
     * @param debtE8 the account's negative equity, negated: > 0.
     * @return the amount covered, {@code min(debtE8, balance)}; the caller credits it to the account.
     */
    long coverBadDebt(final long seq, final long timeNs, final long accountId, final int marketId, final long debtE8)
    {
        final long coveredE8 = Math.min(debtE8, balanceE8);
        balanceE8 -= coveredE8;
        publisher.insuranceFundMovement(
            seq, timeNs, InsuranceFundMovementKind.BAD_DEBT, accountId, marketId, -coveredE8, debtE8 - coveredE8,
            balanceE8);
        return coveredE8;
    }

    /** Restores the fund's state from a snapshot. */
    void restore(final long balanceE8, final long liquidatorRewardsE8, final boolean active)
    {
        this.balanceE8 = balanceE8;
        this.liquidatorRewardsE8 = liquidatorRewardsE8;
        this.active = active;
    }

    /** Mixes the fund's state into a hash. */
    void mixInto(final StateHash hash)
    {
        hash.mix(balanceE8);
        hash.mix(liquidatorRewardsE8);
        hash.mix(active ? 1 : 0);
    }
}

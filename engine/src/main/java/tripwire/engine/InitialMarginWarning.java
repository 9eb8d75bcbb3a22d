package tripwire.engine;

import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.MarginScheduleTable;

/**
 * The initial-margin warning (docs/risk-model.md section 3): after a fill in a market with
 * {@code initialMarginWarning} is applied, an account that can be evaluated (every market of its positions
 * has a price) and whose equity is below its initial requirement gets a {@code MarginWarning}, before any
 * liquidation order of that fill. The trade stands.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class InitialMarginWarning
{
    private final AccountStore accounts;
    private final MarginScheduleTable schedules;
    private final MarginCalculator margin;
    private final OutputPublisher publisher;

    InitialMarginWarning(
        final AccountStore accounts,
        final MarginScheduleTable schedules,
        final MarginCalculator margin,
        final OutputPublisher publisher)
    {
        this.accounts = accounts;
        this.schedules = schedules;
        this.margin = margin;
        this.publisher = publisher;
    }

    /** Call after a fill of the account in the market has been settled, before the account is checked. */
    void afterFill(final int accountIndex, final int marketId, final long seq, final long timeNs)
    {
        if (schedules.warnsBelowInitial(marketId) && margin.evaluate(accountIndex) &&
            margin.equityE8() < margin.initialE8())
        {
            publisher.marginWarning(seq, timeNs, accounts.accountId(accountIndex), margin.equityE8(), margin.initialE8());
        }
    }
}

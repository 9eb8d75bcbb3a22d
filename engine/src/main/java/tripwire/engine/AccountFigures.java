package tripwire.engine;

/**
 * One account's margin figures at a moment, E8 quote, as {@link LiquidationEngine#accountFigures} evaluates them
 * (equity rounded down, requirements up). A value for post-mortem tools, never built on the hot path.
 *
 * @param open          false when the account has never been opened (then every figure is 0).
 * @param priced        false when a market of an open position has no (fresh) mark price: then equity counts such
 *                      positions as 0 and the requirements are unknown (reported as 0).
 * @param equityE8      collateral value plus unrealised position value.
 * @param maintenanceE8 maintenance requirement; the account is liquidatable when equity is below it.
 * @param initialE8     initial requirement.
 */
public record AccountFigures(boolean open, boolean priced, long equityE8, long maintenanceE8, long initialE8)
{
    public static final AccountFigures NOT_OPEN = new AccountFigures(false, false, 0, 0, 0);

    /** True when open, priced and equity is below maintenance (strictly). */
    public boolean liquidatable()
    {
        return open && priced && equityE8 < maintenanceE8;
    }
}

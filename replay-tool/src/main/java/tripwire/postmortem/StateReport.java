package tripwire.postmortem;

import java.util.ArrayList;
import java.util.List;

import tripwire.engine.AccountFigures;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.E8Text;

/**
 * Describes an engine's state in plain lines: where it is (last seq, time, outSeq), the insurance fund, each
 * market's mark price, how many accounts are open and liquidatable, the state hash; or one account's balances,
 * positions and margin figures. Walks every open account: off the hot path. Call on the engine's thread.
 */
public final class StateReport
{
    private StateReport()
    {
    }

    public static List<String> engine(final LiquidationEngine engine)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("at        seq " + engine.lastSeq() + ", timeNs " + engine.lastTimeNs() + ", outSeq " + engine.lastOutSeq());
        lines.add("fund      " + E8Text.format(engine.insuranceFundBalanceE8()) +
            " (liquidator rewards paid " + E8Text.format(engine.liquidatorRewardsE8()) + ")");
        for (int m = 0; m < engine.config().maxMarkets(); m++)
        {
            if (engine.isMarketDefined(m))
            {
                final long markE8 = engine.markPriceE8(m);
                lines.add(String.format("market    %-16s mark %s", engine.marketName(m), markE8 == 0 ? "none" : E8Text.format(markE8)));
            }
        }
        int liquidatable = 0;
        long lowestMarginAccount = 0;
        long lowestExcessE8 = Long.MAX_VALUE;
        for (int i = 0; i < engine.accountCount(); i++)
        {
            final long accountId = engine.accountIdAt(i);
            final AccountFigures figures = engine.accountFigures(accountId);
            if (!figures.priced() || figures.maintenanceE8() == 0)
            {
                continue;
            }
            if (figures.liquidatable())
            {
                liquidatable++;
            }
            final long excessE8 = figures.equityE8() - figures.maintenanceE8();
            if (excessE8 < lowestExcessE8)
            {
                lowestExcessE8 = excessE8;
                lowestMarginAccount = accountId;
            }
        }
        lines.add("accounts  " + engine.accountCount() + " open, " + liquidatable + " below maintenance" +
            (lowestExcessE8 == Long.MAX_VALUE ? "" :
                ", least margin: account " + lowestMarginAccount + " (equity - maintenance = " + E8Text.format(lowestExcessE8) + ")"));
        lines.add("orders    " + engine.lastOrderId() + " liquidation orders issued");
        lines.add(String.format("state     %016x", engine.stateHash()));
        return lines;
    }

    public static List<String> account(final LiquidationEngine engine, final long accountId)
    {
        final List<String> lines = new ArrayList<>();
        final AccountFigures figures = engine.accountFigures(accountId);
        if (!figures.open())
        {
            lines.add("account   " + accountId + " is not open at seq " + engine.lastSeq());
            return lines;
        }
        lines.add("account   " + accountId + " at seq " + engine.lastSeq() + ", timeNs " + engine.lastTimeNs());
        for (int a = 0; a < engine.config().maxAssets(); a++)
        {
            final long balanceE8 = engine.balanceE8(accountId, a);
            if (balanceE8 != 0)
            {
                lines.add(String.format("balance   %-16s %s", engine.assetName(a), E8Text.format(balanceE8)));
            }
        }
        for (int m = 0; m < engine.config().maxMarkets(); m++)
        {
            final long sizeE8 = engine.positionSizeE8(accountId, m);
            if (sizeE8 != 0)
            {
                final long markE8 = engine.markPriceE8(m);
                lines.add(String.format("position  %-16s %s at mark %s", engine.marketName(m), E8Text.format(sizeE8),
                    markE8 == 0 ? "none" : E8Text.format(markE8)));
            }
        }
        lines.add("equity    " + E8Text.format(figures.equityE8()) + (figures.priced() ? "" : " (a position has no fresh mark)"));
        if (figures.priced())
        {
            lines.add("maint.    " + E8Text.format(figures.maintenanceE8()));
            lines.add("initial   " + E8Text.format(figures.initialE8()));
            lines.add("status    " + (figures.liquidatable() ? "LIQUIDATABLE (equity below maintenance)" :
                figures.equityE8() < figures.initialE8() ? "below initial margin" : "healthy"));
        }
        return lines;
    }
}

package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;

/**
 * Deposits and withdrawals. Checks run in the order of docs/engine-model.md; a rejected event changes
 * nothing. Owned by the business-logic thread; allocates nothing.
 */
final class CollateralLogic
{
    static final long UNKNOWN_PRICE = Long.MIN_VALUE;

    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarginCalculator margin;
    private final Liquidator liquidator;
    private final OutputPublisher publisher;
    private final OracleGuard oracle;

    CollateralLogic(
        final AccountStore accounts,
        final AssetTable assets,
        final MarginCalculator margin,
        final Liquidator liquidator,
        final OutputPublisher publisher,
        final OracleGuard oracle)
    {
        this.oracle = oracle;
        this.accounts = accounts;
        this.assets = assets;
        this.margin = margin;
        this.liquidator = liquidator;
        this.publisher = publisher;
    }

    void onDeposit(
        final long seq, final long timeNs, final long accountId, final int assetId, final long mantissa, final int exponent)
    {
        if (AccountIds.rejectedInvalid(publisher, seq, timeNs, accountId))
        {
            return;
        }
        if (!assets.isDefined(assetId))
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_ASSET, assetId, 0);
            return;
        }
        final long amountE8 = DecodeRejections.positive(
            publisher, seq, timeNs, mantissa, exponent, RejectReason.INVALID_AMOUNT);
        if (amountE8 == DecodeRejections.REJECTED)
        {
            return;
        }

        int index = accounts.indexOf(accountId);
        final long balanceE8 = index == AccountStore.NO_ACCOUNT ? 0 : accounts.balanceE8(index, assetId);
        final long newBalanceE8 = balanceE8 + amountE8;
        if (newBalanceE8 > FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, newBalanceE8, RangeRule.BALANCE);
            return;
        }
        final boolean quote = assets.isQuote(assetId);
        if (!quote && assets.priceE8(assetId) != 0)
        {
            final long valueE8 = FixedPoint.mulE8Floor(newBalanceE8, assets.priceE8(assetId));
            if (valueE8 > FixedPoint.MAX_E8)
            {
                publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, valueE8, RangeRule.COLLATERAL_VALUE);
                return;
            }
        }
        if (index == AccountStore.NO_ACCOUNT)
        {
            if (accounts.isFull())
            {
                publisher.rejection(seq, timeNs, RejectReason.CAPACITY, accounts.capacity(), 0);
                return;
            }
            index = accounts.open(accountId);
        }

        oracle.commitTransitions(seq, timeNs);
        accounts.balance(index, assetId, newBalanceE8, !quote);
        if (!quote)
        {
            assets.raiseMaxBalance(assetId, newBalanceE8);
        }
        if (quote)
        {
            liquidator.checkAfterCash(index, seq, timeNs);
        }
        else
        {
            liquidator.checkChanged(index, seq, timeNs);
        }
    }

    void onWithdraw(
        final long seq, final long timeNs, final long accountId, final int assetId, final long mantissa, final int exponent)
    {
        if (AccountIds.rejectedInvalid(publisher, seq, timeNs, accountId))
        {
            return;
        }
        final int index = accounts.indexOf(accountId);
        if (index == AccountStore.NO_ACCOUNT)
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_ACCOUNT, accountId, 0);
            return;
        }
        if (!assets.isDefined(assetId))
        {
            publisher.rejection(seq, timeNs, RejectReason.UNKNOWN_ASSET, assetId, 0);
            return;
        }
        final long amountE8 = DecodeRejections.positive(
            publisher, seq, timeNs, mantissa, exponent, RejectReason.INVALID_AMOUNT);
        if (amountE8 == DecodeRejections.REJECTED)
        {
            return;
        }
        final boolean quote = assets.isQuote(assetId);
        final long balanceE8 = accounts.balanceE8(index, assetId);
        if (!quote && balanceE8 < amountE8)
        {
            publisher.rejection(seq, timeNs, RejectReason.INSUFFICIENT_BALANCE, balanceE8, amountE8);
            return;
        }
        final long newBalanceE8 = balanceE8 - amountE8;
        if (newBalanceE8 < -FixedPoint.MAX_E8)
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, 0, RangeRule.BALANCE);
            return;
        }

        // Evaluate the account as it would be after the withdrawal; undo if it fails the initial requirement.
        accounts.balance(index, assetId, newBalanceE8, !quote);
        if (!margin.evaluate(index))
        {
            accounts.balance(index, assetId, balanceE8, !quote);
            publisher.rejection(seq, timeNs, RejectReason.INSUFFICIENT_MARGIN, margin.unpricedMarketId(), UNKNOWN_PRICE);
            return;
        }
        if (margin.equityE8() < margin.initialE8())
        {
            accounts.balance(index, assetId, balanceE8, !quote);
            publisher.rejection(
                seq, timeNs, RejectReason.INSUFFICIENT_MARGIN, margin.equityE8(), margin.initialE8());
            return;
        }
        oracle.commitTransitions(seq, timeNs);
    }
}

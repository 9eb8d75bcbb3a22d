package tripwire.engine;

import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.PenaltyTable;

/**
 * What a liquidation fill costs beyond its trade (docs/risk-model.md sections 5 and 6): the penalty charged
 * to the account, split between the liquidator and the {@link InsuranceFund}, then the fund's cover of the
 * account's bad debt when the fill left it flat with negative equity. All figures in E8 quote:
 * <pre>
 *   nominal  = ceil(ceil(size x price / 10^8) x f / 10^8)
 *   charged  = min(nominal, max(0, E_after))      E_after: equity after the fill, unpriced markets count 0
 *   reward   = floor(charged x w / 10^8)          fundPart = charged - reward
 * </pre>
 * Outputs, in order: {@code liquidationPenalty} (markets with f > 0), the fund's {@code PENALTY} movement
 * (fundPart > 0), its {@code BAD_DEBT} movement (active fund, account flat, E < 0).
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class LiquidationCharges
{
    private final AccountStore accounts;
    private final AssetTable assets;
    private final PenaltyTable penalties;
    private final MarginCalculator margin;
    private final InsuranceFund fund;
    private final OutputPublisher publisher;

    LiquidationCharges(
        final AccountStore accounts,
        final AssetTable assets,
        final PenaltyTable penalties,
        final MarginCalculator margin,
        final InsuranceFund fund,
        final OutputPublisher publisher)
    {
        this.accounts = accounts;
        this.assets = assets;
        this.penalties = penalties;
        this.margin = margin;
        this.fund = fund;
        this.publisher = publisher;
    }

    /**
     * The range rule for the penalty of a liquidation fill that passed v1's range rule, checked before anything
     * is applied: the account's cash after the trade minus the nominal penalty must stay >= -MAX_E8, and the
     * fund's balance and the liquidators' total plus the nominal penalty <= MAX_E8 (conservative: the charge is
     * at most the nominal). Publishes {@code OVERFLOW} [nominalE8, {@link RangeRule#BALANCE}] when broken.
     *
     * @param signedSizeE8 the account's trade: -size for a SELL order, +size for a BUY.
     * @return true when the fill was rejected.
     */
    boolean rangeRejected(
        final long seq,
        final long timeNs,
        final int accountIndex,
        final int marketId,
        final long signedSizeE8,
        final long priceE8)
    {
        final long nominalE8 = nominalPenaltyE8(marketId, FixedPoint.abs(signedSizeE8), priceE8);
        if (nominalE8 == 0)
        {
            return false;
        }
        final long cashAfterTradeE8 =
            accounts.balanceE8(accountIndex, assets.quoteAssetId()) + FixedPoint.mulE8Floor(-signedSizeE8, priceE8);
        if (nominalE8 > cashAfterTradeE8 + FixedPoint.MAX_E8 || fund.penaltyBreaksRange(nominalE8))
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, nominalE8, RangeRule.BALANCE);
            return true;
        }
        return false;
    }

    /**
     * Charges the penalty of a liquidation fill that has settled (cash and position moved as v1), then covers
     * the account's bad debt. Call before the account's check.
     *
     * @param sizeE8 the size filled, > 0.
     */
    void onSettled(
        final long seq,
        final long timeNs,
        final long orderId,
        final int accountIndex,
        final int marketId,
        final long sizeE8,
        final long priceE8)
    {
        final long accountId = accounts.accountId(accountIndex);
        final long penaltyRateE8 = penalties.penaltyRateE8(marketId);
        if (penaltyRateE8 > 0)
        {
            final long nominalE8 = nominalPenaltyE8(marketId, sizeE8, priceE8);
            final long chargedE8 = Math.min(nominalE8, Math.max(0, margin.equityIgnoringUnpricedE8(accountIndex)));
            final long rewardE8 = FixedPoint.mulE8Floor(chargedE8, penalties.rewardShareE8(marketId));
            final long fundPartE8 = chargedE8 - rewardE8;
            addCash(accountIndex, -chargedE8);
            publisher.liquidationPenalty(seq, timeNs, orderId, accountId, marketId, chargedE8, rewardE8, fundPartE8);
            fund.penalty(seq, timeNs, accountId, marketId, rewardE8, fundPartE8);
        }

        if (fund.isActive() && isFlat(accountIndex))
        {
            final long equityE8 = margin.equityIgnoringUnpricedE8(accountIndex);
            if (equityE8 < 0)
            {
                addCash(accountIndex, fund.coverBadDebt(seq, timeNs, accountId, marketId, -equityE8));
            }
        }
    }

    private long nominalPenaltyE8(final int marketId, final long sizeE8, final long priceE8)
    {
        final long penaltyRateE8 = penalties.penaltyRateE8(marketId);
        return penaltyRateE8 == 0 ? 0 : FixedPoint.mulE8Ceil(FixedPoint.mulE8Ceil(sizeE8, priceE8), penaltyRateE8);
    }

    private boolean isFlat(final int accountIndex)
    {
        return accounts.positionMask(accountIndex) == 0;
    }

    /** Moves quote cash; the range rule holds: a charge is checked above, a cover lifts cash toward 0 at most. */
    private void addCash(final int accountIndex, final long deltaE8)
    {
        if (deltaE8 == 0)
        {
            return;
        }
        final int quoteAssetId = assets.quoteAssetId();
        accounts.balance(accountIndex, quoteAssetId, accounts.balanceE8(accountIndex, quoteAssetId) + deltaE8, false);
    }
}

package tripwire.engine;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.DecimalDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.RejectReason;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.PenaltyTable;

/**
 * The penalty and insurance fund fields of asset and market definitions (docs/risk-model.md sections 5 and 6):
 * market {@code liquidationPenaltyRate} f in [0, 1) and {@code liquidatorRewardShare} w in [0, 1], quote asset
 * {@code insuranceFund} amount >= 0.
 *
 * <p>Protocol, one definition at a time: {@link InputAdapter} calls {@code decode...Fields} with the frame's
 * decoder, then hands the definition to {@link ReferenceDataLogic}, which calls {@code ...Rejected} after its own
 * checks and {@code apply...} after its own apply. The decoded raw fields live here only in between.
 *
 * <p>Rejections: {@code PRECISION} / {@code OVERFLOW} for a field that does not decode;
 * {@code INVALID_REFERENCE_DATA} [13, fE8] for f outside [0, 1), [14, wE8] for w outside [0, 1], [15, amountE8]
 * for a negative {@code insuranceFund} or a non-zero one on a non-quote asset; {@code OVERFLOW}
 * [newBalanceE8, {@link RangeRule#BALANCE}] when the amount would put the fund's balance beyond MAX_E8.
 *
 * <p>Owned by the business-logic thread; allocates nothing.
 */
final class PenaltyReferenceData
{
    static final int PENALTY_RATE_OUT_OF_RANGE = 13;
    static final int REWARD_SHARE_OUT_OF_RANGE = 14;
    static final int INSURANCE_FUND_INVALID = 15;

    private final PenaltyTable penalties;
    private final InsuranceFund fund;
    private final OutputPublisher publisher;

    private long penaltyRateMantissa;
    private int penaltyRateExponent;
    private long rewardShareMantissa;
    private int rewardShareExponent;
    private long fundAmountMantissa;
    private int fundAmountExponent;

    private long penaltyRateE8;
    private long rewardShareE8;
    private long fundAmountE8;

    PenaltyReferenceData(final PenaltyTable penalties, final InsuranceFund fund, final OutputPublisher publisher)
    {
        this.penalties = penalties;
        this.fund = fund;
        this.publisher = publisher;
    }

    void decodeMarketFields(final MarketDefinitionDecoder decoder)
    {
        final DecimalDecoder penaltyRate = decoder.liquidationPenaltyRate();
        penaltyRateMantissa = penaltyRate.mantissa();
        penaltyRateExponent = penaltyRate.exponent();
        final DecimalDecoder rewardShare = decoder.liquidatorRewardShare();
        rewardShareMantissa = rewardShare.mantissa();
        rewardShareExponent = rewardShare.exponent();
    }

    void decodeAssetFields(final AssetDefinitionDecoder decoder)
    {
        final DecimalDecoder amount = decoder.insuranceFund();
        fundAmountMantissa = amount.mantissa();
        fundAmountExponent = amount.exponent();
    }

    /** Checks the market fields decoded last; publishes the rejection and returns true when they are invalid. */
    boolean marketRejected(final long seq, final long timeNs)
    {
        penaltyRateE8 = FixedPoint.toE8(penaltyRateMantissa, penaltyRateExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, penaltyRateE8, penaltyRateMantissa, penaltyRateExponent))
        {
            return true;
        }
        rewardShareE8 = FixedPoint.toE8(rewardShareMantissa, rewardShareExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, rewardShareE8, rewardShareMantissa, rewardShareExponent))
        {
            return true;
        }
        if (penaltyRateE8 < 0 || penaltyRateE8 >= FixedPoint.SCALE)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, PENALTY_RATE_OUT_OF_RANGE, penaltyRateE8);
            return true;
        }
        if (rewardShareE8 < 0 || rewardShareE8 > FixedPoint.SCALE)
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, REWARD_SHARE_OUT_OF_RANGE, rewardShareE8);
            return true;
        }
        return false;
    }

    /** Applies the market fields that passed {@link #marketRejected}; a redefinition replaces them. */
    void applyMarket(final int marketId)
    {
        penalties.define(marketId, penaltyRateE8, rewardShareE8);
        if (penaltyRateE8 > 0)
        {
            fund.activate();
        }
    }

    /** Checks the asset field decoded last; publishes the rejection and returns true when it is invalid. */
    boolean assetRejected(final long seq, final long timeNs, final boolean quote)
    {
        fundAmountE8 = FixedPoint.toE8(fundAmountMantissa, fundAmountExponent);
        if (DecodeRejections.rejected(publisher, seq, timeNs, fundAmountE8, fundAmountMantissa, fundAmountExponent))
        {
            return true;
        }
        if (fundAmountE8 < 0 || (!quote && fundAmountE8 != 0))
        {
            publisher.rejection(seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, INSURANCE_FUND_INVALID, fundAmountE8);
            return true;
        }
        if (fund.depositBreaksRange(fundAmountE8))
        {
            publisher.rejection(seq, timeNs, RejectReason.OVERFLOW, fund.balanceE8() + fundAmountE8, RangeRule.BALANCE);
            return true;
        }
        return false;
    }

    /** Pays the amount of the asset definition that passed {@link #assetRejected} into the fund (every definition adds). */
    void applyAsset(final long seq, final long timeNs)
    {
        fund.deposit(seq, timeNs, fundAmountE8);
    }
}

package tripwire.engine.scenario;

import java.util.function.IntFunction;

import tripwire.codecs.MalformedProblem;
import tripwire.codecs.RejectReason;

/**
 * Human-readable text for a rejection, built from its code and its two detail figures (docs/engine-model.md
 * lists what each code's details hold). The engine itself emits only numbers: text is built here, off the
 * hot path.
 */
public final class RejectMessages
{
    private RejectMessages()
    {
    }

    public static String describe(
        final RejectReason reason,
        final long detail1,
        final long detail2,
        final IntFunction<String> marketName,
        final IntFunction<String> assetName)
    {
        switch (reason)
        {
            case MALFORMED:
                final MalformedProblem problem = MalformedProblem.get((short)detail1);
                return problem == MalformedProblem.BAD_ACCOUNT_ID ?
                    "account id " + detail2 + " is outside [1, 2^53]" :
                    "input could not be decoded: " + problem.name();
            case UNKNOWN_ACCOUNT:
                return "account " + detail1 + " is not open";
            case UNKNOWN_ASSET:
                return "asset is not defined";
            case UNKNOWN_MARKET:
                return "market is not defined";
            case UNAUTHORISED_SOURCE:
                return "source is not an oracle source of " +
                    (detail2 < 0 ? assetName.apply((int)(-1 - detail2)) : marketName.apply((int)detail2));
            case NON_POSITIVE_PRICE:
                return "price " + E8Text.format(detail1) + " is not positive";
            case INVALID_AMOUNT:
                return detail2 == 0 ?
                    "amount " + E8Text.format(detail1) + " must be positive" :
                    "size " + E8Text.format(detail1) + " exceeds the order's remaining " + E8Text.format(detail2);
            case PRECISION:
                return "value " + detail1 + "e" + detail2 + " has more than 8 fractional digits";
            case INSUFFICIENT_BALANCE:
                return "balance " + E8Text.format(detail1) + " is less than " + E8Text.format(detail2);
            case INSUFFICIENT_MARGIN:
                return detail2 == Long.MIN_VALUE ?
                    "no mark price yet for " + marketName.apply((int)detail1) :
                    "withdrawal would leave equity " + E8Text.format(detail1) + " below initial margin " +
                    E8Text.format(detail2);
            case UNKNOWN_ORDER:
                return "no outstanding liquidation order " + detail1;
            case OVERFLOW:
                return "value or resulting state outside the engine's range (2^58 units of 1e-8), rule " + detail2;
            case INVALID_REFERENCE_DATA:
                return "inconsistent reference data, rule " + detail1;
            case CAPACITY:
                return "table full: limit " + detail1;
            case QUOTE_ASSET_TICK:
                return "the quote asset " + assetName.apply((int)detail1) + " has price 1 by definition";
            default:
                return reason.name();
        }
    }
}

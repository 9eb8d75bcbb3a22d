package tripwire.engine;

import tripwire.codecs.MalformedProblem;

/** Account ids are 1..2^53 (they must survive a round trip through a JSON number). */
final class AccountIds
{
    static final long MAX_ACCOUNT_ID = 1L << 53;
    static final long BAD_ACCOUNT_ID_PROBLEM = MalformedProblem.BAD_ACCOUNT_ID.value();

    private AccountIds()
    {
    }

    static boolean isValid(final long accountId)
    {
        return accountId >= 1 && accountId <= MAX_ACCOUNT_ID;
    }
}

package tripwire.engine;

import tripwire.codecs.MalformedProblem;
import tripwire.codecs.RejectReason;

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

    /** Publishes {@code MALFORMED} [BAD_ACCOUNT_ID, accountId] and returns true when the id is out of range. */
    static boolean rejectedInvalid(
        final OutputPublisher publisher, final long seq, final long timeNs, final long accountId)
    {
        if (isValid(accountId))
        {
            return false;
        }
        publisher.rejection(seq, timeNs, RejectReason.MALFORMED, BAD_ACCOUNT_ID_PROBLEM, accountId);
        return true;
    }
}

package tripwire.engine.state;

/**
 * Told of every write to an account's balances, positions or outstanding orders in {@link AccountStore}, so
 * that state derived from accounts (the liquidation index) can follow. Called on the business-logic thread,
 * inside the write; an implementation must allocate nothing and must not write to the store.
 */
@FunctionalInterface
public interface AccountChangeListener
{
    /** The record of the account at this index changed (a balance, a position or an outstanding order). */
    void onAccountChanged(int accountIndex);
}

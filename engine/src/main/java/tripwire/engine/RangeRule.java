package tripwire.engine;

/**
 * Which bound of the range rule (docs/engine-model.md) an {@code OVERFLOW} rejection broke: its
 * {@code detail2}. Stable numbers, like the reject codes.
 */
final class RangeRule
{
    /** A balance or quote cash beyond +-2^58. */
    static final long BALANCE = 1;
    /** A collateral value (balance x price) beyond 2^58. */
    static final long COLLATERAL_VALUE = 2;
    /** A position beyond +-2^58 contracts x 10^-8. */
    static final long POSITION = 3;
    /** A position's notional at the fill or mark price beyond 2^58. */
    static final long NOTIONAL = 4;
    /** A market tick that would put the largest position's notional beyond 2^58. */
    static final long MARKET_PRICE = 5;
    /** An asset tick that would put the largest balance's value beyond 2^58. */
    static final long ASSET_PRICE = 6;

    private RangeRule()
    {
    }
}

package tripwire.engine;

/**
 * Capacities of one engine, fixed at construction so that every off-heap table is allocated once.
 * Immutable; validated on construction.
 *
 * <p>{@code maxAssets + maxMarkets <= 31} is what keeps every account sum inside a {@code long} under the
 * range rule (see docs/engine-model.md).
 */
public final class EngineConfig
{
    public static final String MAX_ACCOUNTS_PROP_NAME = "tripwire.maxAccounts";
    public static final int MAX_ACCOUNTS_DEFAULT = 65_536;
    public static final String MAX_ASSETS_PROP_NAME = "tripwire.maxAssets";
    public static final int MAX_ASSETS_DEFAULT = 8;
    public static final String MAX_MARKETS_PROP_NAME = "tripwire.maxMarkets";
    public static final int MAX_MARKETS_DEFAULT = 16;
    /**
     * Outstanding liquidation orders per account the order index is presized for: the engine allocates
     * nothing while at most {@code maxAccounts x} this many orders are outstanding at once.
     */
    public static final int OUTSTANDING_ORDERS_PER_ACCOUNT = 4;
    /** Oracle sources one market may list. */
    public static final int MAX_SOURCES_PER_MARKET = 8;
    /** {@code -Dtripwire.index=false} turns the liquidation index off (ticks then scan every member, as v1). */
    public static final String LIQUIDATION_INDEX_PROP_NAME = "tripwire.index";

    private final int maxAccounts;
    private final int maxAssets;
    private final int maxMarkets;
    private final boolean liquidationIndex;

    /** Capacities; the liquidation index is on unless {@code -Dtripwire.index=false}. */
    public EngineConfig(final int maxAccounts, final int maxAssets, final int maxMarkets)
    {
        this(maxAccounts, maxAssets, maxMarkets,
            !"false".equalsIgnoreCase(System.getProperty(LIQUIDATION_INDEX_PROP_NAME, "true").strip()));
    }

    private EngineConfig(final int maxAccounts, final int maxAssets, final int maxMarkets, final boolean liquidationIndex)
    {
        if (maxAccounts < 1 || maxAccounts > (1 << 28))
        {
            throw new IllegalArgumentException(MAX_ACCOUNTS_PROP_NAME + " must be in [1, 2^28]: " + maxAccounts);
        }
        if (maxAssets < 1 || maxMarkets < 1 || maxAssets + maxMarkets > 31)
        {
            throw new IllegalArgumentException(
                MAX_ASSETS_PROP_NAME + " and " + MAX_MARKETS_PROP_NAME + " must be >= 1 with a sum <= 31: " +
                maxAssets + " + " + maxMarkets);
        }
        this.maxAccounts = maxAccounts;
        this.maxAssets = maxAssets;
        this.maxMarkets = maxMarkets;
        this.liquidationIndex = liquidationIndex;
    }

    /** The defaults, overridden by system properties where set. */
    public static EngineConfig defaults()
    {
        return new EngineConfig(
            Integer.getInteger(MAX_ACCOUNTS_PROP_NAME, MAX_ACCOUNTS_DEFAULT),
            Integer.getInteger(MAX_ASSETS_PROP_NAME, MAX_ASSETS_DEFAULT),
            Integer.getInteger(MAX_MARKETS_PROP_NAME, MAX_MARKETS_DEFAULT));
    }

    public EngineConfig withMaxAccounts(final int maxAccounts)
    {
        return new EngineConfig(maxAccounts, maxAssets, maxMarkets, liquidationIndex);
    }

    /**
     * The same capacities with the liquidation index on or off. The index is derived state: outputs and
     * state hashes are the same either way, only the cost of a market tick differs.
     */
    public EngineConfig withLiquidationIndex(final boolean liquidationIndex)
    {
        return new EngineConfig(maxAccounts, maxAssets, maxMarkets, liquidationIndex);
    }

    /** True when market ticks visit accounts through the liquidation index rather than every member. */
    public boolean liquidationIndex()
    {
        return liquidationIndex;
    }

    public int maxAccounts()
    {
        return maxAccounts;
    }

    /** Outstanding liquidation orders the engine holds without allocating (see {@link #OUTSTANDING_ORDERS_PER_ACCOUNT}). */
    public long maxOutstandingOrders()
    {
        return (long)maxAccounts * OUTSTANDING_ORDERS_PER_ACCOUNT;
    }

    public int maxAssets()
    {
        return maxAssets;
    }

    public int maxMarkets()
    {
        return maxMarkets;
    }

    @Override
    public String toString()
    {
        return "EngineConfig{maxAccounts=" + maxAccounts + ", maxAssets=" + maxAssets + ", maxMarkets=" + maxMarkets + '}';
    }
}

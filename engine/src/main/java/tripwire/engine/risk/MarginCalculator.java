package tripwire.engine.risk;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MarketTable;

/**
 * Evaluates one account's equity, maintenance and initial requirement in E8 quote, with the roundings of
 * docs/engine-model.md (equity down, requirements up). The results are left in this object's fields until
 * the next evaluation: a flyweight-style calculator that allocates nothing.
 *
 * <p>The range rule guarantees every term is within 2^58 + 1 and there are at most 31 terms, so the sums
 * below cannot overflow; products are formed in 128 bits by {@link FixedPoint}. Requirements come from
 * {@link MarginRequirements} (tiers and the dynamic multiplier, docs/risk-model.md sections 1 and 2); a
 * multiplied requirement may exceed the range rule's bound, so requirements are summed saturating.
 *
 * <p>Owned by the business-logic thread.
 */
public final class MarginCalculator
{
    /** {@link #unpricedMarketId()} when every position's market has a mark price. */
    public static final int ALL_PRICED = -1;

    private final AccountStore accounts;
    private final AssetTable assets;
    private final MarketTable markets;
    private final MarginRequirements requirements;
    private final StalePrices stalePrices;

    private long equityE8;
    private long maintenanceE8;
    private long initialE8;
    private int unpricedMarketId;

    public MarginCalculator(
        final AccountStore accounts,
        final AssetTable assets,
        final MarketTable markets,
        final MarginScheduleTable schedules,
        final StalePrices stalePrices)
    {
        this.accounts = accounts;
        this.assets = assets;
        this.markets = markets;
        this.requirements = new MarginRequirements(schedules);
        this.stalePrices = stalePrices;
    }

    /**
     * Evaluates the account as it is stored now.
     *
     * @return false when a market of an open position has no mark price yet, or a stale one (the account cannot be
     * evaluated; {@link #unpricedMarketId()} names the market), true otherwise.
     */
    public boolean evaluate(final int accountIndex)
    {
        long equity = collateralE8(accountIndex);

        long maintenance = 0;
        long initial = 0;
        unpricedMarketId = ALL_PRICED;
        // Ascending market order, as a walk of every slot would visit the non-zero ones.
        for (int bits = accounts.positionMask(accountIndex); bits != 0; bits &= bits - 1)
        {
            final int m = Integer.numberOfTrailingZeros(bits);
            final long sizeE8 = accounts.sizeE8(accountIndex, m);
            final long markE8 = markets.markPriceE8(m);
            if (markE8 == 0 || stalePrices.isMarketStale(m))
            {
                unpricedMarketId = m;
                return false;
            }
            final long notionalE8 = FixedPoint.mulE8Ceil(FixedPoint.abs(sizeE8), markE8);
            equity += FixedPoint.mulE8FloorFromAbsCeil(sizeE8, markE8, notionalE8);
            final int tier = requirements.tierOf(m, notionalE8);
            maintenance = MarginRequirements.addSaturating(maintenance, requirements.maintenanceE8(m, tier, notionalE8));
            initial = MarginRequirements.addSaturating(initial, requirements.initialE8(m, tier, notionalE8));
        }

        equityE8 = equity;
        maintenanceE8 = maintenance;
        initialE8 = initial;
        return true;
    }

    /** Quote cash plus every other balance at its haircut (and, while stale, cut) value: 0 for an unpriced asset. */
    private long collateralE8(final int accountIndex)
    {
        long collateral = 0;
        final int quoteAssetId = assets.quoteAssetId();
        for (int bits = accounts.balanceMask(accountIndex); bits != 0; bits &= bits - 1)
        {
            final int a = Integer.numberOfTrailingZeros(bits);
            final long balanceE8 = accounts.balanceE8(accountIndex, a);
            collateral += a == quoteAssetId ? balanceE8 : collateralValueE8(a, balanceE8);
        }
        return collateral;
    }

    /**
     * The account's equity as stored now, where a position in a market without a mark price counts 0 (as
     * collateral without a price does): docs/risk-model.md sections 5 and 6. Leaves the fields of
     * {@link #evaluate} untouched.
     */
    public long equityIgnoringUnpricedE8(final int accountIndex)
    {
        long equity = collateralE8(accountIndex);
        for (int bits = accounts.positionMask(accountIndex); bits != 0; bits &= bits - 1)
        {
            final int m = Integer.numberOfTrailingZeros(bits);
            final long sizeE8 = accounts.sizeE8(accountIndex, m);
            final long markE8 = markets.markPriceE8(m);
            if (markE8 != 0)
            {
                equity += FixedPoint.mulE8Floor(sizeE8, markE8);
            }
        }
        return equity;
    }

    /** Maintenance requirement of one position at its mark price (the mark must be known). */
    public long positionMaintenanceE8(final int accountIndex, final int marketId)
    {
        final long notionalE8 = notionalE8(accountIndex, marketId);
        return requirements.maintenanceE8(marketId, requirements.tierOf(marketId, notionalE8), notionalE8);
    }

    /**
     * The position's marginal maintenance rate (E8 fraction): the maintenance rate of the tier its notional
     * is in, times the market's dynamic multiplier, rounded up. Without tiers and dynamic margin it is the
     * market's v1 maintenance rate. The mark must be known.
     */
    public long marginalMaintenanceRateE8(final int accountIndex, final int marketId)
    {
        return requirements.marginalMaintenanceRateE8(
            marketId, requirements.tierOf(marketId, notionalE8(accountIndex, marketId)));
    }

    private long notionalE8(final int accountIndex, final int marketId)
    {
        return FixedPoint.mulE8Ceil(FixedPoint.abs(accounts.sizeE8(accountIndex, marketId)), markets.markPriceE8(marketId));
    }

    /** Haircut value of a non-quote balance (cut by the stale haircut while stale): 0 while the asset has no price. */
    public long collateralValueE8(final int assetId, final long balanceE8)
    {
        final long priceE8 = assets.priceE8(assetId);
        if (priceE8 == 0)
        {
            return 0;
        }
        return stalePrices.collateralValueE8(assetId, haircutValueE8(balanceE8, priceE8, assets.haircutE8(assetId)));
    }

    /**
     * A balance's value at a price after its haircut, before any stale cut:
     * {@code floor(floor(balance x price / 10^8) x (10^8 - haircut) / 10^8)} (docs/engine-model.md). The one
     * formula the check, the liquidation index and their tests value collateral with.
     */
    public static long haircutValueE8(final long balanceE8, final long priceE8, final long haircutE8)
    {
        return FixedPoint.mulE8Floor(FixedPoint.mulE8Floor(balanceE8, priceE8), FixedPoint.SCALE - haircutE8);
    }

    public long equityE8()
    {
        return equityE8;
    }

    public long maintenanceE8()
    {
        return maintenanceE8;
    }

    public long initialE8()
    {
        return initialE8;
    }

    public int unpricedMarketId()
    {
        return unpricedMarketId;
    }

    /** True after a successful {@link #evaluate} when equity < maintenance (strictly). */
    public boolean isLiquidatable()
    {
        return equityE8 < maintenanceE8;
    }
}

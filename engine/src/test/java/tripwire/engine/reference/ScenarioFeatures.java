package tripwire.engine.reference;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The shape of one generated scenario, drawn from its seed so that different seeds exercise different
 * mixes: how many assets, markets and accounts, how hostile, how volatile, which optional features appear.
 *
 * @param collateralAssetCount   non-quote assets, 2 to 4.
 * @param marketCount            markets, 2 to 5.
 * @param targetAccountCount     accounts the scenario tries to open.
 * @param hostileRate            fraction of body lines that are hostile (about 5–10%).
 * @param hostileKinds           which kinds of hostile line this seed uses.
 * @param volatility             standard deviation of a tick's log-return.
 * @param trendRate              chance per tick that a crash or rally starts.
 * @param collateralDepositShare fraction of deposits made in a non-quote asset.
 * @param twinMarket             one more market with the first market's rates, always ticked to the same price,
 *                               so that positions of equal maintenance (emission ties) occur.
 */
record ScenarioFeatures(
    int collateralAssetCount,
    int marketCount,
    int targetAccountCount,
    double hostileRate,
    Set<HostileKind> hostileKinds,
    boolean comments,
    boolean timeNs,
    boolean extraFields,
    boolean shuffledFields,
    boolean restrictedSources,
    boolean latePrices,
    boolean referenceDataChanges,
    boolean largeAccountIds,
    double volatility,
    double trendRate,
    double collateralDepositShare,
    boolean twinMarket)
{
    static ScenarioFeatures draw(final SplittableRandom random)
    {
        final Set<HostileKind> kinds = EnumSet.noneOf(HostileKind.class);
        for (final HostileKind kind : HostileKind.values())
        {
            if (random.nextDouble() < 0.75)
            {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty())
        {
            kinds.add(HostileKind.MALFORMED_OBJECT);
        }
        return new ScenarioFeatures(
            2 + random.nextInt(3),
            2 + random.nextInt(4),
            100 + random.nextInt(301),
            0.05 + 0.05 * random.nextDouble(),
            kinds,
            random.nextBoolean(),
            random.nextBoolean(),
            random.nextDouble() < 0.3,
            random.nextDouble() < 0.3,
            random.nextDouble() < 0.7,
            random.nextDouble() < 0.4,
            random.nextBoolean(),
            random.nextDouble() < 0.4,
            0.002 + 0.025 * random.nextDouble(),
            0.005 + 0.04 * random.nextDouble(),
            random.nextDouble() * 0.5,
            random.nextBoolean());
    }
}

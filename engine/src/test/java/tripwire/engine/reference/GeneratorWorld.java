package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the scenario generator knows about the scenario written so far: the names it defined, its price
 * walks, the accounts it opened and the orders the model emitted. Outstanding orders, positions and
 * balances are asked of the {@link ReferenceModel} itself.
 */
final class GeneratorWorld
{
    static final List<String> SOURCE_POOL = List.of("pyth", "chainlink", "feedA", "feedB", "band", "redstone");
    static final long MAX_ACCOUNT_ID = 1L << 53;

    String quoteAsset;
    final List<String> collateralAssets = new ArrayList<>();
    final List<String> markets = new ArrayList<>();
    final Map<String, List<String>> sourcesByMarket = new HashMap<>();
    final Map<String, BigDecimal> maintenanceRateByMarket = new HashMap<>();
    final Map<String, BigDecimal> initialRateByMarket = new HashMap<>();

    /** The twin market and the market it copies, each mapped to the other (empty without a twin). */
    final Map<String, String> twinOf = new HashMap<>();

    /** Every name that was ever on a definition line, accepted or not: never "unknown" again. */
    final Set<String> assetNamesOnDefinitionLines = new HashSet<>();
    final Set<String> marketNamesOnDefinitionLines = new HashSet<>();

    /** The walks' current prices (the last value ticked, or the base price before the first tick). */
    final Map<String, BigDecimal> marketPrice = new HashMap<>();
    final Map<String, BigDecimal> assetPrice = new HashMap<>();
    final Set<String> pricedNames = new HashSet<>();

    final List<Long> openAccounts = new ArrayList<>();
    final Set<Long> usedAccountIds = new HashSet<>();
    final Map<Long, BigDecimal> depositedValueByAccount = new HashMap<>();

    final Map<Long, BigDecimal> limitPriceByOrder = new HashMap<>();
    long highestOrderId;

    static <T> T pick(final SplittableRandom random, final List<T> items)
    {
        return items.get(random.nextInt(items.size()));
    }

    /** A source the market accepts: one of its list, or any source when the list is empty. */
    String authorisedSource(final SplittableRandom random, final String market)
    {
        final List<String> sources = sourcesByMarket.get(market);
        return pick(random, sources.isEmpty() ? SOURCE_POOL : sources);
    }

    long anyOpenAccount(final SplittableRandom random)
    {
        return openAccounts.isEmpty() ? 1 : pick(random, openAccounts);
    }

    /** An account id in [1, 2^53] no event of this scenario has used. */
    long unusedAccountId(final SplittableRandom random, final boolean large)
    {
        while (true)
        {
            final long id = large ? 1 + random.nextLong(MAX_ACCOUNT_ID) : 1 + random.nextLong(1_000_000);
            if (!usedAccountIds.contains(id))
            {
                return id;
            }
        }
    }

    BigDecimal depositedValue(final long account)
    {
        return depositedValueByAccount.getOrDefault(account, BigDecimal.ZERO);
    }
}

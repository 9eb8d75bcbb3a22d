package tripwire.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator is only useful if it is deterministic per seed, never breaks the runner (every line is
 * blank, a comment or a JSON object) and actually reaches the interesting behaviour: liquidations,
 * partial and full liquidation fills, and every rejection reason, on the first of the seeds the differential test uses.
 */
class RandomScenarioGeneratorTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 3_000;
    private static final int SEEDS = 30;
    private static final int SEEDS_RUN_FOR_STATISTICS = 10;

    @Test
    void sameSeedGivesTheSameScenarioAndDifferentSeedsDifferentOnes()
    {
        assertEquals(RandomScenarioGenerator.generate(42, LINES), RandomScenarioGenerator.generate(42, LINES));
        assertNotEquals(RandomScenarioGenerator.generate(42, LINES), RandomScenarioGenerator.generate(43, LINES));
    }

    @Test
    void modelOutputsRecordedWhileWritingEqualAFreshRunOfTheLines()
    {
        for (long seed = 1; seed <= 5; seed++)
        {
            final RandomScenarioGenerator.GeneratedScenario scenario =
                RandomScenarioGenerator.generateWithModelOutputs(seed, LINES);
            assertEquals(ReferenceModel.run(scenario.lines()), scenario.modelOutputs(), "seed " + seed);
        }
    }

    @Test
    void everyLineIsBlankACommentOrAJsonObject() throws Exception
    {
        for (long seed = 1; seed <= 5; seed++)
        {
            final List<String> lines = RandomScenarioGenerator.generate(seed, LINES);
            assertEquals(LINES, lines.size());
            for (final String line : lines)
            {
                if (!line.isBlank() && !line.strip().startsWith("#"))
                {
                    final JsonNode node = JSON.readTree(line);
                    assertTrue(node.isObject(), "seed " + seed + ": " + line);
                }
            }
        }
    }

    @Test
    void seedsVaryTheFeaturesTheyUse()
    {
        final Set<ScenarioFeatures> distinct = new HashSet<>();
        final Set<Integer> marketCounts = new HashSet<>();
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final ScenarioFeatures features = RandomScenarioGenerator.featuresOf(seed);
            distinct.add(features);
            marketCounts.add(features.marketCount());
            assertTrue(features.hostileRate() >= 0.05 && features.hostileRate() <= 0.10);
        }
        assertEquals(SEEDS, distinct.size());
        assertEquals(Set.of(2, 3, 4, 5), marketCounts);
    }

    @Test
    void scenariosReachLiquidationsPartialAndFullLiquidationFillsAndEveryRejectionReason()
    {
        final Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
        long orders = 0;
        long partialFills = 0;
        long fullFills = 0;
        for (long seed = 1; seed <= SEEDS_RUN_FOR_STATISTICS; seed++)
        {
            final ScenarioStatistics statistics = ScenarioStatistics.of(RandomScenarioGenerator.generate(seed, LINES));
            reasons.addAll(statistics.rejectionReasons);
            orders += statistics.liquidationOrders;
            partialFills += statistics.acceptedPartialLiquidationFills;
            fullFills += statistics.acceptedFullLiquidationFills;
            assertTrue(statistics.liquidationOrders > 0, "seed " + seed + " liquidates nobody: " + statistics);
            assertTrue(statistics.rejections > LINES * 0.04, "seed " + seed + " is hardly hostile: " + statistics);
        }
        assertEquals(EnumSet.allOf(RejectReason.class), reasons);
        assertTrue(orders > 2_000, "orders " + orders);
        assertTrue(partialFills > 500, "partial liquidation fills " + partialFills);
        assertTrue(fullFills > 500, "full liquidation fills " + fullFills);
    }
}

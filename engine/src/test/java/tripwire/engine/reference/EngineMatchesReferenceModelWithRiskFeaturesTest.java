package tripwire.engine.reference;

import org.junit.jupiter.api.Test;
import tripwire.engine.scenario.ScenarioRun;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential test of docs/risk-model.md: random hostile scenarios with margin tiers, the initial-margin
 * warning, partial liquidation with cooldown, the liquidation penalty, the insurance fund and auto-deleveraging
 * ({@link RandomScenarioGenerator#generateWithRiskFeatures}, the feature mix chosen by seed mod 4, see
 * {@link RiskMix}) run through the engine and through the independent {@link ReferenceModel}; the outputs must be
 * identical element by element ({@link OutputComparison}), the new output lines in every field.
 *
 * <p>Seeds: with {@code -Dtripwire.seed=S}, seeds S, S+1, …; otherwise 1 to 19 (every mix at least four times)
 * plus one from {@link System#nanoTime()}, so that CI keeps exploring while every failure names its seed and mix.
 */
class EngineMatchesReferenceModelWithRiskFeaturesTest
{
    private static final String SEED_PROP_NAME = "tripwire.seed";
    private static final int SEED_COUNT = 20;
    private static final int LINES_PER_SCENARIO = 2_000;
    private static final int MAX_REPORTED_FAILURES = 5;

    @Test
    void engineEmitsExactlyTheReferenceModelsOutputsOnRandomScenariosWithRiskFeatures()
    {
        final List<Long> seeds = seeds();
        final List<String> failures = new ArrayList<>();
        for (final long seed : seeds)
        {
            final String failure = compareOneScenario(seed);
            if (failure != null)
            {
                failures.add(failure);
            }
        }
        if (!failures.isEmpty())
        {
            fail(failures.size() + " of " + seeds.size() + " scenarios differ (seeds " + seeds + ")." +
                " Reproduce one with -D" + SEED_PROP_NAME + "=<seed>.\n\n" +
                String.join("\n\n", failures.subList(0, Math.min(MAX_REPORTED_FAILURES, failures.size()))));
        }
    }

    /** @return a description of the first difference, or {@code null} when engine and model agree. */
    private static String compareOneScenario(final long seed)
    {
        final RandomScenarioGenerator.GeneratedScenario scenario =
            RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES_PER_SCENARIO);
        final List<String> lines = scenario.lines();
        final String name = "seed " + seed + " (" + RiskMix.ofSeed(seed) + ")";
        final List<String> engineLines;
        try
        {
            engineLines = ScenarioRun.runLines(lines);
        }
        catch (final RuntimeException e)
        {
            return name + ": the engine threw " + e;
        }

        final String difference = OutputComparison.firstDifference(lines, scenario.modelOutputs(), engineLines);
        return difference == null ? null : name + ": " + difference;
    }

    private static List<Long> seeds()
    {
        final List<Long> seeds = new ArrayList<>();
        final String baseSeed = System.getProperty(SEED_PROP_NAME);
        if (baseSeed != null && !baseSeed.isBlank())
        {
            final long base = Long.parseLong(baseSeed.strip());
            for (int i = 0; i < SEED_COUNT; i++)
            {
                seeds.add(base + i);
            }
            return seeds;
        }
        for (long seed = 1; seed < SEED_COUNT; seed++)
        {
            seeds.add(seed);
        }
        final long exploringSeed = System.nanoTime();
        System.out.println(
            EngineMatchesReferenceModelWithRiskFeaturesTest.class.getSimpleName() + ": exploring seed " + exploringSeed);
        seeds.add(exploringSeed);
        return seeds;
    }
}

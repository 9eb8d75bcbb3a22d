package tripwire.engine.reference;

import org.junit.jupiter.api.Test;
import tripwire.engine.scenario.ScenarioRun;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential test: random scenarios (with hostile lines) run through the engine
 * ({@link ScenarioRun#runLines(List)}) and through the independent {@link ReferenceModel}; the two output
 * sequences must be identical, element by element ({@link OutputComparison}): liquidation orders in every field,
 * the limit price exactly (both follow the same rounding), rejections by seq and reason.
 *
 * <p>Seeds: with {@code -Dtripwire.seed=S}, seeds S, S+1, … (so a printed failing seed reproduces first);
 * otherwise fixed seeds plus one from {@link System#nanoTime()}, so CI keeps exploring while every failure
 * names its seed.
 */
class EngineMatchesReferenceModelTest
{
    private static final String SEED_PROP_NAME = "tripwire.seed";
    private static final int SEED_COUNT = 30;
    private static final int LINES_PER_SCENARIO = 3_000;
    private static final int MAX_REPORTED_FAILURES = 5;

    @Test
    void engineEmitsExactlyTheReferenceModelsOutputsOnRandomHostileScenarios()
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
            RandomScenarioGenerator.generateWithModelOutputs(seed, LINES_PER_SCENARIO);
        final List<String> lines = scenario.lines();
        final List<ModelOutput> expected = scenario.modelOutputs();
        final List<String> engineLines;
        try
        {
            engineLines = ScenarioRun.runLines(lines);
        }
        catch (final RuntimeException e)
        {
            return "seed " + seed + ": the engine threw " + e;
        }

        final String difference = OutputComparison.firstDifference(lines, expected, engineLines);
        return difference == null ? null : "seed " + seed + ": " + difference;
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
        System.out.println(EngineMatchesReferenceModelTest.class.getSimpleName() + ": exploring seed " + exploringSeed);
        seeds.add(exploringSeed);
        return seeds;
    }
}

package tripwire.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs generated scenarios through the engine ({@link ScenarioRun#runLines(List)}) and compares its outputs with
 * the reference model's ({@link OutputComparison}), failing with the first differences and the seeds that
 * reproduce them.
 *
 * <p>Seeds: with {@code -Dtripwire.seed=S}, seeds S, S+1, … (so a printed failing seed reproduces first);
 * otherwise seeds 1 to count − 1 plus one from {@link System#nanoTime()}, so CI keeps exploring while every failure
 * names its seed.
 */
final class DifferentialRun
{
    static final String SEED_PROP_NAME = "tripwire.seed";
    private static final int MAX_REPORTED_FAILURES = 5;

    /** Makes a scenario of {@code lines} lines from a seed, with the model's outputs. */
    interface Generator
    {
        RandomScenarioGenerator.GeneratedScenario generate(long seed, int lines);
    }

    private DifferentialRun()
    {
    }

    /**
     * @param seedCount    how many seeds to run.
     * @param lines        lines per scenario.
     * @param describeSeed names a seed in a failure (e.g. with its feature mix).
     */
    static void assertEngineMatchesModel(
        final String testName, final int seedCount, final int lines, final Generator generator,
        final LongFunction<String> describeSeed)
    {
        final List<Long> seeds = seeds(testName, seedCount);
        final List<String> failures = new ArrayList<>();
        for (final long seed : seeds)
        {
            final String failure = compareOneScenario(generator.generate(seed, lines), describeSeed.apply(seed));
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
    private static String compareOneScenario(final RandomScenarioGenerator.GeneratedScenario scenario, final String name)
    {
        final List<String> lines = scenario.lines();
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

    private static List<Long> seeds(final String testName, final int seedCount)
    {
        final List<Long> seeds = new ArrayList<>();
        final String baseSeed = System.getProperty(SEED_PROP_NAME);
        if (baseSeed != null && !baseSeed.isBlank())
        {
            final long base = Long.parseLong(baseSeed.strip());
            for (int i = 0; i < seedCount; i++)
            {
                seeds.add(base + i);
            }
            return seeds;
        }
        for (long seed = 1; seed < seedCount; seed++)
        {
            seeds.add(seed);
        }
        final long exploringSeed = System.nanoTime();
        System.out.println(testName + ": exploring seed " + exploringSeed);
        seeds.add(exploringSeed);
        return seeds;
    }
}

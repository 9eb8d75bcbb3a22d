package tripwire.engine.reference;

import org.junit.jupiter.api.Test;
import tripwire.engine.scenario.ScenarioRun;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential test: random scenarios (with hostile lines) run through the engine
 * ({@link ScenarioRun#runLines(List)}) and through the independent {@link ReferenceModel}; the two output
 * sequences must be identical, element by element: liquidation orders in every field (limit price compared
 * exactly: both follow the same rounding), rejections by seq and reason. Output types the v1 format does not
 * define are ignored, as a reader of the format would.
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

        final List<ModelOutput> actual = new ArrayList<>();
        final List<String> actualJson = new ArrayList<>();
        for (final String engineLine : engineLines)
        {
            final ModelOutput output = ModelOutput.parse(engineLine);
            if (output != null)
            {
                actual.add(output);
                actualJson.add(engineLine);
            }
        }

        final int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++)
        {
            if (!sameOutput(expected.get(i), actual.get(i)))
            {
                return describe(seed, lines, i, expected.get(i).toJson(), actualJson.get(i), expected.get(i), actual.get(i));
            }
        }
        if (expected.size() != actual.size())
        {
            final boolean modelLonger = expected.size() > actual.size();
            return describe(seed, lines, common,
                modelLonger ? expected.get(common).toJson() : "(nothing: the model's outputs end here)",
                modelLonger ? "(nothing: the engine's outputs end here)" : actualJson.get(common),
                modelLonger ? expected.get(common) : null, modelLonger ? null : actual.get(common)) +
                "\n  counts: model " + expected.size() + ", engine " + actual.size();
        }
        return null;
    }

    /** Orders: every field, the limit price with {@code compareTo}; rejections: seq and reason. */
    private static boolean sameOutput(final ModelOutput expected, final ModelOutput actual)
    {
        if (expected instanceof ModelOutput.Rejection && actual instanceof ModelOutput.Rejection)
        {
            final ModelOutput.Rejection model = (ModelOutput.Rejection)expected;
            final ModelOutput.Rejection engine = (ModelOutput.Rejection)actual;
            return model.seq() == engine.seq() && model.reason() == engine.reason();
        }
        if (expected instanceof ModelOutput.LiquidationOrder && actual instanceof ModelOutput.LiquidationOrder)
        {
            final ModelOutput.LiquidationOrder model = (ModelOutput.LiquidationOrder)expected;
            final ModelOutput.LiquidationOrder engine = (ModelOutput.LiquidationOrder)actual;
            return model.order() == engine.order() &&
                model.account() == engine.account() &&
                model.market().equals(engine.market()) &&
                model.side().equals(engine.side()) &&
                model.size().compareTo(engine.size()) == 0 &&
                model.limitPrice().compareTo(engine.limitPrice()) == 0 &&
                model.triggerSeq() == engine.triggerSeq();
        }
        return false;
    }

    private static String describe(
        final long seed, final List<String> lines, final int index, final String modelJson, final String engineJson,
        final ModelOutput model, final ModelOutput engine)
    {
        final StringBuilder description = new StringBuilder()
            .append("seed ").append(seed).append(": first difference at output index ").append(index)
            .append("\n  model:  ").append(modelJson)
            .append("\n  engine: ").append(engineJson);
        appendInputLine(description, lines, seqOf(model));
        if (seqOf(engine) != seqOf(model))
        {
            appendInputLine(description, lines, seqOf(engine));
        }
        return description.toString();
    }

    private static void appendInputLine(final StringBuilder description, final List<String> lines, final int seq)
    {
        if (seq >= 1 && seq <= lines.size())
        {
            description.append("\n  input line ").append(seq).append(": ").append(lines.get(seq - 1));
        }
    }

    /** The input line an output belongs to: a rejection's seq, an order's triggerSeq; 0 for none. */
    private static int seqOf(final ModelOutput output)
    {
        if (output instanceof ModelOutput.Rejection)
        {
            return ((ModelOutput.Rejection)output).seq();
        }
        if (output instanceof ModelOutput.LiquidationOrder)
        {
            return ((ModelOutput.LiquidationOrder)output).triggerSeq();
        }
        return 0;
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

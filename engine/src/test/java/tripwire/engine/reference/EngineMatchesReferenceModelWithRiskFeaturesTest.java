package tripwire.engine.reference;

import org.junit.jupiter.api.Test;

/**
 * The differential test of docs/risk-model.md: random hostile scenarios with margin tiers, the initial-margin
 * warning, partial liquidation with cooldown, the liquidation penalty, the insurance fund and auto-deleveraging
 * ({@link RandomScenarioGenerator#generateWithRiskFeatures}, the feature mix chosen by seed mod 4, see
 * {@link RiskMix}) run through the engine and through the independent {@link ReferenceModel}; the outputs must be
 * identical element by element ({@link OutputComparison}), the new output lines in every field.
 *
 * <p>Seeds as {@link DifferentialRun} says: without {@code -Dtripwire.seed}, 1 to 19 (every mix at least four
 * times) plus one from {@link System#nanoTime()}; every failure names its seed and mix.
 */
class EngineMatchesReferenceModelWithRiskFeaturesTest
{
    private static final int SEED_COUNT = 20;
    private static final int LINES_PER_SCENARIO = 2_000;

    @Test
    void engineEmitsExactlyTheReferenceModelsOutputsOnRandomScenariosWithRiskFeatures()
    {
        DifferentialRun.assertEngineMatchesModel(
            getClass().getSimpleName(), SEED_COUNT, LINES_PER_SCENARIO,
            RandomScenarioGenerator::generateWithRiskFeatures, seed -> "seed " + seed + " (" + RiskMix.ofSeed(seed) + ")");
    }
}

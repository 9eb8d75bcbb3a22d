package tripwire.engine.reference;

import org.junit.jupiter.api.Test;

/**
 * The differential test: random scenarios (with hostile lines) run through the engine and through the
 * independent {@link ReferenceModel}; the two output sequences must be identical, element by element
 * ({@link OutputComparison}): liquidation orders in every field, the limit price exactly (both follow the same
 * rounding), rejections by seq and reason. Seeds as {@link DifferentialRun} says.
 */
class EngineMatchesReferenceModelTest
{
    private static final int SEED_COUNT = 30;
    private static final int LINES_PER_SCENARIO = 3_000;

    @Test
    void engineEmitsExactlyTheReferenceModelsOutputsOnRandomHostileScenarios()
    {
        DifferentialRun.assertEngineMatchesModel(
            getClass().getSimpleName(), SEED_COUNT, LINES_PER_SCENARIO,
            RandomScenarioGenerator::generateWithModelOutputs, seed -> "seed " + seed);
    }
}

package tripwire.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The risk-feature generator ({@link RandomScenarioGenerator#generateWithRiskFeatures}) must keep v1 seeds exactly
 * v1, stay deterministic and runnable, and, on the seeds {@link EngineMatchesReferenceModelWithRiskFeaturesTest}
 * uses, reach every new output line and every rule of docs/risk-model.md sections 1 and 3 to 7, each feature only
 * in the mixes that turn it on.
 */
class RandomScenarioGeneratorRiskFeaturesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINES = 2_000;
    private static final int SEEDS = 19;

    @Test
    void seedsCycleThroughEveryMixAndV1SeedsWriteTheV1Scenario()
    {
        assertEquals(EnumSet.allOf(RiskMix.class),
            EnumSet.of(RiskMix.ofSeed(1), RiskMix.ofSeed(2), RiskMix.ofSeed(3), RiskMix.ofSeed(4)));
        for (final long seed : List.of(4L, 8L, -4L))
        {
            assertEquals(RiskMix.V1_ONLY, RiskMix.ofSeed(seed));
            final RandomScenarioGenerator.GeneratedScenario v1 = RandomScenarioGenerator.generateWithModelOutputs(seed, LINES);
            final RandomScenarioGenerator.GeneratedScenario risk = RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES);
            assertEquals(v1.lines(), risk.lines(), "seed " + seed);
            assertEquals(v1.modelOutputs(), risk.modelOutputs(), "seed " + seed);
        }
    }

    @Test
    void sameSeedGivesTheSameScenarioAndTheRecordedOutputsEqualAFreshRun() throws Exception
    {
        for (long seed = 1; seed <= 3; seed++)
        {
            final RandomScenarioGenerator.GeneratedScenario scenario =
                RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES);
            assertEquals(scenario.lines(), RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES).lines());
            assertEquals(ReferenceModel.run(scenario.lines()), scenario.modelOutputs(), "seed " + seed);
            assertEquals(LINES, scenario.lines().size());
            for (final String line : scenario.lines())
            {
                if (!line.isBlank() && !line.strip().startsWith("#"))
                {
                    final JsonNode node = JSON.readTree(line);
                    assertTrue(node.isObject(), "seed " + seed + ": " + line);
                    assertTrue(node.has("timeNs"), "seed " + seed + ": every line carries its event time: " + line);
                }
            }
        }
    }

    @Test
    void scenariosReachEveryNewOutputAndEveryRuleOnlyInTheMixesThatTurnThemOn()
    {
        final Map<RiskEvent, Integer> events = new EnumMap<>(RiskEvent.class);
        final Set<String> outputKinds = new HashSet<>();
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final RiskMix mix = RiskMix.ofSeed(seed);
            final RandomScenarioGenerator.GeneratedScenario scenario =
                RandomScenarioGenerator.generateWithRiskFeatures(seed, LINES);
            scenario.riskEvents().forEach((event, count) -> events.merge(event, count, Integer::sum));
            final Set<String> kinds = outputKinds(scenario.modelOutputs());
            outputKinds.addAll(kinds);
            final String where = "seed " + seed + " " + mix + ": " + scenario.riskEvents() + " " + kinds;

            assertEquals(mix.isV1(), scenario.riskEvents().isEmpty(), where);
            assertEquals(mix.marginWarning(), kinds.contains("marginWarning"), where);
            assertEquals(mix.penaltyAndFund(), kinds.contains("liquidationPenalty"), where);
            assertEquals(mix.penaltyAndFund(), kinds.contains("insuranceFund.DEPOSIT"), where);
            assertEquals(mix.autoDeleverage(), kinds.contains("deleverage"), where);
            assertEquals(mix.tiers(), scenario.riskEvents().containsKey(RiskEvent.ORDER_IN_HIGHER_TIER), where);
            assertEquals(mix.partialLiquidation(), scenario.riskEvents().containsKey(RiskEvent.PARTIAL_ORDER), where);
            assertFundBalanceIsTheSumOfItsMovements(scenario.modelOutputs(), where);
        }
        assertEquals(EnumSet.allOf(RiskEvent.class), events.keySet(), "rules never reached: " + events);
        assertTrue(outputKinds.containsAll(List.of(
            "marginWarning", "liquidationPenalty", "insuranceFund.DEPOSIT", "insuranceFund.PENALTY",
            "insuranceFund.BAD_DEBT", "deleverage")), outputKinds.toString());
        assertTrue(events.get(RiskEvent.DELEVERAGE) > 100, "deleverage " + events);
        assertTrue(events.get(RiskEvent.PARTIAL_ORDER) > 100, "partial orders " + events);
        assertTrue(events.get(RiskEvent.BAD_DEBT_PARTLY_UNCOVERED) > 10, "uncovered bad debt " + events);
    }

    @Test
    void drawnRiskFieldsAreAcceptedAndEveryBadRiskDefinitionIsRejectedForItsOneFault()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int draw = 0; draw < 300; draw++)
        {
            final GeneratorWorld world = new GeneratorWorld();
            world.quoteAsset = "USDC";
            world.markets.add("M");
            final BigDecimal maintenance = new BigDecimal(GeneratorWorld.pick(random, List.of("0.003", "0.05", "0.1", "0.5", "1")));
            final BigDecimal initial = maintenance.multiply(BigDecimal.valueOf(1 + random.nextInt(3))).min(BigDecimal.ONE);
            world.maintenanceRateByMarket.put("M", maintenance);
            world.initialRateByMarket.put("M", initial);
            final RiskScenarioParts parts = new RiskScenarioParts(random, RiskMix.EVERYTHING, world);
            final ReferenceModel model = new ReferenceModel();
            model.acceptLine("{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}");

            final JsonLine valid = JsonLine.of("market").put("market", "M")
                .put("initialMarginRate", initial.toPlainString()).put("maintenanceMarginRate", maintenance.toPlainString());
            parts.drawMarketSpec(maintenance, initial).applyTo(valid);
            assertEquals(List.of(), model.acceptLine(valid.toString()), valid.toString());

            final String bad = parts.badRiskDefinition().toString();
            final List<ModelOutput> outputs = model.acceptLine(bad);
            assertEquals(1, outputs.size(), bad);
            final RejectReason reason = ((ModelOutput.Rejection)outputs.get(0)).reason();
            assertEquals(bad.contains("100.000000001") ? RejectReason.PRECISION : RejectReason.INVALID_REFERENCE_DATA,
                reason, bad);
        }
    }

    private static Set<String> outputKinds(final List<ModelOutput> outputs)
    {
        final Set<String> kinds = new HashSet<>();
        for (final ModelOutput output : outputs)
        {
            if (output instanceof ModelOutput.MarginWarning)
            {
                kinds.add("marginWarning");
            }
            else if (output instanceof ModelOutput.LiquidationPenalty)
            {
                kinds.add("liquidationPenalty");
            }
            else if (output instanceof ModelOutput.InsuranceFundMovement)
            {
                kinds.add("insuranceFund." + ((ModelOutput.InsuranceFundMovement)output).kind());
            }
            else if (output instanceof ModelOutput.Deleverage)
            {
                kinds.add("deleverage");
            }
        }
        return kinds;
    }

    /** docs/risk-model.md section 6: "the balance always equals the sum of the movement amounts". */
    private static void assertFundBalanceIsTheSumOfItsMovements(final List<ModelOutput> outputs, final String where)
    {
        BigDecimal sum = BigDecimal.ZERO;
        for (final ModelOutput output : outputs)
        {
            if (output instanceof ModelOutput.InsuranceFundMovement)
            {
                final ModelOutput.InsuranceFundMovement movement = (ModelOutput.InsuranceFundMovement)output;
                sum = sum.add(movement.amount());
                assertEquals(0, sum.compareTo(movement.balance()), where + ": " + movement.toJson());
                assertFalse(movement.balance().signum() < 0, where + ": " + movement.toJson());
            }
        }
    }
}

package tripwire.engine.risk;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tripwire.engine.reference.RandomScenarioGenerator;
import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With {@code partialLiquidation} false the other partial-liquidation fields change no output: every market line
 * of the v1 reference cases and of seeded random hostile scenarios gets them, and the engine's outputs stay
 * those of the same lines without them (which the differential test holds equal to the v1 reference model).
 */
class PartialLiquidationOffIsVersionOneTest
{
    private static final String MARKET_LINE_START = "{\"type\":\"market\",";
    private static final String OFF_FIELDS = "{\"partialLiquidation\":false,\"liquidationBuffer\":\"0.05\"," +
        "\"minLiquidationNotional\":\"1000\",\"backstopFraction\":\"0.5\",\"liquidationCooldownNs\":1000000,";
    private static final int SEED_COUNT = 10;
    private static final int LINES_PER_SCENARIO = 3_000;

    @Test
    void referenceCasesGiveTheSameOutputsWithPartialLiquidationOff() throws Exception
    {
        final Path directory = Path.of(PartialLiquidationOffIsVersionOneTest.class.getResource("/reference-cases").toURI());
        final List<Path> cases;
        try (Stream<Path> files = Files.list(directory))
        {
            cases = files
                .filter(path -> path.toString().endsWith(".jsonl") && !path.toString().endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no reference cases found");
        for (final Path file : cases)
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertEquals(ScenarioRun.runLines(lines), ScenarioRun.runLines(withPartialFieldsOff(lines)), file::toString);
        }
    }

    @Test
    void randomHostileScenariosGiveTheSameOutputsWithPartialLiquidationOff()
    {
        for (long seed = 1; seed <= SEED_COUNT; seed++)
        {
            final List<String> lines = RandomScenarioGenerator.generate(seed, LINES_PER_SCENARIO);
            final List<String> withFields = withPartialFieldsOff(lines);
            assertFalse(lines.equals(withFields), "seed " + seed + " has no market line");
            final long reportedSeed = seed;
            assertEquals(ScenarioRun.runLines(lines), ScenarioRun.runLines(withFields), () -> "seed " + reportedSeed);
        }
    }

    private static List<String> withPartialFieldsOff(final List<String> lines)
    {
        final List<String> result = new ArrayList<>(lines.size());
        for (final String line : lines)
        {
            result.add(line.startsWith(MARKET_LINE_START) ? OFF_FIELDS + line.substring(1) : line);
        }
        return result;
    }
}

package tripwire.engine.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tripwire.engine.scenario.ScenarioRun;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential comparison on hand-written scenarios the random generator cannot hit reliably: exact
 * boundaries of the range rule and of liquidation, the adapter's treatment of fields the docs leave open,
 * and the shared reference cases (whose expected files give exact rational limit prices, so only the model
 * and the engine can be compared exactly).
 */
class EngineMatchesReferenceModelOnEdgeScenariosTest
{
    private static final String QUOTE = "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}";
    private static final String MARKET = "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}";
    private static final String BOUNDARY = "2882303732.69408012";
    private static final String ABOVE_BOUNDARY = "2882303732.69408013";

    static Stream<Arguments> edgeScenarios() throws IOException, URISyntaxException
    {
        final List<Arguments> scenarios = new ArrayList<>();
        scenarios.add(Arguments.of("range rule products are rounded down before the comparison", List.of(
            QUOTE,
            "{\"type\":\"asset\",\"asset\":\"WETH\"}",
            "{\"type\":\"asset\",\"asset\":\"WBTC\"}",
            MARKET,
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WETH\",\"price\":\"1.00000001\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"" + BOUNDARY + "\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"WETH\",\"amount\":\"" + ABOVE_BOUNDARY + "\"}",
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"WBTC\",\"amount\":\"1.00000001\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WBTC\",\"price\":\"" + ABOVE_BOUNDARY + "\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WBTC\",\"price\":\"" + BOUNDARY + "\"}",
            "{\"type\":\"fill\",\"account\":3,\"market\":\"M\",\"size\":\"1.00000001\",\"price\":\"1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"" + ABOVE_BOUNDARY + "\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"" + BOUNDARY + "\"}",
            "{\"type\":\"fill\",\"account\":4,\"market\":\"M\",\"size\":\"1.00000001\",\"price\":\"" + BOUNDARY + "\"}",
            "{\"type\":\"fill\",\"account\":5,\"market\":\"M\",\"size\":\"-1.00000001\",\"price\":\"" + BOUNDARY + "\"}",
            "{\"type\":\"fill\",\"account\":6,\"market\":\"M\",\"size\":\"-1.00000001\",\"price\":\"" + ABOVE_BOUNDARY + "\"}",
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"1.00000001\",\"price\":\"" + BOUNDARY + "\"}")));
        scenarios.add(Arguments.of("equity equal to maintenance is not liquidatable, one unit less is", List.of(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"10\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"99.99999999\"}")));
        scenarios.add(Arguments.of("limit price is at least one unit and orders stay outstanding until filled", List.of(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"A\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"B\",\"initialMarginRate\":\"1\",\"maintenanceMarginRate\":\"1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"B\",\"price\":\"10\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"A\",\"size\":\"100\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B\",\"size\":\"-1\",\"price\":\"10\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A\",\"price\":\"50\"}",
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"40\",\"price\":\"50\"}",
            "{\"type\":\"liquidationFill\",\"order\":2,\"size\":\"1\",\"price\":\"10\"}",
            "{\"type\":\"liquidationFill\",\"order\":2,\"size\":\"1\",\"price\":\"10\"}",
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"61\",\"price\":\"50\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B\",\"size\":\"-1\",\"price\":\"10\"}")));
        scenarios.add(Arguments.of("positions of equal maintenance are emitted by market id, not by name", List.of(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"ZZZ\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"AAA\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"ZZZ\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"AAA\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"10\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"AAA\",\"size\":\"1\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"ZZZ\",\"size\":\"1\",\"price\":\"100\"}")));
        scenarios.add(Arguments.of("a withdrawal may leave equity exactly at initial margin, not one unit below", List.of(
            QUOTE,
            MARKET,
            "{\"type\":\"asset\",\"asset\":\"WETH\",\"haircut\":\"0.05\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WETH\",\"price\":\"0.33333333\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"3.33333333\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"30\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"0.7\",\"price\":\"3.33333334\"}",
            // E = floor(floor(9.9999999) × 0.95) − 2.33333334 + floor(2.333333331) = 9.49999990 − 0.00000001 = 9.49999989
            // IM = ceil(ceil(2.333333331) × 0.1) = 0.23333334: the most that may go is 9.26666655
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"9.26666656\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"9.26666655\"}")));
        scenarios.add(Arguments.of("timeNs must be a JSON integer but need not increase", List.of(
            QUOTE,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":\"5\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":1.5}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":100}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":-5}")));
        scenarios.add(Arguments.of("optional fields of the wrong JSON type are malformed", List.of(
            QUOTE,
            "{\"type\":\"asset\",\"asset\":\"X\",\"quote\":\"yes\"}",
            "{\"type\":\"asset\",\"asset\":\"X\",\"haircut\":null}",
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":\"pyth\"}",
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[1]}",
            "{\"type\":\"asset\",\"asset\":\"X\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"X\",\"amount\":\"1\"}")));
        scenarios.add(Arguments.of("a value too large and too precise is a precision error", List.of(
            QUOTE,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"99999999999999999999999.123456789\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"99999999999999999999999.5\"}")));
        scenarios.add(Arguments.of("more than 8 oracle sources is a capacity error even with duplicates", List.of(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\","
                + "\"oracleSources\":[\"a\",\"a\",\"b\",\"b\",\"c\",\"c\",\"d\",\"d\",\"e\"]}")));
        scenarios.add(Arguments.of("tab-only lines and tab-indented comments are skipped but counted", List.of(
            QUOTE, "\t", "\t# comment", "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}")));
        scenarios.add(Arguments.of("thousands of distinct sources may tick an any-source market", manyDistinctSources()));
        // docs/engine-model.md, market rule 6: a market defined before the quote asset is rejected, so the
        // tick and fill that follow meet an unknown market.
        scenarios.add(Arguments.of("a market defined before the quote asset is rejected", List.of(
            MARKET,
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"-1\",\"price\":\"100\"}",
            QUOTE,
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"80\"}")));

        for (final Path caseFile : referenceCaseInputs())
        {
            scenarios.add(Arguments.of(
                "reference case " + caseFile.getFileName(), Files.readAllLines(caseFile, StandardCharsets.UTF_8)));
        }
        return scenarios.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeScenarios")
    void engineEmitsExactlyTheReferenceModelsOutputs(final String name, final List<String> lines)
    {
        final String difference = OutputComparison.firstDifference(
            lines, ReferenceModel.run(lines), ScenarioRun.runLines(lines));
        if (difference != null)
        {
            fail(name + ": " + difference);
        }
    }

    private static List<String> manyDistinctSources()
    {
        final List<String> lines = new ArrayList<>(List.of(QUOTE, MARKET));
        for (int i = 0; i < 2_000; i++)
        {
            lines.add("{\"type\":\"tick\",\"source\":\"src" + i + "\",\"market\":\"M\",\"price\":\"1\"}");
        }
        lines.add("{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"0\"}");
        return lines;
    }

    private static List<Path> referenceCaseInputs() throws IOException, URISyntaxException
    {
        final Path directory = Path.of(
            EngineMatchesReferenceModelOnEdgeScenariosTest.class.getResource("/reference-cases").toURI());
        try (Stream<Path> files = Files.list(directory))
        {
            return files
                .filter(path -> path.toString().endsWith(".jsonl") && !path.toString().endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
    }
}

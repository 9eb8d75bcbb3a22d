package tripwire.engine.risk;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.EngineConfig;
import tripwire.engine.EngineHarness;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.engine.scenario.ScenarioRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle guard (docs/risk-model.md section 8) beyond its hand-computed cases (which {@link RiskCasesTest}
 * runs): the guard off is v1 on the shared reference cases, a rejected
 * definition of the guard's fields (or a rejected input at a time of staleness) leaves the book hash
 * unchanged and reports nothing, and a truncated asset source group is a bad frame.
 */
class OracleGuardScenarioTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> referenceCases() throws IOException, URISyntaxException
    {
        try (Stream<Path> files = Files.list(directory("/reference-cases")))
        {
            return files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".jsonl") && !name.endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList())
                .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void guardFieldsAtTheirDefaultsLeaveV1OutputsUnchanged(final String caseFile) throws Exception
    {
        final List<String> input = Files.readAllLines(directory("/reference-cases").resolve(caseFile), StandardCharsets.UTF_8);
        final List<String> withDefaults = new ArrayList<>();
        for (final String line : input)
        {
            withDefaults.add(line.replace(
                "\"type\":\"market\",",
                "\"type\":\"market\",\"oracleStalenessNs\":0,\"maxPriceDeviation\":\"0\",").replace(
                "\"type\":\"asset\",",
                "\"type\":\"asset\",\"oracleStalenessNs\":0,\"maxPriceDeviation\":\"0\",\"staleHaircut\":\"1\","));
        }
        assertTrue(!withDefaults.equals(input), "the case defines no market or asset");
        assertEquals(ScenarioRun.runLines(input), ScenarioRun.runLines(withDefaults));
    }

    @Test
    void rejectedGuardDefinitionsLeaveTheBookHashUnchanged()
    {
        final EngineHarness harness = new EngineHarness();
        harness.apply(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"asset\",\"asset\":\"ETH\",\"oracleSources\":[\"p\"],\"oracleStalenessNs\":1000,\"staleHaircut\":\"0.5\"}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"," +
                "\"oracleSources\":[\"a\",\"b\"],\"maxPriceDeviation\":\"0.1\",\"oracleStalenessNs\":1000}",
            "{\"type\":\"tick\",\"source\":\"a\",\"market\":\"BTC-PERP\",\"price\":\"100\",\"timeNs\":100}",
            "{\"type\":\"tick\",\"source\":\"b\",\"market\":\"BTC-PERP\",\"price\":\"150\",\"timeNs\":100}",
            "{\"type\":\"tick\",\"source\":\"p\",\"asset\":\"ETH\",\"price\":\"2000\",\"timeNs\":100}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"1\",\"price\":\"100\"}");
        final String[] rejected = {
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"maxPriceDeviation\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"a\"],\"oracleStalenessNs\":-1}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"a\"],\"maxPriceDeviation\":\"1.00000001\"}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"a\",\"a\"],\"maxPriceDeviation\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"a\"],\"maxPriceDeviation\":\"0.123456789\"}",
            "{\"type\":\"asset\",\"asset\":\"ETH\",\"oracleSources\":[\"p\"],\"oracleStalenessNs\":1000,\"staleHaircut\":\"2\"}",
            "{\"type\":\"asset\",\"asset\":\"ETH\",\"oracleStalenessNs\":1000}",
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"maxPriceDeviation\":\"0.1\",\"oracleSources\":[\"p\"]}",
            "{\"type\":\"asset\",\"asset\":\"ETH\",\"oracleSources\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]}",
            // A rejected withdrawal at a time the market would be stale: no STALE, no state change.
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":5000}",
            // A tick rejected for its source commits no transition either.
            "{\"type\":\"tick\",\"source\":\"zz\",\"asset\":\"ETH\",\"price\":\"2000\",\"timeNs\":5000}",
        };
        for (final String line : rejected)
        {
            final long bookHash = harness.engine().bookHash();
            final List<String> outputs = harness.applyLine(line);
            assertEquals(1, outputs.size(), line + " -> " + outputs);
            assertTrue(outputs.get(0).startsWith("{\"type\":\"rejection\""), line + " -> " + outputs);
            assertEquals(bookHash, harness.engine().bookHash(), line);
        }
        // Accepted at last: the transitions the rejected inputs did not report come now, markets first.
        assertEquals(
            List.of(
                "{\"type\":\"oracleStatus\",\"seq\":20,\"market\":\"BTC-PERP\",\"status\":\"STALE\"}",
                "{\"type\":\"oracleStatus\",\"seq\":20,\"asset\":\"ETH\",\"status\":\"STALE\"}"),
            harness.applyLine("{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":5000}"));
    }

    @Test
    void truncatedAssetSourceGroupIsABadFrame()
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<String> outputs = new ArrayList<>();
        final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
        final LiquidationEngine engine = new LiquidationEngine(
            EngineConfig.defaults(), (outSeq, timeNs, buffer, offset, length) -> outputs.add(json.render(buffer, offset, length)));
        final ScenarioEvent quote = parser.parseLine(1, "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}");
        engine.onInput(quote.seq(), quote.timeNs(), new UnsafeBuffer(quote.frame()), 0, quote.frame().length);
        final ScenarioEvent asset = parser.parseLine(2, "{\"type\":\"asset\",\"asset\":\"ETH\",\"oracleSources\":[\"a\",\"b\"]}");
        final long bookHash = engine.bookHash();

        for (final int cut : new int[] {1, 20, 24})
        {
            final int length = asset.frame().length - cut;
            engine.onInput(asset.seq(), asset.timeNs(), new UnsafeBuffer(asset.frame()), 0, length);
            assertEquals(bookHash, engine.bookHash(), "cut " + cut);
        }
        assertEquals(3, outputs.size(), outputs.toString());
        outputs.forEach(line -> assertTrue(line.contains("\"reason\":\"MALFORMED\""), line));

        engine.onInput(asset.seq(), asset.timeNs(), new UnsafeBuffer(asset.frame()), 0, asset.frame().length);
        assertEquals(3, outputs.size(), "the whole frame is accepted: " + outputs);
    }

    private static List<JsonNode> parse(final List<String> lines) throws IOException
    {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : lines)
        {
            if (!line.isBlank())
            {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static Path directory(final String resource) throws URISyntaxException
    {
        return Path.of(OracleGuardScenarioTest.class.getResource(resource).toURI());
    }
}

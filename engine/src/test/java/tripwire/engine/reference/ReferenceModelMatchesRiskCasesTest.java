package tripwire.engine.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Validates the reference model on its own against the engine's hand-computed {@code risk-cases/}: every case the
 * model covers (docs/risk-model.md sections 1 and 3 to 7) must give exactly the expected outputs, compared as the
 * differential test compares ({@link OutputComparison}). A case that uses a field of a section the model leaves out
 * (2 dynamic margin, 8 oracle guard) is skipped. Rules the random scenarios rarely reach (an ADL candidate with an
 * unpriced market, a fund activated by a penalty rate alone, the penalty's range rule) are held here.
 */
class ReferenceModelMatchesRiskCasesTest
{
    /** Fields of the sections the model does not implement. */
    private static final List<String> FIELDS_OUTSIDE_THE_MODEL = List.of(
        "\"baseVolatility\"", "\"volatilityWeight\"", "\"maxMarginMultiplier\"",
        "\"oracleStalenessNs\"", "\"maxPriceDeviation\"", "\"staleHaircut\"");

    static Stream<String> casesTheModelCovers() throws IOException, URISyntaxException
    {
        final List<String> cases;
        try (Stream<Path> files = Files.list(riskCaseDirectory()))
        {
            cases = files
                .filter(path -> path.getFileName().toString().endsWith(".jsonl"))
                .filter(path -> !path.getFileName().toString().endsWith(".expected.jsonl"))
                .filter(ReferenceModelMatchesRiskCasesTest::usesOnlyModelledFields)
                .map(path -> path.getFileName().toString())
                .sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no risk cases found");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesTheModelCovers")
    void modelReproducesTheExpectedOutputOfEveryRiskCaseItCovers(final String caseFile) throws Exception
    {
        final Path directory = riskCaseDirectory();
        final List<String> input = Files.readAllLines(directory.resolve(caseFile), StandardCharsets.UTF_8);
        final List<String> expected = Files.readAllLines(
            directory.resolve(caseFile.replace(".jsonl", ".expected.jsonl")), StandardCharsets.UTF_8);

        assertNull(OutputComparison.firstDifference(input, ReferenceModel.run(input), expected), caseFile);
    }

    private static boolean usesOnlyModelledFields(final Path caseFile)
    {
        try
        {
            final String text = Files.readString(caseFile, StandardCharsets.UTF_8);
            return FIELDS_OUTSIDE_THE_MODEL.stream().noneMatch(text::contains) && !usesAssetOracleSources(text);
        }
        catch (final IOException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** Asset lines with {@code oracleSources} are section 8's; the model knows market sources only. */
    private static boolean usesAssetOracleSources(final String text)
    {
        return text.lines().anyMatch(line -> line.contains("\"type\":\"asset\"") && line.contains("\"oracleSources\""));
    }

    private static Path riskCaseDirectory() throws URISyntaxException
    {
        return Path.of(ReferenceModelMatchesRiskCasesTest.class.getResource("/risk-cases").toURI());
    }
}

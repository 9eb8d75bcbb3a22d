package tripwire.engine.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Validates the reference model on its own, without the engine: it must reproduce every worked case in
 * {@code reference-cases/} (copied from the team's shared material). The expected limit prices there are
 * exact rationals; the model rounds them to 10^-8 against the account, so they are compared within 10^-8.
 */
class ReferenceModelMatchesReferenceCasesTest
{
    private static final BigDecimal LIMIT_PRICE_TOLERANCE = E8.ONE_UNIT;

    static Stream<String> referenceCases() throws IOException, URISyntaxException
    {
        final List<String> cases;
        try (Stream<Path> files = Files.list(referenceCaseDirectory()))
        {
            cases = files
                .map(path -> path.getFileName().toString())
                .filter(name -> name.endsWith(".jsonl") && !name.endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
        }
        assertFalse(cases.isEmpty(), "no reference cases found");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void modelReproducesTheExpectedOutputOfEveryReferenceCase(final String caseFile) throws Exception
    {
        final Path directory = referenceCaseDirectory();
        final List<String> input = Files.readAllLines(directory.resolve(caseFile), StandardCharsets.UTF_8);
        final Path expectedFile = directory.resolve(caseFile.replace(".jsonl", ".expected.jsonl"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());
        final List<ModelOutput> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
            .filter(line -> !line.isBlank())
            .map(ModelOutput::parse)
            .collect(Collectors.toList());

        final List<ModelOutput> actual = ReferenceModel.run(input);

        final String both = "\nexpected: " + expected + "\nmodel:    " + actual;
        assertEquals(expected.size(), actual.size(), caseFile + ": number of outputs" + both);
        for (int i = 0; i < expected.size(); i++)
        {
            assertSameOutput(caseFile + " output " + i + both, expected.get(i), actual.get(i));
        }
    }

    private static void assertSameOutput(final String where, final ModelOutput expected, final ModelOutput actual)
    {
        if (expected instanceof ModelOutput.Rejection)
        {
            assertEquals(expected, actual, where);
        }
        else if (expected instanceof ModelOutput.LiquidationOrder && actual instanceof ModelOutput.LiquidationOrder)
        {
            final ModelOutput.LiquidationOrder expectedOrder = (ModelOutput.LiquidationOrder)expected;
            final ModelOutput.LiquidationOrder actualOrder = (ModelOutput.LiquidationOrder)actual;
            assertEquals(expectedOrder.order(), actualOrder.order(), where + ": order id");
            assertEquals(expectedOrder.account(), actualOrder.account(), where + ": account");
            assertEquals(expectedOrder.market(), actualOrder.market(), where + ": market");
            assertEquals(expectedOrder.side(), actualOrder.side(), where + ": side");
            assertEquals(0, expectedOrder.size().compareTo(actualOrder.size()), where + ": size");
            assertEquals(expectedOrder.triggerSeq(), actualOrder.triggerSeq(), where + ": triggerSeq");
            final BigDecimal difference = expectedOrder.limitPrice().subtract(actualOrder.limitPrice()).abs();
            assertTrue(difference.compareTo(LIMIT_PRICE_TOLERANCE) <= 0,
                where + ": limitPrice differs by " + difference.toPlainString());
        }
        else
        {
            fail(where + ": different output types");
        }
    }

    private static Path referenceCaseDirectory() throws URISyntaxException
    {
        return Path.of(ReferenceModelMatchesReferenceCasesTest.class.getResource("/reference-cases").toURI());
    }
}

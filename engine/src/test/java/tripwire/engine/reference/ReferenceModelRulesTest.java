package tripwire.engine.reference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-computed checks of the rules in docs/engine-model.md that the shared reference cases do not reach:
 * the E = MM boundary, rounding directions, the 10^-8 floor of a limit price, emission ties, name ids,
 * the order of checks, decimal decoding, the range rule's high-water marks and the adapter's MALFORMED rules.
 */
class ReferenceModelRulesTest
{
    private static final String QUOTE = "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}";

    @Test
    void accountWithEquityEqualToMaintenanceIsNotLiquidatedButOneUnitLowerIs()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"10\"}",
            // cash −90, E = 10 = MM: not liquidatable
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1\",\"price\":\"100\"}",
            // E = 9.99999999 < MM = ceil(9.999999999) = 10
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"99.99999999\"}");

        assertEquals(List.of(order(1, 1, "M", "SELL", "1", "90", 6)), outputs);
    }

    @Test
    void sellLimitRoundsUpAndBuyLimitRoundsDown()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.5\",\"maintenanceMarginRate\":\"0.5\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"10\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"10\"}",
            // E = 10 < MM = 150; q = floor(10 / 3) = 3.33333333
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"3\",\"price\":\"100\"}",
            // E = 10; q = ceil(10 / −3) = −3.33333333
            "{\"type\":\"fill\",\"account\":2,\"market\":\"M\",\"size\":\"-3\",\"price\":\"100\"}");

        assertEquals(List.of(
            order(1, 1, "M", "SELL", "3", "96.66666667", 6),
            order(2, 2, "M", "BUY", "3", "103.33333333", 7)), outputs);
    }

    @Test
    void orderStaysOutstandingUntilFilledInFullAndLimitPriceIsAtLeastOneUnit()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"A\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"B\",\"initialMarginRate\":\"1\",\"maintenanceMarginRate\":\"1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"B\",\"price\":\"10\"}",
            // 6: opens the account; cash −10000, E = 0 < MM = 1000
            "{\"type\":\"fill\",\"account\":1,\"market\":\"A\",\"size\":\"100\",\"price\":\"100\"}",
            // 7: cash −9990, E = 0; only B gets an order (A has one)
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B\",\"size\":\"-1\",\"price\":\"10\"}",
            // 8: E = −5000 but every position has an order
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A\",\"price\":\"50\"}",
            // 9: a partial fill of A keeps its order outstanding
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"40\",\"price\":\"50\"}",
            // 10: B's order filled in full: B has no position left
            "{\"type\":\"liquidationFill\",\"order\":2,\"size\":\"1\",\"price\":\"10\"}",
            // 11: order 2 is no longer outstanding
            "{\"type\":\"liquidationFill\",\"order\":2,\"size\":\"1\",\"price\":\"10\"}",
            // 12: 61 > 60 remaining of order 1
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"61\",\"price\":\"50\"}",
            // 13: cash −8000 + 10 = −7990; A 60 → E = −7990 + 3000 − 10 = −5000; MM = 300 + 10;
            //     share_B = floor(−5000 × 10 / 310) = −161.29032259; P − q = 10 − 161.29… → 1 unit
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B\",\"size\":\"-1\",\"price\":\"10\"}");

        assertEquals(List.of(
            order(1, 1, "A", "SELL", "100", "100", 6),
            order(2, 1, "B", "BUY", "1", "10", 7),
            rejection(11, RejectReason.UNKNOWN_ORDER),
            rejection(12, RejectReason.INVALID_AMOUNT),
            order(3, 1, "B", "BUY", "1", "0.00000001", 13)), outputs);
    }

    @Test
    void positionsWithEqualMaintenanceAreEmittedByMarketIdNotByName()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"ZZZ\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"AAA\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"ZZZ\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"AAA\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"10\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"AAA\",\"size\":\"1\",\"price\":\"100\"}",
            // E = 10 < MM = 20; each share = 5
            "{\"type\":\"fill\",\"account\":1,\"market\":\"ZZZ\",\"size\":\"1\",\"price\":\"100\"}");

        assertEquals(List.of(
            order(1, 1, "ZZZ", "SELL", "1", "95", 8),
            order(2, 1, "AAA", "SELL", "1", "95", 8)), outputs);
    }

    @Test
    void collateralIsRoundedDownTwiceAndWithdrawalNeedsEquityAtLeastInitialMargin()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"asset\",\"asset\":\"WETH\",\"haircut\":\"0.05\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WETH\",\"price\":\"0.33333333\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"3\"}",
            // value = floor(floor(0.99999999) × 0.95) = 0.94999999
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"0.94999999\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"0.00000001\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"3.00000001\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"0.00000003\"}");

        assertEquals(List.of(
            rejection(6, RejectReason.INSUFFICIENT_MARGIN),
            rejection(7, RejectReason.INSUFFICIENT_BALANCE),
            rejection(8, RejectReason.INSUFFICIENT_MARGIN)), outputs);
    }

    @Test
    void definitionLinesGiveNamesIdsEvenWhenTheEngineRejectsThem()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"asset\",\"asset\":\"A1\",\"haircut\":\"1\"}",
            "{\"type\":\"asset\",\"asset\":\"A2\"}",
            "{\"type\":\"asset\",\"asset\":\"A3\"}",
            "{\"type\":\"asset\",\"asset\":\"A4\"}",
            "{\"type\":\"asset\",\"asset\":\"A5\"}",
            "{\"type\":\"asset\",\"asset\":\"A6\"}",
            "{\"type\":\"asset\",\"asset\":\"A7\"}",
            "{\"type\":\"asset\",\"asset\":\"A8\"}",
            "{\"type\":\"asset\",\"asset\":\"A1\",\"haircut\":\"0.1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"A8\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"A1\",\"amount\":\"1\"}",
            "{\"type\":\"asset\",\"asset\":\"USDT\",\"quote\":true}",
            "{\"type\":\"asset\",\"asset\":\"A1\",\"quote\":true}",
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":false}",
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"haircut\":\"0.1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"USDC\",\"price\":\"1\"}");

        assertEquals(List.of(
            rejection(2, RejectReason.INVALID_REFERENCE_DATA),
            rejection(9, RejectReason.CAPACITY),
            rejection(11, RejectReason.UNKNOWN_ASSET),
            rejection(13, RejectReason.CAPACITY),
            rejection(14, RejectReason.INVALID_REFERENCE_DATA),
            rejection(15, RejectReason.INVALID_REFERENCE_DATA),
            rejection(16, RejectReason.INVALID_REFERENCE_DATA),
            rejection(17, RejectReason.QUOTE_ASSET_TICK)), outputs);
    }

    @Test
    void firstFailingCheckInTheDocumentedOrderIsTheRejection()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"a\"]}",
            "{\"type\":\"withdraw\",\"account\":9,\"asset\":\"NOPE\",\"amount\":\"0.000000001\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"NOPE\",\"amount\":\"-1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"-0.000000001\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"0\",\"price\":\"-1\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1.000000001\",\"price\":\"99999999999\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"99999999999\",\"price\":\"1.000000001\"}",
            "{\"type\":\"tick\",\"source\":\"b\",\"market\":\"M\",\"price\":\"0\"}",
            "{\"type\":\"tick\",\"source\":\"a\",\"market\":\"NOPE\",\"price\":\"0.000000001\"}",
            "{\"type\":\"liquidationFill\",\"order\":3,\"size\":\"0.000000001\",\"price\":\"0\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"NOPE\",\"size\":\"1e3\",\"price\":\"1\"}",
            "{\"type\":\"market\",\"market\":\"N\",\"initialMarginRate\":\"2\",\"maintenanceMarginRate\":\"0\"}",
            "{\"type\":\"market\",\"market\":\"N\",\"initialMarginRate\":\"0.000000001\",\"maintenanceMarginRate\":\"0\","
                + "\"oracleSources\":[\"s1\",\"s2\",\"s3\",\"s4\",\"s5\",\"s6\",\"s7\",\"s8\",\"s9\"]}",
            "{\"type\":\"market\",\"market\":\"N\",\"initialMarginRate\":\"0.04\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"market\",\"market\":\"N\",\"initialMarginRate\":\"1.00000001\",\"maintenanceMarginRate\":\"0.05\"}");

        assertEquals(List.of(
            rejection(3, RejectReason.UNKNOWN_ACCOUNT),
            rejection(4, RejectReason.UNKNOWN_ASSET),
            rejection(5, RejectReason.PRECISION),
            rejection(6, RejectReason.INVALID_AMOUNT),
            rejection(7, RejectReason.PRECISION),
            rejection(8, RejectReason.OVERFLOW),
            rejection(9, RejectReason.UNAUTHORISED_SOURCE),
            rejection(10, RejectReason.UNKNOWN_MARKET),
            rejection(11, RejectReason.UNKNOWN_ORDER),
            rejection(12, RejectReason.MALFORMED),
            rejection(13, RejectReason.INVALID_REFERENCE_DATA),
            rejection(14, RejectReason.CAPACITY),
            rejection(15, RejectReason.INVALID_REFERENCE_DATA),
            rejection(16, RejectReason.INVALID_REFERENCE_DATA)), outputs);
    }

    @Test
    void decimalsKeepTheirExactValueAndTheRangeIsTwoToTheFiftyEightUnits()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1.000000000000\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"2882303761.51711744\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"0.00000001\"}",
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"2882303761.51711745\"}",
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"99999999999999999999999999.5\"}",
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"99999999999999999999999999.000000001\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"0001.0\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"-0\"}");

        assertEquals(List.of(
            rejection(4, RejectReason.OVERFLOW),
            rejection(5, RejectReason.OVERFLOW),
            rejection(6, RejectReason.OVERFLOW),
            rejection(7, RejectReason.PRECISION),
            rejection(9, RejectReason.INVALID_AMOUNT)), outputs);
    }

    @Test
    void highWaterMarksOfSizeAndBalanceBoundLaterPrices()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"asset\",\"asset\":\"WETH\"}",
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1000\",\"price\":\"1\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"-1000\",\"price\":\"1\"}",
            // no position left, but 1000 × 3000000 > MAX
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"3000000\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"2000000\"}",
            // 2000 × 2000000 > MAX at the mark price
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"2000\",\"price\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"WETH\",\"amount\":\"2000\"}",
            "{\"type\":\"withdraw\",\"account\":2,\"asset\":\"WETH\",\"amount\":\"2000\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WETH\",\"price\":\"2000000\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WETH\",\"price\":\"1000000\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"WETH\",\"amount\":\"3000\"}");

        assertEquals(List.of(
            rejection(7, RejectReason.OVERFLOW),
            rejection(9, RejectReason.OVERFLOW),
            rejection(12, RejectReason.OVERFLOW),
            rejection(14, RejectReason.OVERFLOW)), outputs);
    }

    @Test
    void rangeRuleProductsAreRoundedDownBeforeTheComparison()
    {
        // 2882303732.69408012 × 1.00000001 = 2882303761.51711744|69408012: floor is MAX_E8 exactly; one unit more is beyond
        final String boundary = "2882303732.69408012";
        final String aboveBoundary = "2882303732.69408013";
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"asset\",\"asset\":\"WETH\"}",
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"asset\":\"WETH\",\"price\":\"1.00000001\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"WETH\",\"amount\":\"" + boundary + "\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"WETH\",\"amount\":\"" + aboveBoundary + "\"}",
            "{\"type\":\"fill\",\"account\":3,\"market\":\"M\",\"size\":\"1.00000001\",\"price\":\"1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"" + boundary + "\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"" + aboveBoundary + "\"}",
            // 10: a buy would need cash floor(−s × P) = −MAX − 1 unit; a sell gets cash floor(s × P) = MAX
            "{\"type\":\"fill\",\"account\":4,\"market\":\"M\",\"size\":\"1.00000001\",\"price\":\"" + boundary + "\"}",
            // 11: E = MAX + floor(−s × P) = −1 unit < MM; q = ceil(−1 unit / −s) = 1 unit: limit P − 1 unit
            "{\"type\":\"fill\",\"account\":5,\"market\":\"M\",\"size\":\"-1.00000001\",\"price\":\"" + boundary + "\"}",
            "{\"type\":\"fill\",\"account\":6,\"market\":\"M\",\"size\":\"-1.00000001\",\"price\":\"" + aboveBoundary + "\"}");

        assertEquals(List.of(
            rejection(6, RejectReason.OVERFLOW),
            rejection(9, RejectReason.OVERFLOW),
            rejection(10, RejectReason.OVERFLOW),
            order(1, 5, "M", "BUY", "1.00000001", "2882303732.69408011", 11),
            rejection(12, RejectReason.OVERFLOW)), outputs);
    }

    @Test
    void timeNsMustBeAJsonIntegerButNeedNotIncrease()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":\"5\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":1.5}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":100}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\",\"timeNs\":-5}");

        assertEquals(List.of(rejection(2, RejectReason.MALFORMED), rejection(3, RejectReason.MALFORMED)), outputs);
    }

    @Test
    void positionInAMarketWithoutPriceBlocksWithdrawalsAndDefersTheCheck()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1\",\"price\":\"1000\"}",
            "{\"type\":\"withdraw\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}",
            // 7: E = 101 − 1000 + 950 = 51 ≥ MM = 47.5
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"950\"}",
            // 8: E = 41 < MM = 47
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"940\"}");

        assertEquals(List.of(
            rejection(5, RejectReason.INSUFFICIENT_MARGIN),
            order(1, 1, "M", "SELL", "1", "899", 8)), outputs);
    }

    @Test
    void objectsTheAdapterCannotMapAreMalformedAndCommentsAndBlankLinesStillCount()
    {
        final List<String> outputs = run(
            QUOTE,
            "# a comment",
            "",
            "   # an indented comment",
            "   ",
            "{}",
            "{\"type\":\"withdrawal\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":1}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"+1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\".5\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"5.\"}",
            "{\"type\":\"deposit\",\"account\":0,\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":9007199254740993,\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":1.0,\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":\"1\",\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"THIS-NAME-IS-17CH\",\"amount\":\"1\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"US DC\",\"amount\":\"1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"price\":\"1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"asset\":\"A\",\"price\":\"1\"}",
            "{\"type\":\"liquidationFill\",\"order\":0,\"size\":\"1\",\"price\":\"1\"}",
            "{\"type\":7,\"account\":1,\"asset\":\"USDC\",\"amount\":\"1\"}",
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\",\"oracleSources\":[\"bad name\"]}",
            "{\"type\":\"deposit\",\"account\":9007199254740992,\"asset\":\"USDC\",\"amount\":\"1\",\"note\":\"extra fields are ignored\"}",
            "{\"type\":\"withdraw\",\"account\":9007199254740992,\"asset\":\"USDC\",\"amount\":\"2\",\"timeNs\":5}");

        final List<String> expected = new ArrayList<>();
        for (int seq = 6; seq <= 23; seq++)
        {
            expected.add(rejection(seq, RejectReason.MALFORMED));
        }
        expected.add(rejection(25, RejectReason.INSUFFICIENT_MARGIN));
        assertEquals(expected, outputs);
    }

    @Test
    void lineThatIsNotAJsonObjectFailsTheWholeRun()
    {
        assertThrows(IllegalArgumentException.class, () -> run(QUOTE, "[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> run(QUOTE, "not json"));
    }

    private static List<String> run(final String... lines)
    {
        return ReferenceModel.run(List.of(lines)).stream().map(ModelOutput::toJson).collect(Collectors.toList());
    }

    private static String order(
        final long order, final long account, final String market, final String side, final String size,
        final String limitPrice, final int triggerSeq)
    {
        return "{\"type\":\"liquidationOrder\",\"order\":" + order + ",\"account\":" + account + ",\"market\":\"" +
            market + "\",\"side\":\"" + side + "\",\"size\":\"" + size + "\",\"limitPrice\":\"" + limitPrice +
            "\",\"triggerSeq\":" + triggerSeq + "}";
    }

    private static String rejection(final int seq, final RejectReason reason)
    {
        return new ModelOutput.Rejection(seq, reason).toJson();
    }
}

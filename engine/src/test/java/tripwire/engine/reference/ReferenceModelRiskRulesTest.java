package tripwire.engine.reference;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hand-computed checks of the reference model against docs/risk-model.md: the doc's worked examples (Binance
 * 1,340; Hyperliquid 4,000 and 17,333.3335; Drift 1.11111112) and each rule of sections 1, 3, 4, 5, 6 and 7,
 * with the arithmetic beside each line.
 */
class ReferenceModelRiskRulesTest
{
    private static final String QUOTE = "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}";
    private static final String TICK_M_100 = "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"100\"}";

    @Test
    void binanceBracketsGiveMaintenance1340At264000Notional()
    {
        // tiers 0.4 % / 0.5 % from 50,000 / 1 % from 250,000: dm_1 = 50, dm_2 = 1,300; MM(264,000) = 2,640 − 1,300 = 1,340
        // initial 0.8 % / 1 % / 2 %: di_1 = 50,000 × 0.2 % = 100, di_2 = 100 + 250,000 × 1 % = 2,600; IM = 5,280 − 2,600 = 2,680
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.008\",\"maintenanceMarginRate\":\"0.004\"," +
                "\"initialMarginWarning\":true,\"marginTiers\":[" +
                "{\"notional\":\"50000\",\"maintenanceMarginRate\":\"0.005\",\"initialMarginRate\":\"0.01\"}," +
                "{\"notional\":\"250000\",\"maintenanceMarginRate\":\"0.01\",\"initialMarginRate\":\"0.02\"}]}",
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1340\"}",
            // 5: N = 264,000; E = 1,340 = MM: a warning (E < IM = 2,680) and no order
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"2640\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"1339.99999999\"}",
            // 7: E one unit below MM: warning, then the order; q = floor(1339.99999999 / 2640) = 0.50757575
            "{\"type\":\"fill\",\"account\":2,\"market\":\"M\",\"size\":\"2640\",\"price\":\"100\"}");

        assertEquals(List.of(
            warning(5, 1, "1340", "2680"),
            warning(7, 2, "1339.99999999", "2680"),
            order(1, 2, "M", "SELL", "2640", "99.49242425", 7)), outputs);
    }

    @Test
    void warningNeedsTheFlagOfTheFilledMarketAndAPriceForEveryPosition()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginWarning\":true}",
            "{\"type\":\"market\",\"market\":\"V\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"market\",\"market\":\"U\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"}",
            TICK_M_100,
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"V\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"150\"}",
            // 8: a market without the flag: E = 150 < IM = 200, no warning
            "{\"type\":\"fill\",\"account\":1,\"market\":\"V\",\"size\":\"10\",\"price\":\"100\"}",
            // 9: E = 150 < IM = 220: warning; E >= MM = 110
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1\",\"price\":\"100\"}",
            // 10: U has no price: no evaluation
            "{\"type\":\"fill\",\"account\":1,\"market\":\"U\",\"size\":\"1\",\"price\":\"100\"}",
            // 11: a position in U without a price: no warning either
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"1\",\"price\":\"100\"}");

        assertEquals(List.of(warning(9, 1, "150", "220")), outputs);
    }

    @Test
    void rejectedTierRedefinitionKeepsTheEarlierTiers()
    {
        // tier from 1,000 at 0.2: dm_1 = 1,000 × 0.1 = 100; N = 2,000: MM = 400 − 100 = 300
        final String tiers = "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"," +
            "\"marginTiers\":[{\"notional\":\"1000\",\"maintenanceMarginRate\":\"%s\",\"initialMarginRate\":\"0.4\"}]}";
        final List<String> outputs = run(
            QUOTE,
            String.format(tiers, "0.2"),
            String.format(tiers, "0.05"),
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"300\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"20\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"299.99999999\"}",
            // 8: q = floor(299.99999999 / 20) = 14.99999999
            "{\"type\":\"fill\",\"account\":2,\"market\":\"M\",\"size\":\"20\",\"price\":\"100\"}");

        assertEquals(List.of(
            rejection(3, RejectReason.INVALID_REFERENCE_DATA),
            order(1, 2, "M", "SELL", "20", "85.00000001", 8)), outputs);
    }

    @Test
    void hyperliquidTiersGiveMaintenance4000At50000And17333point3335At150000()
    {
        // m = 0.05 / 0.10 / 0.16666667 from 0 / 20,000 / 100,000: dm_1 = 1,000, dm_2 = 1,000 + 6,666.667 = 7,666.667
        final String market = "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"," +
            "\"marginTiers\":[" +
            "{\"notional\":\"20000\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.2\"}," +
            "{\"notional\":\"100000\",\"maintenanceMarginRate\":\"0.16666667\",\"initialMarginRate\":\"0.33333334\"}]}";
        final List<String> outputs = run(
            QUOTE,
            market,
            TICK_M_100,
            // 50,000 notional: MM = 5,000 − 1,000 = 4,000
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"4000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"500\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"3999.99999999\"}",
            // 7: q = floor(3999.99999999 / 500) = 7.99999999
            "{\"type\":\"fill\",\"account\":2,\"market\":\"M\",\"size\":\"500\",\"price\":\"100\"}",
            // 150,000 notional: MM = 25,000.0005 − 7,666.667 = 17,333.3335
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"17333.3335\"}",
            "{\"type\":\"fill\",\"account\":3,\"market\":\"M\",\"size\":\"1500\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":4,\"asset\":\"USDC\",\"amount\":\"17333.33349999\"}",
            // 11: q = floor(17333.33349999 / 1500) = 11.55555566
            "{\"type\":\"fill\",\"account\":4,\"market\":\"M\",\"size\":\"1500\",\"price\":\"100\"}");

        assertEquals(List.of(
            order(1, 2, "M", "SELL", "500", "92.00000001", 7),
            order(2, 4, "M", "SELL", "1500", "88.44444434", 11)), outputs);
    }

    @Test
    void driftExamplePartialOrderOf1point11111112ContractsWithThePenaltyInItsLimit()
    {
        // E = 90 < MM = 100; S = 100 − 90 = 10; k = floor(100 × 0.1 − 100 × 0.01) = 9; x = ceil(10 / 9) = 1.11111112
        // bk = 100 − 90 / 10 = 91; SELL limit = ceil(91 / 0.99) = 91.91919192
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"partialLiquidation\":true,\"liquidationPenaltyRate\":\"0.01\"}",
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"90\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"10\",\"price\":\"100\"}");

        assertEquals(List.of(order(1, 1, "M", "SELL", "1.11111112", "91.91919192", 5)), outputs);
    }

    @Test
    void partialOrderRespectsTheMinimumNotionalTheBufferAndTheCooldownButNotForTheBackstop()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"partialLiquidation\":true,\"liquidationBuffer\":\"0.1\",\"minLiquidationNotional\":\"150\"," +
                "\"backstopFraction\":\"0.5\",\"liquidationCooldownNs\":1000}",
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"90\",\"timeNs\":1}",
            // 5 at t=10: E = 90, MM = 100; S = ceil(100 × 1.1) − 90 = 20; k = floor(100 × floor(0.1 × 1.1)) = 11;
            //   x = ceil(20 / 11) = 1.81818182 < 10; at least ceil(150 / 100) = 1.5: x stays; bk = 91; cooldown to 1010
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"10\",\"price\":\"100\",\"timeNs\":10}",
            // 6 at t=20: cash = −910 + 181.818182 = −728.181818; s = 8.18181818; E = 90 >= MM = 81.8181818
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"1.81818182\",\"price\":\"100\",\"timeNs\":20}",
            // 7 at t=30: mark 99: s = 8.18181818, cash −728.181818; E = −728.181818 + 809.99999982 = 81.81818182;
            //   MM = ceil(809.99999982 × 0.1) = 81.00000000 (80.999999982 up): not liquidatable
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"99\",\"timeNs\":30}",
            // 8 at t=40: mark 98: E = −728.181818 + 801.81818164 = 73.63636364; MM = 80.18181817 (up): liquidatable,
            //   a partial order would be due but the cooldown runs to 1010: nothing
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"98\",\"timeNs\":40}",
            // 9 at t=1010: same mark, cooldown over: S = ceil(80.18181817 × 1.1) − 73.63636364 = 88.19999999 − 73.63636364
            //   = 14.56363635; k = floor(98 × 0.11) = 10.78; x = ceil(14.56363635 / 10.78) = 1.35098668;
            //   at least ceil(150 / 98) = 1.53061225; bk: q = floor(73.63636364 / 8.18181818) = 9.00000000 → 89
            // 10: cash = −728.181818 + 150.0000005 = −578.1818175; s = 6.65120593; E = 73.63636364 >= MM 65.18181812
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"98\",\"timeNs\":1010}",
            "{\"type\":\"liquidationFill\",\"order\":2,\"size\":\"1.53061225\",\"price\":\"98\",\"timeNs\":1020}",
            // 11 at t=1030, in the new cooldown: E = −578.1818175 + 399.0723558 = −179.1094617 < 0.5 × MM: the
            //   backstop closes the whole position: q = floor(−179.1094617 / 6.65120593) = −26.92887029 → 86.92887029
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"60\",\"timeNs\":1030}");

        assertEquals(List.of(
            order(1, 1, "M", "SELL", "1.81818182", "91", 5),
            order(2, 1, "M", "SELL", "1.53061225", "89", 9),
            order(3, 1, "M", "SELL", "6.65120593", "86.92887029", 11)), outputs);
    }

    @Test
    void partialOrderWaitsForTheVisitedMarketsCooldownFromTheAccountsLastPartialOrderInAnyMarket()
    {
        // risk-cases/partial-09-cooldown-of-visited-market.jsonl without its comments (the arithmetic is there)
        final String tickA = "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A\",\"price\":\"%s\",\"timeNs\":%d}";
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"A\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"partialLiquidation\":true,\"liquidationCooldownNs\":1000000}",
            "{\"type\":\"market\",\"market\":\"B\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"partialLiquidation\":true,\"liquidationCooldownNs\":0}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"2000\",\"timeNs\":1000}",
            String.format(tickA, "100", 2000),
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"B\",\"price\":\"100\",\"timeNs\":3000}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"A\",\"size\":\"100\",\"price\":\"100\",\"timeNs\":4000}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B\",\"size\":\"50\",\"price\":\"100\",\"timeNs\":5000}",
            // 9: S = 400, A first: x = ceil(400 / 9) = 44.44444445, a partial order at t = 10000; B gets nothing (S = 0)
            String.format(tickA, "90", 10000),
            // 10: inside A's cooldown, but B's is 0: x = ceil(445 / 9.9) = 44.94949495, a partial order at t = 20001
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"B\",\"price\":\"99\",\"timeNs\":20001}",
            // 11: A would get x = 5 but waits for A's cooldown from t = 20001 (B's order): until 1020001
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"44.44444445\",\"price\":\"90\",\"timeNs\":30000}",
            String.format(tickA, "90", 1020000),
            String.format(tickA, "90", 1020001));

        assertEquals(List.of(
            order(1, 1, "A", "SELL", "44.44444445", "83.57142858", 9),
            order(2, 1, "B", "SELL", "44.94949495", "92.25806452", 10),
            order(3, 1, "A", "SELL", "5", "81.40703518", 13)), outputs);
    }

    @Test
    void shortageCoveredByAWholeCloseLeavesLaterPartialPositionsWithoutAnOrderAndV1MarketsCloseWhole()
    {
        // A (partial, m 0.5), B (partial, m 0.1), C (v1, m 0.1); positions 1 A, 1 B, 1 C at 100:
        // E = 60 < MM = 50 + 10 + 10 = 70; emission order A (50), B (10), C (10; id 2 after B's 1).
        // S = 70 − 60 = 10; A: k = floor(100 × 0.5) = 50, x = ceil(10 / 50) = 0.2 < 1: partial 0.2, S = 0;
        // B: S <= 0, no order; C: v1, whole. share_A = floor(60 × 50 / 70) = 42.85714285 → 57.14285715;
        // share_C = floor(60 × 10 / 70) = 8.57142857 → 91.42857143
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"A\",\"initialMarginRate\":\"0.5\",\"maintenanceMarginRate\":\"0.5\",\"partialLiquidation\":true}",
            "{\"type\":\"market\",\"market\":\"B\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\",\"partialLiquidation\":true}",
            "{\"type\":\"market\",\"market\":\"C\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"A\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"B\",\"price\":\"100\"}",
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"C\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"60\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"B\",\"size\":\"1\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"C\",\"size\":\"1\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"A\",\"size\":\"1\",\"price\":\"100\"}");

        assertEquals(List.of(
            order(1, 1, "A", "SELL", "0.2", "57.14285715", 11),
            order(2, 1, "C", "SELL", "1", "91.42857143", 11)), outputs);
    }

    @Test
    void penaltyIsChargedUpToTheEquityLeftAndTheFundCoversBadDebtAsFarAsItGoes()
    {
        // f = 0.02, w = 0.25; bk = 91; SELL limit = ceil(91 / 0.98) = 92.85714286
        final String account = "{\"type\":\"deposit\",\"account\":%d,\"asset\":\"USDC\",\"amount\":\"90\"}";
        final String fill = "{\"type\":\"fill\",\"account\":%d,\"market\":\"M\",\"size\":\"10\",\"price\":\"100\"}";
        final List<String> outputs = run(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"100\"}",
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"liquidationPenaltyRate\":\"0.02\",\"liquidatorRewardShare\":\"0.25\"}",
            TICK_M_100,
            String.format(account, 1),
            String.format(fill, 1),
            // 6: cash −910 + 950 = 40 = E_after; nominal = ceil(950 × 0.02) = 19 <= 40: charged 19, reward 4.75, fund 14.25
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"10\",\"price\":\"95\"}",
            String.format(account, 2),
            String.format(fill, 2),
            // 9: cash −910 + 800 = −110: charged 0; bad debt 110, all covered: fund 114.25 → 4.25
            "{\"type\":\"liquidationFill\",\"order\":2,\"size\":\"10\",\"price\":\"80\"}",
            String.format(account, 3),
            String.format(fill, 3),
            // 12: bad debt 110: 4.25 covered, 105.75 uncovered
            "{\"type\":\"liquidationFill\",\"order\":3,\"size\":\"10\",\"price\":\"80\"}",
            // 13: a redefinition pays in again
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"0.5\"}",
            String.format(account, 4),
            String.format(fill, 4),
            // 16: a partial fill leaves a position: no bad debt yet; E_after = −910 + 400 + 500 = −10: charged 0
            "{\"type\":\"liquidationFill\",\"order\":4,\"size\":\"5\",\"price\":\"80\"}",
            // 17: the rest: cash −110, bad debt 110: 0.5 covered
            "{\"type\":\"liquidationFill\",\"order\":4,\"size\":\"5\",\"price\":\"80\"}",
            // 18: the fund is empty: the movement is still emitted
            String.format(account, 5),
            String.format(fill, 5),
            "{\"type\":\"liquidationFill\",\"order\":5,\"size\":\"10\",\"price\":\"80\"}");

        assertEquals(List.of(
            fund(1, "DEPOSIT", 0, "100", "0", "100"),
            order(1, 1, "M", "SELL", "10", "92.85714286", 5),
            penalty(6, 1, 1, "19", "4.75", "14.25"),
            fund(6, "PENALTY", 1, "14.25", "0", "114.25"),
            order(2, 2, "M", "SELL", "10", "92.85714286", 8),
            penalty(9, 2, 2, "0", "0", "0"),
            fund(9, "BAD_DEBT", 2, "-110", "0", "4.25"),
            order(3, 3, "M", "SELL", "10", "92.85714286", 11),
            penalty(12, 3, 3, "0", "0", "0"),
            fund(12, "BAD_DEBT", 3, "-4.25", "105.75", "0"),
            fund(13, "DEPOSIT", 0, "0.5", "0", "0.5"),
            order(4, 4, "M", "SELL", "10", "92.85714286", 15),
            penalty(16, 4, 4, "0", "0", "0"),
            penalty(17, 4, 4, "0", "0", "0"),
            fund(17, "BAD_DEBT", 4, "-0.5", "109.5", "0"),
            order(5, 5, "M", "SELL", "10", "92.85714286", 19),
            penalty(20, 5, 5, "0", "0", "0"),
            fund(20, "BAD_DEBT", 5, "0", "110", "0")), outputs);
    }

    @Test
    void buyLimitLeavesRoomForThePenaltyAndAPenaltyRateAloneActivatesTheFundForBadDebt()
    {
        // short 10 at 100 with E = 90: bk = 100 + 9 = 109; BUY limit = floor(109 / 1.05) = 103.80952380
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\"," +
                "\"liquidationPenaltyRate\":\"0.05\",\"liquidatorRewardShare\":\"1\"}",
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"90\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"-10\",\"price\":\"100\"}",
            // 6: 5 at 100: cash 1090 − 500 = 590, s = −5, E = 90; nominal = ceil(500 × 0.05) = 25 → charged 25,
            //    all to the liquidator (w = 1): no fund movement; cash 565, E = 65 >= MM 50
            // 7: 5 at 150: cash 565 − 750 = −185 = E_after: charged 0; no fund was ever paid in, but the market's
            //    f > 0 made it active (section 6 precisions): BAD_DEBT D = 185, covered min(185, 0) = 0, uncovered 185
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"5\",\"price\":\"100\"}",
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"5\",\"price\":\"150\"}");

        assertEquals(List.of(
            order(1, 1, "M", "BUY", "10", "103.8095238", 5),
            penalty(6, 1, 1, "25", "25", "0"),
            penalty(7, 1, 1, "0", "0", "0"),
            fund(7, "BAD_DEBT", 1, "0", "185", "0")), outputs);
    }

    @Test
    void adlClosesAgainstTheBestScoredCounterpartiesAtTheBankruptcyPriceAndOrdersTheRest()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\",\"autoDeleverage\":true}",
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"-5\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"40\"}",
            "{\"type\":\"fill\",\"account\":2,\"market\":\"M\",\"size\":\"-3\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"150\"}",
            "{\"type\":\"fill\",\"account\":3,\"market\":\"M\",\"size\":\"10\",\"price\":\"100\"}",
            // 10: mark 80. Account 3: E = −850 + 800 = −50 < 0, no fund: ADL at bk = 80 + 5 = 85.
            //   account 1: uPnL = −400 + 500 = 100, N = 400, E = 1100: score 36.36363636
            //   account 2: uPnL = −240 + 300 = 60,  N = 240, E = 100:  score 144 → first
            //   3 from account 2, 5 from account 1, the remaining 2 get an order at bk (no penalty)
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"80\"}");

        assertEquals(List.of(
            deleverage(10, 3, 2, "SELL", "3", "85"),
            deleverage(10, 3, 1, "SELL", "5", "85"),
            order(1, 3, "M", "SELL", "2", "85", 10)), outputs);
    }

    @Test
    void adlCounterpartyIsCheckedAfterwardsWithoutAdlForItself()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\",\"autoDeleverage\":true}",
            "{\"type\":\"market\",\"market\":\"N\",\"initialMarginRate\":\"0.5\",\"maintenanceMarginRate\":\"0.5\"}",
            TICK_M_100,
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"N\",\"price\":\"100\"}",
            // account 2: short 10 M, E = 100 = MM
            "{\"type\":\"deposit\",\"account\":2,\"asset\":\"USDC\",\"amount\":\"100\"}",
            "{\"type\":\"fill\",\"account\":2,\"market\":\"M\",\"size\":\"-10\",\"price\":\"100\"}",
            // account 4: long 1 M, a candidate for account 2 if account 2 were deleveraged
            "{\"type\":\"deposit\",\"account\":4,\"asset\":\"USDC\",\"amount\":\"100\"}",
            "{\"type\":\"fill\",\"account\":4,\"market\":\"M\",\"size\":\"1\",\"price\":\"100\"}",
            // account 3: long 10 N (E = 100 < 500: order 1 at 90), then long 5 M at 10: E = 550 = MM
            "{\"type\":\"deposit\",\"account\":3,\"asset\":\"USDC\",\"amount\":\"100\"}",
            "{\"type\":\"fill\",\"account\":3,\"market\":\"N\",\"size\":\"10\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":3,\"market\":\"M\",\"size\":\"5\",\"price\":\"10\"}",
            // 13: N sold at 10^-8: cash −949.9999999, E = −449.9999999: ADL of M at bk = 100 + 89.99999998;
            //   account 2 buys 5 at 189.99999998: cash 150.0000001, E = −349.9999999 < MM 50: an order
            //   (q = ceil(69.99999998) → 30.00000002), not an ADL against account 4
            "{\"type\":\"liquidationFill\",\"order\":1,\"size\":\"10\",\"price\":\"0.00000001\"}");

        assertEquals(List.of(
            order(1, 3, "N", "SELL", "10", "90", 11),
            deleverage(13, 3, 2, "SELL", "5", "189.99999998"),
            order(2, 2, "M", "BUY", "5", "30.00000002", 13)), outputs);
    }

    @Test
    void adlCandidatesWithEqualScoresAreTakenInTheOrderTheirAccountsWereOpened()
    {
        final List<String> outputs = run(
            QUOTE,
            "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.1\",\"autoDeleverage\":true}",
            TICK_M_100,
            "{\"type\":\"deposit\",\"account\":9,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"deposit\",\"account\":5,\"asset\":\"USDC\",\"amount\":\"1000\"}",
            "{\"type\":\"fill\",\"account\":5,\"market\":\"M\",\"size\":\"-5\",\"price\":\"100\"}",
            "{\"type\":\"fill\",\"account\":9,\"market\":\"M\",\"size\":\"-5\",\"price\":\"100\"}",
            "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"150\"}",
            "{\"type\":\"fill\",\"account\":1,\"market\":\"M\",\"size\":\"8\",\"price\":\"100\"}",
            // 10: mark 80: account 1 E = −650 + 640 = −10, bk = 80 + 1.25; equal scores: account 9 (opened first) first
            "{\"type\":\"tick\",\"source\":\"s\",\"market\":\"M\",\"price\":\"80\"}");

        assertEquals(List.of(
            deleverage(10, 1, 9, "SELL", "5", "81.25"),
            deleverage(10, 1, 5, "SELL", "3", "81.25")), outputs);
    }

    @Test
    void costBasisFollowsOpeningReducingAndFlipping()
    {
        final BigDecimal zero = new BigDecimal("0.00000000");
        // buy 3 at 100: cost 300; add 1 at 0.33333333: cash move floor(−0.33333333) → cost 300.33333333
        BigDecimal cost = CostBasis.after(zero, BigDecimal.ZERO, new BigDecimal("3"), new BigDecimal("100"));
        assertEquals(0, cost.compareTo(new BigDecimal("300")));
        cost = CostBasis.after(cost, new BigDecimal("3"), BigDecimal.ONE, new BigDecimal("0.33333333"));
        assertEquals(0, cost.compareTo(new BigDecimal("300.33333333")));
        // sell 1 of 4: floor(300.33333333 × 3 / 4) = 225.24999999
        cost = CostBasis.after(cost, new BigDecimal("4"), new BigDecimal("-1"), new BigDecimal("1"));
        assertEquals(0, cost.compareTo(new BigDecimal("225.24999999")));
        // sell 5 of 3 at 10: flips to −2: cost = −floor(2 × 10) = −20
        cost = CostBasis.after(cost, new BigDecimal("3"), new BigDecimal("-5"), new BigDecimal("10"));
        assertEquals(0, cost.compareTo(new BigDecimal("-20")));
        // short −3 at 0.33333333: cash move floor(0.99999999) → cost −0.99999999; reduce to −1: floor(−0.33333333) = −0.33333333
        cost = CostBasis.after(zero, BigDecimal.ZERO, new BigDecimal("-3"), new BigDecimal("0.33333333"));
        assertEquals(0, cost.compareTo(new BigDecimal("-0.99999999")));
        cost = CostBasis.after(cost, new BigDecimal("-3"), new BigDecimal("2"), new BigDecimal("5"));
        assertEquals(0, cost.compareTo(new BigDecimal("-0.33333333")));
    }

    @Test
    void malformedRiskFieldsAreRejected()
    {
        final String market = "{\"type\":\"market\",\"market\":\"M\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\",";
        final String tier = "{\"notional\":\"%s\",\"maintenanceMarginRate\":\"%s\",\"initialMarginRate\":\"%s\"}";
        final StringBuilder eightTiers = new StringBuilder();
        for (int i = 1; i <= 8; i++)
        {
            eightTiers.append(i == 1 ? "" : ",").append(String.format(tier, 1000 * i, "0.05", "0.1"));
        }
        final List<String> outputs = run(
            QUOTE,
            market + "\"marginTiers\":[" + eightTiers + "]}",
            market + "\"marginTiers\":[" + String.format(tier, "0", "0.05", "0.1") + "]}",
            market + "\"marginTiers\":[" + String.format(tier, "100", "0.06", "0.1") + "," + String.format(tier, "100", "0.07", "0.1") + "]}",
            market + "\"marginTiers\":[" + String.format(tier, "100", "0.04", "0.1") + "]}",
            market + "\"marginTiers\":[" + String.format(tier, "100", "0.06", "0.09") + "]}",
            market + "\"marginTiers\":[" + String.format(tier, "100", "0.2", "0.15") + "]}",
            market + "\"marginTiers\":[" + String.format(tier, "100", "1.1", "1.1") + "]}",
            market + "\"liquidationPenaltyRate\":\"1\"}",
            market + "\"liquidatorRewardShare\":\"1.00000001\"}",
            market + "\"backstopFraction\":\"-0.1\"}",
            market + "\"liquidationBuffer\":\"-0.1\"}",
            market + "\"minLiquidationNotional\":\"-1\"}",
            market + "\"liquidationCooldownNs\":-1}",
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"-1\"}",
            "{\"type\":\"asset\",\"asset\":\"WETH\",\"insuranceFund\":\"5\"}",
            market + "\"marginTiers\":[" + String.format(tier, "100.000000001", "0.06", "0.1") + "]}",
            market + "\"liquidationPenaltyRate\":\"3000000000\"}",
            market + "\"liquidationCooldownNs\":1.5}",
            market + "\"marginTiers\":{}}",
            market + "\"partialLiquidation\":\"true\"}",
            // accepted: tiers at the limits, 7 of them, rates 1; every other field at its limit
            market + "\"marginTiers\":[" + String.format(tier, "1", "0.05", "0.1") + "," + String.format(tier, "2", "1", "1") + "]," +
                "\"liquidationPenaltyRate\":\"0.99999999\",\"liquidatorRewardShare\":\"1\",\"backstopFraction\":\"1\"," +
                "\"liquidationBuffer\":\"0\",\"minLiquidationNotional\":\"0\",\"liquidationCooldownNs\":0}");

        final List<String> expected = new ArrayList<>();
        for (int seq = 2; seq <= 16; seq++)
        {
            expected.add(rejection(seq, RejectReason.INVALID_REFERENCE_DATA));
        }
        expected.add(rejection(17, RejectReason.PRECISION));
        expected.add(rejection(18, RejectReason.OVERFLOW));
        expected.add(rejection(19, RejectReason.MALFORMED));
        expected.add(rejection(20, RejectReason.MALFORMED));
        expected.add(rejection(21, RejectReason.MALFORMED));
        assertEquals(expected, outputs);
    }

    // ------------------------------------------------------------------------------------------------

    private static List<String> run(final String... lines)
    {
        return ReferenceModel.run(List.of(lines)).stream().map(ModelOutput::toJson).collect(Collectors.toList());
    }

    private static String order(
        final long order, final long account, final String market, final String side, final String size,
        final String limitPrice, final int triggerSeq)
    {
        return new ModelOutput.LiquidationOrder(
            order, account, market, side, new BigDecimal(size), new BigDecimal(limitPrice), triggerSeq).toJson();
    }

    private static String warning(final int seq, final long account, final String equity, final String initial)
    {
        return new ModelOutput.MarginWarning(seq, account, new BigDecimal(equity), new BigDecimal(initial)).toJson();
    }

    private static String penalty(
        final int seq, final long order, final long account, final String charged, final String reward,
        final String fundPart)
    {
        return new ModelOutput.LiquidationPenalty(seq, order, account, "M", new BigDecimal(charged),
            new BigDecimal(reward), new BigDecimal(fundPart)).toJson();
    }

    private static String fund(
        final int seq, final String kind, final long account, final String amount, final String uncovered,
        final String balance)
    {
        return new ModelOutput.InsuranceFundMovement(seq, kind, account, account == 0 ? null : "M",
            new BigDecimal(amount), new BigDecimal(uncovered), new BigDecimal(balance)).toJson();
    }

    private static String deleverage(
        final int seq, final long account, final long counterparty, final String side, final String size,
        final String price)
    {
        return new ModelOutput.Deleverage(
            seq, account, counterparty, "M", side, new BigDecimal(size), new BigDecimal(price)).toJson();
    }

    private static String rejection(final int seq, final RejectReason reason)
    {
        return new ModelOutput.Rejection(seq, reason).toJson();
    }
}

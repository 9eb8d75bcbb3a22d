package tripwire.engine.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tripwire.engine.EngineHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The money ledger of penalties and the insurance fund over a seeded, generated crash with many liquidation
 * fills (partial and whole, better and worse than the limit):
 * <ul>
 *   <li>every penalty charged = its liquidator reward + its fund part, and is at most its nominal;</li>
 *   <li>the liquidators' total = the sum of rewards; the fund's balance = the sum of all its movements
 *       = deposits + penalty fund parts - bad debt covered, and each movement carries the running balance;</li>
 *   <li>every quote unit of every account is accounted for: its cash = deposits + trade cash flows
 *       ({@code floor(-size x price)}, computed here independently) - penalties charged + bad debt covered.</li>
 * </ul>
 * The seed is in the test name and in every failure message.
 */
class PenaltyLedgerTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] MARKETS = {"M0", "M1", "M2"};
    private static final String[] PENALTY_RATES = {"0.01", "0.025", "0"};
    private static final String[] REWARD_SHARES = {"0.3", "0.6", "0"};
    private static final int ACCOUNTS = 40;
    private static final int STEPS = 1500;
    private static final BigDecimal FUND_DEPOSIT = new BigDecimal("1000");

    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final Map<Long, Long> expectedCashE8 = new HashMap<>();
    private final BigDecimal[] marks = {new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("20")};
    private EngineHarness harness;
    private long seed;
    private long chargedE8;
    private long rewardsE8;
    private long fundPartsE8;
    private long penaltyMovementsE8;
    private long coveredE8;
    private long movementsE8;
    private long lastBalanceE8;
    private int liquidationFills;
    private int penaltiesCharged;
    private int badDebts;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20_261_126})
    void shouldAccountForEveryQuoteUnitOfPenaltiesRewardsAndBadDebt(final long seed)
    {
        this.seed = seed;
        harness = new EngineHarness();
        final SplittableRandom random = new SplittableRandom(seed);

        apply("{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true,\"insuranceFund\":\"" + FUND_DEPOSIT + "\"}");
        for (int m = 0; m < MARKETS.length; m++)
        {
            apply("{\"type\":\"market\",\"market\":\"" + MARKETS[m] + "\",\"initialMarginRate\":\"0.1\"," +
                "\"maintenanceMarginRate\":\"0.05\",\"liquidationPenaltyRate\":\"" + PENALTY_RATES[m] + "\"," +
                "\"liquidatorRewardShare\":\"" + REWARD_SHARES[m] + "\"}");
            apply(tick(m));
        }
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            deposit(account, money(random, 100, 2000));
        }

        for (int step = 0; step < STEPS; step++)
        {
            final double choice = random.nextDouble();
            if (choice < 0.2)
            {
                openPosition(random);
            }
            else if (choice < 0.55)
            {
                final int m = random.nextInt(MARKETS.length);
                final double move = 1 + (random.nextDouble() - 0.52) * 0.05;
                marks[m] = marks[m].multiply(BigDecimal.valueOf(move)).setScale(2, RoundingMode.HALF_EVEN).max(new BigDecimal("1"));
                apply(tick(m));
            }
            else if (choice < 0.97 && !orders.isEmpty())
            {
                fillAnOrder(random);
            }
            else
            {
                deposit(1 + random.nextInt(ACCOUNTS), money(random, 10, 500));
            }
        }

        final String where = "seed " + seed;
        assertTrue(liquidationFills >= 100, where + ": only " + liquidationFills + " liquidation fills");
        assertTrue(penaltiesCharged >= 20, where + ": only " + penaltiesCharged + " penalties charged");
        assertTrue(badDebts >= 1, where + ": no bad debt");

        assertEquals(chargedE8, rewardsE8 + fundPartsE8, where + ": penalties = rewards + fund parts");
        assertEquals(fundPartsE8, penaltyMovementsE8, where + ": fund parts = PENALTY movements");
        assertEquals(rewardsE8, harness.engine().liquidatorRewardsE8(), where + ": liquidators' total");
        assertEquals(movementsE8, harness.engine().insuranceFundBalanceE8(), where + ": fund = sum of movements");
        assertEquals(lastBalanceE8, harness.engine().insuranceFundBalanceE8(), where + ": fund = last movement's balance");
        assertEquals(e8(FUND_DEPOSIT) + fundPartsE8 - coveredE8, harness.engine().insuranceFundBalanceE8(),
            where + ": fund = deposits + fund parts - covered");

        long expectedTotalE8 = 0;
        long actualTotalE8 = 0;
        for (final Map.Entry<Long, Long> account : expectedCashE8.entrySet())
        {
            assertEquals(account.getValue().longValue(), harness.engine().quoteCashE8(account.getKey()),
                where + ": cash of account " + account.getKey());
            expectedTotalE8 += account.getValue();
            actualTotalE8 += harness.engine().quoteCashE8(account.getKey());
        }
        assertEquals(expectedTotalE8, actualTotalE8, where + ": total quote cash");
    }

    private void openPosition(final SplittableRandom random)
    {
        final long account = 1 + random.nextInt(ACCOUNTS);
        final int m = random.nextInt(MARKETS.length);
        final BigDecimal notional = money(random, 500, 15_000);
        BigDecimal size = notional.divide(marks[m], 2, RoundingMode.DOWN).max(new BigDecimal("0.01"));
        if (random.nextBoolean())
        {
            size = size.negate();
        }
        apply("{\"type\":\"fill\",\"account\":" + account + ",\"market\":\"" + MARKETS[m] + "\",\"size\":\"" +
            size.toPlainString() + "\",\"price\":\"" + marks[m].toPlainString() + "\"}");
        trade(account, size, marks[m]);
    }

    private void fillAnOrder(final SplittableRandom random)
    {
        final List<Long> ids = new ArrayList<>(orders.keySet());
        final long orderId = ids.get(random.nextInt(ids.size()));
        final Order order = orders.get(orderId);
        BigDecimal size = order.remaining;
        if (random.nextDouble() < 0.4)
        {
            size = order.remaining.multiply(BigDecimal.valueOf(random.nextDouble())).setScale(2, RoundingMode.DOWN);
            if (size.signum() <= 0)
            {
                size = order.remaining;
            }
        }
        // SELL fills mostly below the limit (worse for the account), BUY fills mostly above it
        final double slip = (random.nextDouble() - 0.7) * 0.1;
        final BigDecimal factor = BigDecimal.valueOf(order.sell ? 1 + slip : 1 - slip);
        final BigDecimal price = order.limit.multiply(factor).setScale(2, RoundingMode.HALF_EVEN).max(new BigDecimal("0.01"));

        final List<String> outputs = apply("{\"type\":\"liquidationFill\",\"order\":" + orderId + ",\"size\":\"" +
            size.toPlainString() + "\",\"price\":\"" + price.toPlainString() + "\"}");
        liquidationFills++;
        trade(order.account, order.sell ? size.negate() : size, price);
        order.remaining = order.remaining.subtract(size);
        if (order.remaining.signum() == 0)
        {
            orders.remove(orderId);
        }
        final BigDecimal rate = new BigDecimal(PENALTY_RATES[order.market]);
        final long nominalE8 = e8(size.multiply(price).setScale(8, RoundingMode.CEILING).multiply(rate)
            .setScale(8, RoundingMode.CEILING));
        for (final String line : outputs)
        {
            final JsonNode output = read(line);
            if (output.get("type").asText().equals("liquidationPenalty"))
            {
                assertTrue(e8(output, "penalty") <= nominalE8, "seed " + seed + ": penalty above nominal: " + line);
                assertEquals(e8(output, "penalty"), e8(output, "liquidatorReward") + e8(output, "insuranceFund"),
                    "seed " + seed + ": " + line);
            }
        }
    }

    private void deposit(final long account, final BigDecimal amount)
    {
        apply("{\"type\":\"deposit\",\"account\":" + account + ",\"asset\":\"USDC\",\"amount\":\"" + amount.toPlainString() + "\"}");
        expectedCashE8.merge(account, e8(amount), Long::sum);
    }

    /** The account's trade of signed size at price: cash += floor(-size x price), exactly. */
    private void trade(final long account, final BigDecimal signedSize, final BigDecimal price)
    {
        final long cashDeltaE8 = e8(signedSize.negate().multiply(price).setScale(8, RoundingMode.FLOOR));
        expectedCashE8.merge(account, cashDeltaE8, Long::sum);
    }

    /** Applies one line and books every output it caused. */
    private List<String> apply(final String line)
    {
        final List<String> outputs = harness.applyLine(line);
        for (final String text : outputs)
        {
            final JsonNode output = read(text);
            switch (output.get("type").asText())
            {
                case "liquidationOrder":
                    orders.put(output.get("order").asLong(), new Order(
                        output.get("account").asLong(),
                        List.of(MARKETS).indexOf(output.get("market").asText()),
                        output.get("side").asText().equals("SELL"),
                        new BigDecimal(output.get("size").asText()),
                        new BigDecimal(output.get("limitPrice").asText())));
                    break;
                case "liquidationPenalty":
                    final long penaltyE8 = e8(output, "penalty");
                    chargedE8 += penaltyE8;
                    rewardsE8 += e8(output, "liquidatorReward");
                    fundPartsE8 += e8(output, "insuranceFund");
                    expectedCashE8.merge(output.get("account").asLong(), -penaltyE8, Long::sum);
                    penaltiesCharged += penaltyE8 > 0 ? 1 : 0;
                    break;
                case "insuranceFund":
                    final long amountE8 = e8(output, "amount");
                    movementsE8 += amountE8;
                    assertEquals(lastBalanceE8 + amountE8, e8(output, "balance"), "seed " + seed + ": running balance " + text);
                    lastBalanceE8 = e8(output, "balance");
                    final String kind = output.get("kind").asText();
                    if (kind.equals("PENALTY"))
                    {
                        penaltyMovementsE8 += amountE8;
                    }
                    else if (kind.equals("BAD_DEBT"))
                    {
                        badDebts++;
                        coveredE8 -= amountE8;
                        assertTrue(e8(output, "uncovered") >= 0, "seed " + seed + ": " + text);
                        expectedCashE8.merge(output.get("account").asLong(), -amountE8, Long::sum);
                    }
                    break;
                default:
                    fail("seed " + seed + ": unexpected output " + text + " for " + line);
            }
        }
        return outputs;
    }

    private static String tickLine(final String market, final BigDecimal price)
    {
        return "{\"type\":\"tick\",\"source\":\"feed\",\"market\":\"" + market + "\",\"price\":\"" + price.toPlainString() + "\"}";
    }

    private String tick(final int m)
    {
        return tickLine(MARKETS[m], marks[m]);
    }

    private static BigDecimal money(final SplittableRandom random, final int from, final int to)
    {
        return BigDecimal.valueOf(from * 100L + random.nextLong((to - from) * 100L), 2);
    }

    private static long e8(final BigDecimal value)
    {
        return value.movePointRight(8).longValueExact();
    }

    private static long e8(final JsonNode output, final String field)
    {
        return e8(new BigDecimal(output.get(field).asText()));
    }

    private static JsonNode read(final String line)
    {
        try
        {
            return JSON.readTree(line);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(line, ex);
        }
    }

    /** An outstanding liquidation order as the outputs told it. */
    private static final class Order
    {
        final long account;
        final int market;
        final boolean sell;
        final BigDecimal limit;
        BigDecimal remaining;

        Order(final long account, final int market, final boolean sell, final BigDecimal remaining, final BigDecimal limit)
        {
            this.account = account;
            this.market = market;
            this.sell = sell;
            this.remaining = remaining;
            this.limit = limit;
        }
    }
}

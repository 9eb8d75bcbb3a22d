package tripwire.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.risk.StalePrices;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.AutoDeleverageTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.OracleTable;
import tripwire.engine.state.PositionCostStore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AutoDeleverager} on state set up directly in its tables, so that what it must not touch can be
 * compared byte for byte, and so that states no scenario reaches cheaply (cash at the range bound, equity of
 * one unit) can be built. Market 0 ("BTC") auto-deleverages, mark 8800, maintenance 5 %; market 1 does not.
 */
class AutoDeleveragerTest
{
    private static final long ONE = FixedPoint.SCALE;
    private static final int USDC = 0;
    private static final int WETH = 1;
    private static final int WBTC = 2;
    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final long BANKRUPTCY_PRICE_E8 = 9000 * ONE;

    private final AssetTable assets = new AssetTable(3);
    private final MarketTable markets = new MarketTable(2);
    private final AccountStore accounts = new AccountStore(8, 3, 2);
    private final PositionCostStore costs = new PositionCostStore(8, 2);
    private final AutoDeleverageTable autoDeleverageMarkets = new AutoDeleverageTable(2);
    private final MarginScheduleTable schedules = new MarginScheduleTable(2);
    private final List<String> outputs = new ArrayList<>();
    private final OutputJson json = new OutputJson(m -> m == BTC ? "BTC" : "ETH", a -> "A" + a);
    private final OutputPublisher publisher =
        new OutputPublisher((outSeq, timeNs, buffer, offset, length) -> outputs.add(json.render(buffer, offset, length)));
    private final AutoDeleverager deleverager = new AutoDeleverager(
        accounts, assets, markets, autoDeleverageMarkets, costs, new MarginCalculator(
            accounts, assets, markets, schedules, new StalePrices(new OracleTable(2), new OracleTable(3))), publisher);

    AutoDeleveragerTest()
    {
        assets.define(USDC, true, 0, bytes("USDC"), 4);
        assets.define(WETH, false, 0, bytes("WETH"), 4);
        assets.define(WBTC, false, 0, bytes("WBTC"), 4);
        assets.price(WETH, ONE, 0);
        assets.price(WBTC, ONE, 0);
        markets.define(BTC, 10_000_000L, 5_000_000L, bytes("BTC"), 3);
        markets.define(ETH, 10_000_000L, 5_000_000L, bytes("ETH"), 3);
        for (final int marketId : new int[]{BTC, ETH})
        {
            // A single-tier schedule at the market's own rates, as a v1 market definition writes it.
            schedules.schedule(marketId, 1, 0);
            schedules.tier(marketId, 0, 0, 5_000_000L, 10_000_000L, 0, 0);
            schedules.volatility(marketId, 0, FixedPoint.SCALE);
        }
        markets.markPrice(BTC, 8800 * ONE, 0);
        markets.markPrice(ETH, 2000 * ONE, 0);
        autoDeleverageMarkets.autoDeleverage(BTC, true);
    }

    @Test
    void onlyADebtTheFundCannotCoverIsDeleveraged()
    {
        assertTrue(AutoDeleverager.isDue(-1, 0), "a debt and an empty fund");
        assertTrue(AutoDeleverager.isDue(-200 * ONE, 199 * ONE), "a debt larger than the fund");
        assertEquals(false, AutoDeleverager.isDue(-200 * ONE, 200 * ONE), "a debt the fund covers exactly");
        assertEquals(false, AutoDeleverager.isDue(-200 * ONE, 1_000 * ONE), "a debt the fund covers");
        assertEquals(false, AutoDeleverager.isDue(0, 0), "no debt");
        assertEquals(false, AutoDeleverager.isDue(5 * ONE, 0), "positive equity");
        assertEquals(false, AutoDeleverager.isDue(FixedPoint.MAX_E8, FixedPoint.MAX_E8), "both at the range rule's bound");
        assertTrue(AutoDeleverager.isDue(-FixedPoint.MAX_E8, FixedPoint.MAX_E8 - 1), "a debt at the bound, one unit short");
    }

    @Test
    void accountsWithoutAPositionInTheMarketAreNeverTouched()
    {
        final int bankrupt = open(1, -9000 * ONE, BTC, ONE, 10000 * ONE);
        final int collateralOnly = open(2, 5000 * ONE, BTC, 0, 0);
        final int otherMarketOnly = open(3, 3000 * ONE, ETH, -ONE, 2000 * ONE);
        final int candidate = open(4, 10000 * ONE, BTC, -ONE / 2, 10000 * ONE);
        final int laterCollateralOnly = open(5, 100 * ONE, BTC, 0, 0);
        final byte[][] before = {
            record(collateralOnly), record(otherMarketOnly), record(laterCollateralOnly),
            costs(collateralOnly), costs(otherMarketOnly), costs(laterCollateralOnly)};

        deleverager.begin();
        final long restE8 = deleverager.deleverage(bankrupt, BTC, BANKRUPTCY_PRICE_E8, 7, 70);

        assertEquals(ONE / 2, restE8, "account 4 can take 0.5 of the 1");
        assertEquals(List.of(deleverage(1, 4, "SELL", "0.5")), outputs);
        final byte[][] after = {
            record(collateralOnly), record(otherMarketOnly), record(laterCollateralOnly),
            costs(collateralOnly), costs(otherMarketOnly), costs(laterCollateralOnly)};
        for (int i = 0; i < before.length; i++)
        {
            assertArrayEquals(before[i], after[i], "bytes of bystander record " + i);
        }
        assertEquals(1, deleverager.counterpartyCount());
        assertEquals(candidate, deleverager.counterparty(0));
    }

    @Test
    void bothSidesSettleLikeFillsAtTheBankruptcyPrice()
    {
        final int bankrupt = open(1, -9000 * ONE, BTC, ONE, 10000 * ONE);
        final int candidate = open(2, 10000 * ONE, BTC, -ONE / 2, 10000 * ONE);

        deleverager.begin();
        deleverager.deleverage(bankrupt, BTC, BANKRUPTCY_PRICE_E8, 7, 70);

        // bankrupt: sells 0.5 at 9000: cash -9000 + 4500, long 0.5, cost floor(10000 x 0.5 / 1) = 5000
        assertEquals(-4500 * ONE, accounts.balanceE8(bankrupt, USDC));
        assertEquals(ONE / 2, accounts.sizeE8(bankrupt, BTC));
        assertEquals(5000 * ONE, costs.costE8(bankrupt, BTC));
        // candidate: buys 0.5 at 9000: cash 10000 - 4500, flat, cost 0
        assertEquals(5500 * ONE, accounts.balanceE8(candidate, USDC));
        assertEquals(0, accounts.sizeE8(candidate, BTC));
        assertEquals(0, costs.costE8(candidate, BTC));
        assertEquals(0, accounts.marketMembers(BTC).size() - 1, "the flat candidate left the market's members");
    }

    @Test
    void candidateWhoseTradeWouldBreakTheRangeRuleIsSkipped()
    {
        final int bankrupt = open(1, -9000 * ONE, BTC, ONE, 10000 * ONE);
        // account 2: short 0.5 (cost -5000) with cash -MAX_E8 + 4450 and 2^58 of collateral in two assets:
        // E = 4450 - 4400 = 50, uPnL 600, N 4400: score floor(600 x 4400 / 50) = 52800, the best;
        // but buying 0.5 at 9000 would take its cash to -MAX_E8 - 50: skipped
        final int nearBound = open(2, -FixedPoint.MAX_E8 + 4450 * ONE, BTC, -ONE / 2, 10000 * ONE);
        accounts.balance(nearBound, WETH, FixedPoint.MAX_E8 / 2, true);
        accounts.balance(nearBound, WBTC, FixedPoint.MAX_E8 / 2, true);
        // account 3: short 0.5, cash 10000: E 5600, score 471.42857142
        final int ordinary = open(3, 10000 * ONE, BTC, -ONE / 2, 10000 * ONE);
        final byte[] nearBoundBefore = record(nearBound);

        deleverager.begin();
        final long restE8 = deleverager.deleverage(bankrupt, BTC, BANKRUPTCY_PRICE_E8, 7, 70);

        assertEquals(List.of(deleverage(1, 3, "SELL", "0.5")), outputs);
        assertEquals(ONE / 2, restE8);
        assertArrayEquals(nearBoundBefore, record(nearBound));
        assertEquals(0, accounts.sizeE8(ordinary, BTC));
    }

    @Test
    void saturatedScoresTieAndFallBackOnTheAccountIndex()
    {
        final int bankrupt = open(1, -9000 * ONE, BTC, ONE, 10000 * ONE);
        // accounts 9 (index 1) and 8 (index 2): short 0.5, E = one unit of 10^-8, uPnL 600, N 4400:
        // 600 x 4400 / 0.00000001 does not fit a long: both scores saturate to Long.MAX_VALUE
        final int first = open(9, 4400 * ONE + 1, BTC, -ONE / 2, 10000 * ONE);
        final int second = open(8, 4400 * ONE + 1, BTC, -ONE / 2, 10000 * ONE);
        // account 7 (index 3): an ordinary score
        open(7, 10000 * ONE, BTC, -ONE / 2, 10000 * ONE);

        deleverager.begin();
        deleverager.deleverage(bankrupt, BTC, BANKRUPTCY_PRICE_E8, 7, 70);

        assertEquals(List.of(deleverage(1, 9, "SELL", "0.5"), deleverage(1, 8, "SELL", "0.5")), outputs);
        assertEquals(2, deleverager.counterpartyCount());
        assertEquals(first, deleverager.counterparty(0));
        assertEquals(second, deleverager.counterparty(1));
    }

    @Test
    void candidatesNeedPositiveEquityAndNoOutstandingOrder()
    {
        final int bankrupt = open(1, -9000 * ONE, BTC, ONE, 10000 * ONE);
        // account 2: E = 4400 - 4400 = 0: not a candidate
        open(2, 4400 * ONE, BTC, -ONE / 2, 10000 * ONE);
        // account 3: an outstanding order on its BTC position: not a candidate
        final int ordered = open(3, 10000 * ONE, BTC, -ONE / 2, 10000 * ONE);
        accounts.order(ordered, BTC, 5, ONE / 2, tripwire.codecs.Side.BUY.value());

        deleverager.begin();
        final long restE8 = deleverager.deleverage(bankrupt, BTC, BANKRUPTCY_PRICE_E8, 7, 70);

        assertTrue(outputs.isEmpty());
        assertEquals(ONE, restE8);
        assertEquals(0, deleverager.counterpartyCount());
    }

    @Test
    void counterpartiesAreListedOnceInTheOrderFirstDeleveraged()
    {
        autoDeleverageMarkets.autoDeleverage(ETH, true);
        final int bankrupt = open(1, -11000 * ONE, BTC, ONE, 10000 * ONE);
        accounts.size(bankrupt, ETH, ONE);
        // account 2: short 0.5 BTC and 1 ETH, E = 8000 - 4400 - 2000 = 1600: BTC score 1650, ahead of account 3's
        // 471.42857142; it then takes the ETH position too, and is still listed once
        final int both = open(2, 8000 * ONE, BTC, -ONE / 2, 10000 * ONE);
        accounts.size(both, ETH, -ONE);
        final int btcOnly = open(3, 10000 * ONE, BTC, -ONE / 2, 10000 * ONE);

        deleverager.begin();
        deleverager.deleverage(bankrupt, BTC, BANKRUPTCY_PRICE_E8, 7, 70);
        deleverager.deleverage(bankrupt, ETH, 2200 * ONE, 7, 70);

        assertEquals(3, outputs.size(), "BTC: accounts 2 and 3; ETH: account 2");
        assertTrue(outputs.get(2).contains("\"counterparty\":2,\"market\":\"ETH\""), outputs.get(2));
        assertEquals(2, deleverager.counterpartyCount());
        assertEquals(both, deleverager.counterparty(0));
        assertEquals(btcOnly, deleverager.counterparty(1));
        deleverager.begin();
        assertEquals(0, deleverager.counterpartyCount());
    }

    /** Opens an account with quote cash and, when sizeE8 != 0, a position opened at costPriceE8. */
    private int open(final long accountId, final long cashE8, final int marketId, final long sizeE8, final long costPriceE8)
    {
        final int index = accounts.open(accountId);
        accounts.balance(index, USDC, cashE8, false);
        if (sizeE8 != 0)
        {
            costs.onTrade(index, marketId, 0, sizeE8, costPriceE8);
            accounts.size(index, marketId, sizeE8);
        }
        return index;
    }

    private byte[] record(final int index)
    {
        final byte[] bytes = new byte[accounts.recordLength()];
        accounts.buffer().getBytes(index * accounts.recordLength(), bytes);
        return bytes;
    }

    private byte[] costs(final int index)
    {
        final byte[] bytes = new byte[costs.recordLength()];
        costs.buffer().getBytes(index * costs.recordLength(), bytes);
        return bytes;
    }

    private static String deleverage(final long account, final long counterparty, final String side, final String size)
    {
        return "{\"type\":\"deleverage\",\"seq\":7,\"account\":" + account + ",\"counterparty\":" + counterparty +
            ",\"market\":\"BTC\",\"side\":\"" + side + "\",\"size\":\"" + size + "\",\"price\":\"9000\"}";
    }

    private static byte[] bytes(final String name)
    {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}

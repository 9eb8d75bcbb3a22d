package tripwire.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tripwire.engine.state.PositionCostStore.costAfterTradeE8;

/**
 * The cost-basis rules of docs/risk-model.md section 7, figure by figure: opening, adding, reducing (with its
 * floor), closing, flipping. Figures are E8: {@code 100_00000000L} is 100.
 */
class PositionCostStoreTest
{
    private static final long ONE = 1_00000000L;

    @Test
    void openingLongCostsWhatWasPaid()
    {
        // s = 0, buy 2 at 100: c = floor(-200) = -200, cost = 0 - (-200) = 200
        assertEquals(200 * ONE, costAfterTradeE8(0, 0, 2 * ONE, 100 * ONE));
    }

    @Test
    void openingShortHasNegativeCost()
    {
        // s = 0, sell 2 at 100: c = floor(200) = 200, cost = -200
        assertEquals(-200 * ONE, costAfterTradeE8(0, 0, -2 * ONE, 100 * ONE));
    }

    @Test
    void addingAccumulatesCashPaid()
    {
        // s = 2, cost 200, buy 1 at 130: c = -130, cost = 330
        assertEquals(330 * ONE, costAfterTradeE8(200 * ONE, 2 * ONE, ONE, 130 * ONE));
        // s = -2, cost -200, sell 1 at 130: c = 130, cost = -330
        assertEquals(-330 * ONE, costAfterTradeE8(-200 * ONE, -2 * ONE, -ONE, 130 * ONE));
    }

    @Test
    void addingUsesTheFlooredCashMove()
    {
        // buy 10^-8 at 0.5: c = floor(-0.5 units of 10^-8) = -1 unit, so cost rises by 1 unit
        assertEquals(200 * ONE + 1, costAfterTradeE8(200 * ONE, 2 * ONE, 1, ONE / 2));
        // sell 10^-8 at 0.5: c = floor(+0.5 units) = 0, so a short's cost does not move
        assertEquals(-200 * ONE, costAfterTradeE8(-200 * ONE, -2 * ONE, -1, ONE / 2));
    }

    @Test
    void reducingKeepsTheProportionalCostWhateverThePrice()
    {
        // s = 3, cost 330, sell 1 at 999: cost = floor(330 x 2 / 3) = 220
        assertEquals(220 * ONE, costAfterTradeE8(330 * ONE, 3 * ONE, -ONE, 999 * ONE));
    }

    @Test
    void reducingRoundsTheCostDown()
    {
        // s = 3, cost 100, sell 1: floor(100 x 2 / 3) = floor(66.666666666...) = 66.66666666
        assertEquals(66_66666666L, costAfterTradeE8(100 * ONE, 3 * ONE, -ONE, 50 * ONE));
        // s = -3, cost -100, buy 1: floor(-100 x -2 / -3) = floor(-66.666666666...) = -66.66666667
        assertEquals(-66_66666667L, costAfterTradeE8(-100 * ONE, -3 * ONE, ONE, 50 * ONE));
    }

    @Test
    void closingLeavesNoCost()
    {
        assertEquals(0, costAfterTradeE8(330 * ONE, 3 * ONE, -3 * ONE, 120 * ONE));
        assertEquals(0, costAfterTradeE8(-330 * ONE, -3 * ONE, 3 * ONE, 120 * ONE));
    }

    @Test
    void flippingKeepsOnlyTheNewSidesCost()
    {
        // s = 2, cost 200, sell 5 at 90: new s = -3, cost = -floor(3 x 90) = -270
        assertEquals(-270 * ONE, costAfterTradeE8(200 * ONE, 2 * ONE, -5 * ONE, 90 * ONE));
        // s = -1, cost -100, buy 3 at 90.5: new s = 2, cost = -floor(-2 x 90.5) = 181
        assertEquals(181 * ONE, costAfterTradeE8(-100 * ONE, -ONE, 3 * ONE, 90_50000000L));
        // new s = +10^-8 at 0.5: cost = -floor(-0.5 units) = 1 unit
        assertEquals(1, costAfterTradeE8(-100 * ONE, -ONE, ONE + 1, ONE / 2));
    }

    @Test
    void storeKeepsOneCostPerAccountAndMarket()
    {
        final PositionCostStore store = new PositionCostStore(4, 3);
        store.onTrade(1, 2, 0, 2 * ONE, 100 * ONE);
        store.onTrade(1, 2, 2 * ONE, ONE, 130 * ONE);
        store.onTrade(2, 0, 0, -ONE, 50 * ONE);

        assertEquals(330 * ONE, store.costE8(1, 2));
        assertEquals(-50 * ONE, store.costE8(2, 0));
        assertEquals(0, store.costE8(1, 0));
        assertEquals(0, store.costE8(2, 2));
        assertEquals(3 * Long.BYTES, store.recordLength());
    }
}

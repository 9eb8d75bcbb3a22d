package tripwire.engine.risk;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.OracleTable;
import tripwire.engine.state.PartialLiquidationCooldowns;
import tripwire.engine.state.PartialLiquidationTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sizing rules of docs/risk-model.md section 4 on {@link PartialLiquidationSizer} directly, with the
 * penalty rate f as an input (the engine passes the penalty table's rate at merge, 0 until then).
 */
class PartialLiquidationSizerTest
{
    private static final long ONE = 100_000_000L;
    private static final int PARTIAL = 0;
    private static final int OTHER_PARTIAL = 1;
    private static final int WHOLE = 2;

    private final AssetTable assets = new AssetTable(2);
    private final MarketTable markets = new MarketTable(4);
    private final AccountStore accounts = new AccountStore(4, 2, 4);
    private final PartialLiquidationTable parameters = new PartialLiquidationTable(4);
    private final PartialLiquidationCooldowns cooldowns = new PartialLiquidationCooldowns(4);
    private final MarginScheduleTable schedules = new MarginScheduleTable(4);
    private final PartialLiquidationSizer sizer =
        new PartialLiquidationSizer(parameters, cooldowns, new MarginCalculator(
            accounts, assets, markets, schedules, new StalePrices(new OracleTable(4), new OracleTable(2))));
    private int account;

    @BeforeEach
    void defineMarkets()
    {
        final byte[] name = "M".getBytes(StandardCharsets.US_ASCII);
        for (int m = 0; m < 3; m++)
        {
            markets.define(m, 2 * ONE / 10, ONE / 10, name, name.length);
            // A single-tier schedule at the market's own rates, as a v1 market definition writes it.
            schedules.schedule(m, 1, 0);
            schedules.tier(m, 0, 0, ONE / 10, 2 * ONE / 10, 0, 0);
            schedules.volatility(m, 0, ONE);
        }
        parameters.define(PARTIAL, true, 0, 0, 0, 0);
        parameters.define(OTHER_PARTIAL, true, 0, 0, 0, 0);
        account = accounts.open(1);
    }

    @Test
    void shouldReproduceDriftsPublishedExample()
    {
        // Shortage 10, price 100, margin ratio 10 %, fee 1 %: k = 10 - 1 = 9 per contract, x = ceil(10 / 9).
        final long releasedE8 = PartialLiquidationSizer.releasedPerContractE8(100 * ONE, ONE / 10, 0, ONE / 100);
        assertEquals(9 * ONE, releasedE8);
        assertEquals(111_111_112L, PartialLiquidationSizer.contractsToCoverE8(10 * ONE, releasedE8));
    }

    @Test
    void shouldSizeDriftsExampleThroughTheSizerWithThePenaltyAsInput()
    {
        // 10 contracts at 100: MM = 100; E = 90: S = 10.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertEquals(111_111_112L, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, ONE / 100));
    }

    @Test
    void shouldApplyTheBufferToTheShortageAndToTheReleasedMargin()
    {
        // S = ceil(950 x 1.02) - 500 = 469; k = floor(95 x floor(0.1 x 1.02)) = 9.69; x = ceil(469 / 9.69).
        parameters.define(PARTIAL, true, 2 * ONE / 100, 0, 0, 0);
        assertEquals(469 * ONE, PartialLiquidationSizer.initialShortageE8(500 * ONE, 950 * ONE, 2 * ONE / 100));
        assertEquals(969_000_000L, PartialLiquidationSizer.releasedPerContractE8(95 * ONE, ONE / 10, 2 * ONE / 100, 0));
        sizer.begin(account, 500 * ONE, 950 * ONE, 0);
        assertEquals(4_840_041_280L, sizer.orderSizeE8(PARTIAL, 100 * ONE, 95 * ONE, 0));
    }

    @Test
    void shouldCloseWholeWhenTheReleasedMarginPerContractIsNotPositive()
    {
        // k = floor(0.00000005 x 0.1) = 0: nothing released per contract.
        sizer.begin(account, 0, 1, 0);
        assertEquals(0, PartialLiquidationSizer.releasedPerContractE8(5, ONE / 10, 0, 0));
        assertEquals(7 * ONE, sizer.orderSizeE8(PARTIAL, 7 * ONE, 5, 0));

        // A penalty above the buffered rate: k < 0.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertTrue(PartialLiquidationSizer.releasedPerContractE8(100 * ONE, ONE / 10, 0, ONE / 5) < 0);
        assertEquals(10 * ONE, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, ONE / 5));
    }

    @Test
    void shouldCarryTheShortageAndGiveNoOrderToLaterPartialPositionsOnceCovered()
    {
        // S = 10 at the first position; k = 10: 0.5 contracts close whole and release 5; then 0.5 of the next
        // (partial, S = 0); then no order in a partial market, the whole position in a v1 market.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertEquals(ONE / 2, sizer.orderSizeE8(PARTIAL, ONE / 2, 100 * ONE, 0));
        assertEquals(ONE / 2, sizer.orderSizeE8(OTHER_PARTIAL, 10 * ONE, 100 * ONE, 0));
        assertEquals(PartialLiquidationSizer.NO_ORDER, sizer.orderSizeE8(PARTIAL, 3 * ONE, 100 * ONE, 0));
        assertEquals(3 * ONE, sizer.orderSizeE8(WHOLE, 3 * ONE, 100 * ONE, 0));
    }

    @Test
    void shouldTakeTheShortageBufferFromTheFirstPartialMarketVisited()
    {
        parameters.define(PARTIAL, true, ONE / 10, 0, 0, 0);
        parameters.define(OTHER_PARTIAL, true, 0, 0, 0, 0);
        // First visited: OTHER_PARTIAL (b = 0): S = 100 - 90 = 10, k = 10, x = 1.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertEquals(ONE, sizer.orderSizeE8(OTHER_PARTIAL, 10 * ONE, 100 * ONE, 0));
        // First visited: PARTIAL (b = 0.1): S = 110 - 90 = 20, k = floor(100 x 0.11) = 11, x = ceil(20 / 11).
        sizer.begin(account, 90 * ONE, 100 * ONE, 10);
        assertEquals(181_818_182L, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, 0));
    }

    @Test
    void shouldRaiseAPartialStepToTheMinimumNotionalButNotBeyondThePosition()
    {
        parameters.define(PARTIAL, true, 0, 500 * ONE, 0, 0);
        // S = 10, k = 10: x = 1 contract, notional 100 < 500: ceil(500 / 100) = 5 contracts.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertEquals(5 * ONE, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, 0));
        // |s| = 5.00000001, N = 500.000001 > 500: not small; x raised to 5, capped at |s|: still below it.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertEquals(5 * ONE, sizer.orderSizeE8(PARTIAL, 5 * ONE + 1, 100 * ONE, 0));
        // |s| = 5, N = 500 <= 500: small, closed whole.
        sizer.begin(account, 90 * ONE, 100 * ONE, 0);
        assertEquals(5 * ONE, sizer.orderSizeE8(PARTIAL, 5 * ONE, 100 * ONE, 0));
    }

    @Test
    void shouldCompareTheBackstopExactlyBeyondSixtyFourBits()
    {
        // 5e17 x 1e8 = 5e25 = 0.5e8 x 1e18: equal is not below.
        final long maintenanceE8 = 1_000_000_000_000_000_000L;
        assertFalse(PartialLiquidationSizer.isBackstop(500_000_000_000_000_000L, maintenanceE8, ONE / 2));
        assertTrue(PartialLiquidationSizer.isBackstop(499_999_999_999_999_999L, maintenanceE8, ONE / 2));
        assertTrue(PartialLiquidationSizer.isBackstop(-1, maintenanceE8, 0));
        assertFalse(PartialLiquidationSizer.isBackstop(0, maintenanceE8, 0));
        assertTrue(PartialLiquidationSizer.isBackstop(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, ONE));
    }

    @Test
    void shouldCloseWholeUnderTheBackstopEvenDuringTheCooldown()
    {
        parameters.define(PARTIAL, true, 0, 0, ONE / 2, 1_000);
        cooldowns.recordPartialOrder(account, 0);
        // E = 49 < 0.5 x 100: backstop.
        sizer.begin(account, 49 * ONE, 100 * ONE, 10);
        assertEquals(10 * ONE, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, 0));
        // E = 50: no backstop; the partial step waits for t = 1000.
        sizer.begin(account, 50 * ONE, 100 * ONE, 999);
        assertEquals(PartialLiquidationSizer.NO_ORDER, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, 0));
        sizer.begin(account, 50 * ONE, 100 * ONE, 1_000);
        assertEquals(5 * ONE, sizer.orderSizeE8(PARTIAL, 10 * ONE, 100 * ONE, 0));
    }

    @Test
    void shouldCountTheCooldownInEventTimeAcrossTheWholeLongRange()
    {
        assertFalse(cooldowns.isCoolingDown(account, Long.MIN_VALUE, Long.MAX_VALUE), "no partial order yet");
        cooldowns.recordPartialOrder(account, -100);
        assertTrue(cooldowns.isCoolingDown(account, -51, 50));
        assertFalse(cooldowns.isCoolingDown(account, -50, 50));
        cooldowns.recordPartialOrder(account, Long.MAX_VALUE - 5);
        assertTrue(cooldowns.isCoolingDown(account, Long.MAX_VALUE - 1, 100), "t + cooldown saturates");
        assertFalse(cooldowns.isCoolingDown(account, Long.MAX_VALUE, 100));
    }

    @Test
    void shouldGiveEveryPositionOfAVersionOneMarketItsWholeSize()
    {
        sizer.begin(account, -5 * ONE, 100 * ONE, 0);
        assertEquals(7 * ONE, sizer.orderSizeE8(WHOLE, 7 * ONE, 100 * ONE, 0));
    }
}

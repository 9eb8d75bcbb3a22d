package tripwire.postmortem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

import tripwire.codecs.DeleverageDecoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.InsuranceFundMovementDecoder;
import tripwire.codecs.InsuranceFundMovementKind;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.LiquidationPenaltyDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.math.FixedPoint;
import tripwire.replay.TemplateCounts;

/**
 * Gathers a post-mortem's facts while a journal replays: time span, counts by template, liquidations and
 * deleverages by market, the insurance fund's course, each liquidated account's losses, the largest orders and
 * deleverages; with {@code withSeries}, also each market's mark price over time with liquidation markers and the
 * fund's balance over time (for charts). Outputs are decoded with SBE flyweights. All money E8 quote, sizes E8
 * contracts, times event ns. Single-threaded; call {@link #finish} once after the replay.
 */
public final class IncidentFacts implements PostmortemListener
{
    /** How many of the largest orders and deleverages are kept. */
    public static final int TOP = 10;

    private final boolean withSeries;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final LiquidationPenaltyDecoder penalty = new LiquidationPenaltyDecoder();
    private final InsuranceFundMovementDecoder fund = new InsuranceFundMovementDecoder();
    private final DeleverageDecoder deleverage = new DeleverageDecoder();

    private final TemplateCounts inputsByTemplate = new TemplateCounts();
    private final TemplateCounts outputsByTemplate = new TemplateCounts();
    private long inputs;
    private long outputs;
    private long firstSeq = -1;
    private long lastSeq;
    private long firstTimeNs;
    private long lastTimeNs;

    private final Map<Integer, MarketFigures> markets = new HashMap<>();
    private final Map<Long, AccountLoss> losses = new HashMap<>();
    private final PriorityQueue<Order> largestOrders = new PriorityQueue<>(Comparator.comparingLong(Order::notionalE8));
    private final PriorityQueue<Deleverage> largestDeleverages =
        new PriorityQueue<>(Comparator.comparingLong(Deleverage::notionalE8));

    private boolean started;
    private long fundStartE8;
    private long fundBeforeFirstLiquidationE8 = Long.MIN_VALUE;
    private long fundEndE8;
    private long fundLowE8;
    private long fundLowTimeNs;
    private long fundDepositsE8;
    private long fundPenaltiesE8;
    private long badDebtCoveredE8;
    private long badDebtUncoveredE8;
    private long fundBalanceE8;

    final LongArrayList fundTimesNs = new LongArrayList();
    final LongArrayList fundBalancesE8 = new LongArrayList();
    final LongArrayList markerTimesNs = new LongArrayList();
    final LongArrayList markerPricesE8 = new LongArrayList();
    final LongArrayList markerMarketIds = new LongArrayList();

    public IncidentFacts(final boolean withSeries)
    {
        this.withSeries = withSeries;
    }

    @Override
    public void onStart(final LiquidationEngine engine)
    {
        fundStartE8 = engine.insuranceFundBalanceE8();
        fundBalanceE8 = fundStartE8;
        fundLowE8 = fundStartE8;
        fundLowTimeNs = engine.lastTimeNs();
    }

    @Override
    public void onInput(
        final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
        if (!started)
        {
            started = true;
            if (withSeries)
            {
                fundTimesNs.addLong(timeNs);
                fundBalancesE8.addLong(fundStartE8);
            }
        }
        inputs++;
        if (inputs == 1)
        {
            firstSeq = seq;
            firstTimeNs = timeNs;
        }
        lastSeq = seq;
        lastTimeNs = timeNs;
        final int templateId = inputsByTemplate.count(buffer, offset, length);
        if (withSeries && templateId == TickDecoder.TEMPLATE_ID &&
            length >= MessageHeaderDecoder.ENCODED_LENGTH + header.wrap(buffer, offset).blockLength())
        {
            tick.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (tick.instrumentKind() == InstrumentKind.MARKET && engine.isMarketDefined(tick.instrumentId()))
            {
                market(tick.instrumentId()).markPoint(timeNs, engine.markPriceE8(tick.instrumentId()));
            }
        }
    }

    @Override
    public void onOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
        outputs++;
        final int templateId = outputsByTemplate.count(buffer, offset, length);
        if (templateId == TemplateCounts.SHORT_FRAME ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.wrap(buffer, offset).blockLength())
        {
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case LiquidationOrderDecoder.TEMPLATE_ID -> onOrder(outSeq, buffer, body, engine);
            case LiquidationPenaltyDecoder.TEMPLATE_ID ->
            {
                penalty.wrap(buffer, body, header.blockLength(), header.version());
                loss(penalty.accountId()).penaltiesE8 += penalty.penaltyE8();
            }
            case InsuranceFundMovementDecoder.TEMPLATE_ID -> onFundMovement(buffer, body);
            case DeleverageDecoder.TEMPLATE_ID -> onDeleverage(outSeq, buffer, body);
            default ->
            {
            }
        }
    }

    private void onOrder(final long outSeq, final DirectBuffer buffer, final int body, final LiquidationEngine engine)
    {
        order.wrap(buffer, body, header.blockLength(), header.version());
        if (fundBeforeFirstLiquidationE8 == Long.MIN_VALUE)
        {
            fundBeforeFirstLiquidationE8 = fundBalanceE8;
        }
        final long notionalE8 = FixedPoint.mulE8Floor(order.sizeE8(), order.limitPriceE8());
        final MarketFigures market = market(order.marketId());
        market.liquidationOrders++;
        market.liquidatedNotionalE8 = addSaturating(market.liquidatedNotionalE8, notionalE8);
        final AccountLoss loss = loss(order.accountId());
        if (loss.orders == 0)
        {
            loss.firstOrderTimeNs = order.timeNs();
            loss.equityAtFirstOrderE8 = engine.accountFigures(order.accountId()).equityE8();
        }
        loss.orders++;
        loss.liquidatedNotionalE8 = addSaturating(loss.liquidatedNotionalE8, notionalE8);
        keep(largestOrders, new Order(outSeq, order.triggerSeq(), order.timeNs(), order.orderId(), order.accountId(),
            order.marketId(), order.side().name(), order.sizeE8(), order.limitPriceE8(), notionalE8));
        if (withSeries)
        {
            markerTimesNs.addLong(order.timeNs());
            markerPricesE8.addLong(engine.markPriceE8(order.marketId()));
            markerMarketIds.addLong(order.marketId());
        }
    }

    private void onFundMovement(final DirectBuffer buffer, final int body)
    {
        fund.wrap(buffer, body, header.blockLength(), header.version());
        final InsuranceFundMovementKind kind = fund.kind();
        if (kind == InsuranceFundMovementKind.DEPOSIT)
        {
            fundDepositsE8 += fund.amountE8();
        }
        else if (kind == InsuranceFundMovementKind.PENALTY)
        {
            fundPenaltiesE8 += fund.amountE8();
        }
        else if (kind == InsuranceFundMovementKind.BAD_DEBT)
        {
            if (fundBeforeFirstLiquidationE8 == Long.MIN_VALUE)
            {
                fundBeforeFirstLiquidationE8 = fundBalanceE8;
            }
            final AccountLoss loss = loss(fund.accountId());
            loss.badDebtCoveredE8 -= fund.amountE8();
            loss.badDebtUncoveredE8 += fund.uncoveredE8();
            badDebtCoveredE8 -= fund.amountE8();
            badDebtUncoveredE8 += fund.uncoveredE8();
            market(fund.marketId()).badDebtE8 += fund.uncoveredE8() - fund.amountE8();
        }
        fundBalanceE8 = fund.balanceE8();
        if (fundBalanceE8 < fundLowE8)
        {
            fundLowE8 = fundBalanceE8;
            fundLowTimeNs = fund.timeNs();
        }
        if (withSeries)
        {
            fundTimesNs.addLong(fund.timeNs());
            fundBalancesE8.addLong(fundBalanceE8);
        }
    }

    private void onDeleverage(final long outSeq, final DirectBuffer buffer, final int body)
    {
        deleverage.wrap(buffer, body, header.blockLength(), header.version());
        final long notionalE8 = FixedPoint.mulE8Floor(deleverage.sizeE8(), deleverage.priceE8());
        final MarketFigures market = market(deleverage.marketId());
        market.deleverages++;
        market.deleveragedNotionalE8 = addSaturating(market.deleveragedNotionalE8, notionalE8);
        final AccountLoss loss = loss(deleverage.accountId());
        loss.deleveragedNotionalE8 = addSaturating(loss.deleveragedNotionalE8, notionalE8);
        keep(largestDeleverages, new Deleverage(outSeq, deleverage.triggerSeq(), deleverage.timeNs(),
            deleverage.accountId(), deleverage.counterpartyId(), deleverage.marketId(), deleverage.side().name(),
            deleverage.sizeE8(), deleverage.priceE8(), notionalE8));
    }

    /** Call once after the replay: reads the fund's end balance and each liquidated account's end equity. */
    public void finish(final LiquidationEngine engine)
    {
        fundEndE8 = engine.insuranceFundBalanceE8();
        for (final Map.Entry<Long, AccountLoss> entry : losses.entrySet())
        {
            entry.getValue().equityAtEndE8 = engine.accountFigures(entry.getKey()).equityE8();
        }
        for (final Map.Entry<Integer, MarketFigures> entry : markets.entrySet())
        {
            entry.getValue().name = engine.marketName(entry.getKey());
        }
    }

    /** Markets with any liquidation, deleverage, bad debt or mark price, by market id. */
    public Map<Integer, MarketFigures> markets()
    {
        return new TreeMap<>(markets);
    }

    /**
     * Accounts with an order, penalty, bad debt or deleverage against them, largest bad debt first, then largest
     * liquidated notional, then account id.
     */
    public List<AccountLoss> losses()
    {
        final List<AccountLoss> sorted = new ArrayList<>(losses.values());
        sorted.sort(Comparator.comparingLong(AccountLoss::badDebtE8).reversed()
            .thenComparing(Comparator.comparingLong((AccountLoss loss) -> loss.liquidatedNotionalE8).reversed())
            .thenComparingLong(loss -> loss.accountId));
        return sorted;
    }

    /** The {@link #TOP} largest liquidation orders by notional (size x limit), largest first. */
    public List<Order> largestOrders()
    {
        final List<Order> sorted = new ArrayList<>(largestOrders);
        sorted.sort(Comparator.comparingLong(Order::notionalE8).reversed().thenComparingLong(Order::outSeq));
        return sorted;
    }

    /** The {@link #TOP} largest deleverages by notional (size x price), largest first. */
    public List<Deleverage> largestDeleverages()
    {
        final List<Deleverage> sorted = new ArrayList<>(largestDeleverages);
        sorted.sort(Comparator.comparingLong(Deleverage::notionalE8).reversed().thenComparingLong(Deleverage::outSeq));
        return sorted;
    }

    /**
     * Count by template id, of inputs or outputs: every id its own ({@link TemplateCounts#SHORT_FRAME} for a frame
     * shorter than a header).
     */
    public Map<Integer, Long> countsByTemplate(final boolean ofInputs)
    {
        return (ofInputs ? inputsByTemplate : outputsByTemplate).byTemplate();
    }

    public long inputs()
    {
        return inputs;
    }

    public long outputs()
    {
        return outputs;
    }

    public long firstSeq()
    {
        return firstSeq;
    }

    public long lastSeq()
    {
        return lastSeq;
    }

    public long firstTimeNs()
    {
        return firstTimeNs;
    }

    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    public long fundStartE8()
    {
        return fundStartE8;
    }

    /** The fund's balance before the first liquidation order or bad debt; the end balance when there was none. */
    public long fundBeforeFirstLiquidationE8()
    {
        return fundBeforeFirstLiquidationE8 == Long.MIN_VALUE ? fundEndE8 : fundBeforeFirstLiquidationE8;
    }

    public long fundEndE8()
    {
        return fundEndE8;
    }

    public long fundLowE8()
    {
        return fundLowE8;
    }

    public long fundLowTimeNs()
    {
        return fundLowTimeNs;
    }

    public long fundDepositsE8()
    {
        return fundDepositsE8;
    }

    public long fundPenaltiesE8()
    {
        return fundPenaltiesE8;
    }

    public long badDebtCoveredE8()
    {
        return badDebtCoveredE8;
    }

    public long badDebtUncoveredE8()
    {
        return badDebtUncoveredE8;
    }

    private MarketFigures market(final int marketId)
    {
        return markets.computeIfAbsent(marketId, id -> new MarketFigures());
    }

    private AccountLoss loss(final long accountId)
    {
        return losses.computeIfAbsent(accountId, AccountLoss::new);
    }

    private static <T> void keep(final PriorityQueue<T> top, final T item)
    {
        top.add(item);
        if (top.size() > TOP)
        {
            top.poll();
        }
    }

    private static long addSaturating(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** One market's liquidation figures and (with series) its mark price over time. */
    public static final class MarketFigures
    {
        String name;
        long liquidationOrders;
        long liquidatedNotionalE8;
        long deleverages;
        long deleveragedNotionalE8;
        long badDebtE8;
        final LongArrayList markTimesNs = new LongArrayList();
        final LongArrayList markPricesE8 = new LongArrayList();

        private void markPoint(final long timeNs, final long markE8)
        {
            final int n = markPricesE8.size();
            if (markE8 != 0 && (n == 0 || markPricesE8.getLong(n - 1) != markE8))
            {
                markTimesNs.addLong(timeNs);
                markPricesE8.addLong(markE8);
            }
        }

        public String name()
        {
            return name;
        }

        public long liquidationOrders()
        {
            return liquidationOrders;
        }

        public long liquidatedNotionalE8()
        {
            return liquidatedNotionalE8;
        }

        public long deleverages()
        {
            return deleverages;
        }

        public long deleveragedNotionalE8()
        {
            return deleveragedNotionalE8;
        }

        /** Bad debt (covered and uncovered) of liquidation fills in this market. */
        public long badDebtE8()
        {
            return badDebtE8;
        }
    }

    /** What one liquidated account lost. */
    public static final class AccountLoss
    {
        final long accountId;
        long orders;
        long liquidatedNotionalE8;
        long penaltiesE8;
        long badDebtCoveredE8;
        long badDebtUncoveredE8;
        long deleveragedNotionalE8;
        long firstOrderTimeNs = -1;
        long equityAtFirstOrderE8;
        long equityAtEndE8;

        AccountLoss(final long accountId)
        {
            this.accountId = accountId;
        }

        public long accountId()
        {
            return accountId;
        }

        public long orders()
        {
            return orders;
        }

        public long liquidatedNotionalE8()
        {
            return liquidatedNotionalE8;
        }

        public long penaltiesE8()
        {
            return penaltiesE8;
        }

        /** Bad debt the insurance fund covered. */
        public long badDebtCoveredE8()
        {
            return badDebtCoveredE8;
        }

        /** Bad debt nobody covered. */
        public long badDebtUncoveredE8()
        {
            return badDebtUncoveredE8;
        }

        /** Covered plus uncovered bad debt. */
        public long badDebtE8()
        {
            return badDebtCoveredE8 + badDebtUncoveredE8;
        }

        public long deleveragedNotionalE8()
        {
            return deleveragedNotionalE8;
        }

        /** Event time of the input that triggered the account's first order; -1 when it had none. */
        public long firstOrderTimeNs()
        {
            return firstOrderTimeNs;
        }

        /** Equity after the input that triggered the first order (0 when it had none). */
        public long equityAtFirstOrderE8()
        {
            return equityAtFirstOrderE8;
        }

        public long equityAtEndE8()
        {
            return equityAtEndE8;
        }
    }

    /** A liquidation order; notional = size x limit price, rounded down. */
    public record Order(long outSeq, long triggerSeq, long timeNs, long orderId, long accountId, int marketId,
        String side, long sizeE8, long limitPriceE8, long notionalE8)
    {
    }

    /** A deleverage; notional = size x price, rounded down. */
    public record Deleverage(long outSeq, long triggerSeq, long timeNs, long accountId, long counterpartyId,
        int marketId, String side, long sizeE8, long priceE8, long notionalE8)
    {
    }
}

package tripwire.perf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.BooleanType;
import tripwire.codecs.DepositDecoder;
import tripwire.codecs.FillDecoder;
import tripwire.codecs.InstrumentKind;
import tripwire.codecs.LiquidationFillDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.TickDecoder;
import tripwire.engine.math.FixedPoint;

/**
 * A baseline: the engine as a first version is usually written. On-heap objects, a
 * {@code LinkedHashMap<Long, Account>} (insertion order = opening order) of accounts each holding
 * {@code HashMap<Integer, Long>} balances and {@code HashMap<Integer, Position>} positions, boxed keys, and a
 * scan of every account on every tick. It exists only to be measured against the engine on identical frames.
 *
 * <p>Rules implemented (docs/engine-model.md, v1): deposits, fills and liquidation fills move balances, cash
 * and positions with the v1 roundings; collateral with haircuts (unpriced assets count 0); maintenance per
 * position {@code ceil(ceil(|s| x P) x rate)}; liquidatable when {@code E < MM} and every position's market is
 * priced; a market tick checks accounts with a position in it, an asset tick accounts holding the asset, other
 * inputs their own account; one order per open position without an outstanding order, emitted in opening order
 * and by maintenance (largest first, ties by market id), ids from 1; an order ends when filled whole. Not
 * implemented: rejections and every validation (the harness's streams have none), withdrawals, limit prices,
 * the risk features (tiers, dynamic margin, penalties, partial liquidation, ADL, oracle guard), all of which
 * are off in the generated streams. Not thread-safe: one logic thread.
 */
final class NaiveEngine
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Map<Long, Account> accounts = new LinkedHashMap<>();
    private final Map<Integer, Long> haircutE8 = new HashMap<>();
    private final Map<Integer, Long> assetPriceE8 = new HashMap<>();
    private final Map<Integer, Long> maintenanceRateE8 = new HashMap<>();
    private final Map<Integer, Long> markPriceE8 = new HashMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    private int quoteAssetId = -1;
    private long lastOrderId;

    /** Liquidation orders emitted so far. */
    long orderCount()
    {
        return lastOrderId;
    }

    void onInput(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case AssetDefinitionDecoder.TEMPLATE_ID:
            {
                final AssetDefinitionDecoder asset = new AssetDefinitionDecoder().wrap(buffer, body, blockLength, version);
                haircutE8.put(asset.assetId(), FixedPoint.toE8(asset.haircut().mantissa(), asset.haircut().exponent()));
                if (asset.quote() == BooleanType.TRUE)
                {
                    quoteAssetId = asset.assetId();
                }
                break;
            }
            case MarketDefinitionDecoder.TEMPLATE_ID:
            {
                final MarketDefinitionDecoder market = new MarketDefinitionDecoder().wrap(buffer, body, blockLength, version);
                maintenanceRateE8.put(market.marketId(), FixedPoint.toE8(
                    market.maintenanceMarginRate().mantissa(), market.maintenanceMarginRate().exponent()));
                break;
            }
            case DepositDecoder.TEMPLATE_ID:
            {
                final DepositDecoder deposit = new DepositDecoder().wrap(buffer, body, blockLength, version);
                final Account account = account(deposit.accountId());
                final long amountE8 = FixedPoint.toE8(deposit.amount().mantissa(), deposit.amount().exponent());
                account.balances.merge(deposit.assetId(), amountE8, Long::sum);
                check(List.of(account));
                break;
            }
            case FillDecoder.TEMPLATE_ID:
            {
                final FillDecoder fill = new FillDecoder().wrap(buffer, body, blockLength, version);
                final Account account = account(fill.accountId());
                trade(account, fill.marketId(), FixedPoint.toE8(fill.size().mantissa(), fill.size().exponent()),
                    FixedPoint.toE8(fill.price().mantissa(), fill.price().exponent()));
                check(List.of(account));
                break;
            }
            case LiquidationFillDecoder.TEMPLATE_ID:
            {
                final LiquidationFillDecoder fill = new LiquidationFillDecoder().wrap(buffer, body, blockLength, version);
                final Order order = orders.get(fill.orderId());
                final long sizeE8 = FixedPoint.toE8(fill.size().mantissa(), fill.size().exponent());
                trade(order.account, order.marketId, order.sell ? -sizeE8 : sizeE8,
                    FixedPoint.toE8(fill.price().mantissa(), fill.price().exponent()));
                order.remainingE8 -= sizeE8;
                if (order.remainingE8 == 0)
                {
                    orders.remove(order.orderId);
                    order.account.positions.get(order.marketId).orderId = 0;
                }
                check(List.of(order.account));
                break;
            }
            case TickDecoder.TEMPLATE_ID:
            {
                final TickDecoder tick = new TickDecoder().wrap(buffer, body, blockLength, version);
                final long priceE8 = FixedPoint.toE8(tick.price().mantissa(), tick.price().exponent());
                final int instrumentId = tick.instrumentId();
                final List<Account> exposed = new ArrayList<>();
                if (tick.instrumentKind() == InstrumentKind.MARKET)
                {
                    markPriceE8.put(instrumentId, priceE8);
                    for (final Account account : accounts.values())
                    {
                        final Position position = account.positions.get(instrumentId);
                        if (position != null && position.sizeE8 != 0)
                        {
                            exposed.add(account);
                        }
                    }
                }
                else
                {
                    assetPriceE8.put(instrumentId, priceE8);
                    for (final Account account : accounts.values())
                    {
                        if (account.balances.getOrDefault(instrumentId, 0L) > 0)
                        {
                            exposed.add(account);
                        }
                    }
                }
                check(exposed);
                break;
            }
            default:
                break;
        }
    }

    private Account account(final long accountId)
    {
        return accounts.computeIfAbsent(accountId, Account::new);
    }

    private void trade(final Account account, final int marketId, final long sizeE8, final long priceE8)
    {
        account.balances.merge(quoteAssetId, FixedPoint.mulE8Floor(-sizeE8, priceE8), Long::sum);
        account.positions.computeIfAbsent(marketId, id -> new Position()).sizeE8 += sizeE8;
    }

    /** Evaluates each account, then emits the orders of the liquidatable ones, accounts in the given order. */
    private void check(final List<Account> candidates)
    {
        for (final Account account : candidates)
        {
            long equityE8 = 0;
            for (final Map.Entry<Integer, Long> balance : account.balances.entrySet())
            {
                final int assetId = balance.getKey();
                if (assetId == quoteAssetId)
                {
                    equityE8 += balance.getValue();
                }
                else if (assetPriceE8.containsKey(assetId))
                {
                    final long valueE8 = FixedPoint.mulE8Floor(balance.getValue(), assetPriceE8.get(assetId));
                    equityE8 += FixedPoint.mulE8Floor(valueE8, FixedPoint.SCALE - haircutE8.get(assetId));
                }
            }
            long maintenanceE8 = 0;
            boolean priced = true;
            final Map<Integer, Long> positionMaintenanceE8 = new HashMap<>();
            for (final Map.Entry<Integer, Position> entry : account.positions.entrySet())
            {
                final long sizeE8 = entry.getValue().sizeE8;
                if (sizeE8 == 0)
                {
                    continue;
                }
                final Long markE8 = markPriceE8.get(entry.getKey());
                if (markE8 == null)
                {
                    priced = false;
                    break;
                }
                equityE8 += FixedPoint.mulE8Floor(sizeE8, markE8);
                final long notionalE8 = FixedPoint.mulE8Ceil(Math.abs(sizeE8), markE8);
                final long marketMaintenanceE8 = FixedPoint.mulE8Ceil(notionalE8, maintenanceRateE8.get(entry.getKey()));
                positionMaintenanceE8.put(entry.getKey(), marketMaintenanceE8);
                maintenanceE8 += marketMaintenanceE8;
            }
            if (priced && equityE8 < maintenanceE8)
            {
                liquidate(account, positionMaintenanceE8);
            }
        }
    }

    private void liquidate(final Account account, final Map<Integer, Long> positionMaintenanceE8)
    {
        final List<Integer> marketIds = new ArrayList<>(positionMaintenanceE8.keySet());
        marketIds.sort((a, b) ->
        {
            final int byMaintenance = Long.compare(positionMaintenanceE8.get(b), positionMaintenanceE8.get(a));
            return byMaintenance != 0 ? byMaintenance : Integer.compare(a, b);
        });
        for (final Integer marketId : marketIds)
        {
            final Position position = account.positions.get(marketId);
            if (position.orderId == 0)
            {
                final Order order = new Order(++lastOrderId, account, marketId, position.sizeE8 > 0, Math.abs(position.sizeE8));
                position.orderId = order.orderId;
                orders.put(order.orderId, order);
            }
        }
    }

    private static final class Account
    {
        final long accountId;
        final Map<Integer, Long> balances = new HashMap<>();
        final Map<Integer, Position> positions = new HashMap<>();

        Account(final long accountId)
        {
            this.accountId = accountId;
        }
    }

    private static final class Position
    {
        long sizeE8;
        long orderId;
    }

    private static final class Order
    {
        final long orderId;
        final Account account;
        final int marketId;
        final boolean sell;
        long remainingE8;

        Order(final long orderId, final Account account, final int marketId, final boolean sell, final long remainingE8)
        {
            this.orderId = orderId;
            this.account = account;
            this.marketId = marketId;
            this.sell = sell;
            this.remainingE8 = remainingE8;
        }
    }
}

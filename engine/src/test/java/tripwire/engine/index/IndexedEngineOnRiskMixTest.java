package tripwire.engine.index;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the differential generators do not draw, with the index on and off side by side: collateral assets
 * (one with an oracle staleness limit and a stale haircut), a tiered market, a market with dynamic margin, a
 * guarded market whose sources go stale, redefinitions of rates, tiers, dynamic margin and haircuts, accounts
 * with several positions, and liquidation fills of the orders the engines emit. Outputs and state hash must be
 * identical after every line.
 */
class IndexedEngineOnRiskMixTest
{
    private static final EngineConfig WITH_INDEX = EngineConfig.defaults().withMaxAccounts(512).withLiquidationIndex(true);
    private static final EngineConfig WITHOUT_INDEX = WITH_INDEX.withLiquidationIndex(false);
    private static final String[] MARKETS = {"A", "B", "C", "D"};
    private static final Pattern ORDER = Pattern.compile("\"type\":\"liquidationOrder\",\"order\":(\\d+),.*\"size\":\"([0-9.]+)\"");

    @Test
    void indexedEngineMatchesFullScanWithCollateralTiersDynamicMarginAndStaleness()
    {
        int orders = 0;
        for (long seed = 1; seed <= 12; seed++)
        {
            orders += run(seed, 3_000);
        }
        assertTrue(orders > 50, "liquidation orders: " + orders);
    }

    private static int run(final long seed, final int lineCount)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final ScenarioParser parser = new ScenarioParser();
        final List<String> indexedOutputs = new ArrayList<>();
        final List<String> scannedOutputs = new ArrayList<>();
        final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
        final LiquidationEngine indexed = new LiquidationEngine(WITH_INDEX,
            (outSeq, timeNs, buffer, offset, length) -> indexedOutputs.add(json.render(buffer, offset, length)));
        final LiquidationEngine scanned = new LiquidationEngine(WITHOUT_INDEX,
            (outSeq, timeNs, buffer, offset, length) -> scannedOutputs.add(json.render(buffer, offset, length)));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        final Map<Long, String> openOrders = new LinkedHashMap<>();
        final long[] markE8 = {100_00000000L, 2_000_00000000L, 50_00000000L, 10_00000000L};
        final long[] assetE8 = {0, 2_000_00000000L, 30_00000000L};
        long timeNs = 0;
        int orders = 0;

        final List<String> lines = new ArrayList<>(List.of(
            "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
            "{\"type\":\"asset\",\"asset\":\"ETH\",\"haircut\":\"0.1\",\"oracleSources\":[\"p\"],\"oracleStalenessNs\":5000,\"staleHaircut\":\"0.5\"}",
            "{\"type\":\"asset\",\"asset\":\"SOL\",\"haircut\":\"0.2\"}",
            "{\"type\":\"market\",\"market\":\"A\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}",
            tiered(0.02),
            dynamic(true),
            "{\"type\":\"market\",\"market\":\"D\",\"initialMarginRate\":\"0.2\",\"maintenanceMarginRate\":\"0.1\",\"oracleSources\":[\"s1\",\"s2\"],\"oracleStalenessNs\":3000}"));
        for (int line = 0; line < lineCount; line++)
        {
            timeNs += random.nextInt(400);
            final String text;
            if (line < lines.size())
            {
                text = lines.get(line);
            }
            else
            {
                text = nextLine(random, markE8, assetE8, openOrders, timeNs);
            }
            final ScenarioEvent event = parser.parseLine(line + 1, text);
            if (event == null)
            {
                continue;
            }
            frame.wrap(event.frame());
            final int before = scannedOutputs.size();
            indexed.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
            scanned.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
            final String where = "seed " + seed + " line " + (line + 1) + ": " + text;
            assertEquals(scannedOutputs, indexedOutputs, where);
            assertEquals(scanned.stateHash(), indexed.stateHash(), where);
            for (int i = before; i < scannedOutputs.size(); i++)
            {
                final Matcher order = ORDER.matcher(scannedOutputs.get(i));
                if (order.find())
                {
                    openOrders.put(Long.parseLong(order.group(1)), order.group(2));
                    orders++;
                }
            }
        }
        return orders;
    }

    private static String nextLine(
        final SplittableRandom random, final long[] markE8, final long[] assetE8, final Map<Long, String> openOrders,
        final long timeNs)
    {
        final int kind = random.nextInt(100);
        final long account = 1 + random.nextInt(60);
        if (kind < 22)
        {
            final int m = random.nextInt(MARKETS.length);
            final long stepBp = random.nextInt(10) == 0 ? random.nextLong(-3_000, 2_000) : random.nextLong(-300, 300);
            markE8[m] = Math.max(1_000_000L, markE8[m] + markE8[m] / 10_000 * stepBp);
            final String source = m == 3 ? (random.nextBoolean() ? "s1" : "s2") : "feed";
            return "{\"type\":\"tick\",\"source\":\"" + source + "\",\"market\":\"" + MARKETS[m] + "\",\"price\":\"" +
                decimal(markE8[m]) + "\",\"timeNs\":" + timeNs + "}";
        }
        if (kind < 30)
        {
            final int a = 1 + random.nextInt(2);
            assetE8[a] = Math.max(1_000_000L, assetE8[a] + assetE8[a] / 10_000 * random.nextLong(-800, 600));
            return "{\"type\":\"tick\",\"source\":\"p\",\"asset\":\"" + (a == 1 ? "ETH" : "SOL") + "\",\"price\":\"" +
                decimal(assetE8[a]) + "\",\"timeNs\":" + timeNs + "}";
        }
        if (kind < 45)
        {
            final int a = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            final long amountE8 = a == 0 ? random.nextLong(1, 5_000_00000000L) : random.nextLong(1, 2_00000000L);
            return "{\"type\":\"deposit\",\"account\":" + account + ",\"asset\":\"" + new String[] {"USDC", "ETH", "SOL"}[a] +
                "\",\"amount\":\"" + decimal(amountE8) + "\",\"timeNs\":" + timeNs + "}";
        }
        if (kind < 52)
        {
            return "{\"type\":\"withdraw\",\"account\":" + account + ",\"asset\":\"USDC\",\"amount\":\"" +
                decimal(random.nextLong(1, 3_000_00000000L)) + "\",\"timeNs\":" + timeNs + "}";
        }
        if (kind < 85)
        {
            final int m = random.nextInt(MARKETS.length);
            final long notionalE8 = random.nextLong(1, 20_000_00000000L);
            final long sizeE8 = Math.max(1, notionalE8 / (markE8[m] / 100_000_000L + 1)) * (random.nextBoolean() ? 1 : -1);
            final long priceE8 = Math.max(1, markE8[m] + markE8[m] / 10_000 * random.nextLong(-50, 50));
            return "{\"type\":\"fill\",\"account\":" + account + ",\"market\":\"" + MARKETS[m] + "\",\"size\":\"" +
                decimal(sizeE8) + "\",\"price\":\"" + decimal(priceE8) + "\",\"timeNs\":" + timeNs + "}";
        }
        if (kind < 96 && !openOrders.isEmpty())
        {
            final long orderId = openOrders.keySet().iterator().next();
            final String size = openOrders.remove(orderId);
            return "{\"type\":\"liquidationFill\",\"order\":" + orderId + ",\"size\":\"" + size + "\",\"price\":\"" +
                decimal(markE8[random.nextInt(MARKETS.length)]) + "\",\"timeNs\":" + timeNs + "}";
        }
        return switch (random.nextInt(4))
        {
            case 0 -> tiered(random.nextBoolean() ? 0.02 : 0.03);
            case 1 -> dynamic(random.nextBoolean());
            case 2 -> "{\"type\":\"market\",\"market\":\"A\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"" +
                (random.nextBoolean() ? "0.05" : "0.08") + "\"}";
            default -> "{\"type\":\"asset\",\"asset\":\"SOL\",\"haircut\":\"" + (random.nextBoolean() ? "0.2" : "0.5") + "\"}";
        };
    }

    private static String tiered(final double maintenance)
    {
        return "{\"type\":\"market\",\"market\":\"B\",\"initialMarginRate\":\"0.05\",\"maintenanceMarginRate\":\"" + maintenance +
            "\",\"marginTiers\":[{\"notional\":\"5000\",\"maintenanceMarginRate\":\"0.05\",\"initialMarginRate\":\"0.08\"}," +
            "{\"notional\":\"20000\",\"maintenanceMarginRate\":\"0.1\",\"initialMarginRate\":\"0.15\"}]}";
    }

    private static String dynamic(final boolean on)
    {
        return "{\"type\":\"market\",\"market\":\"C\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"" +
            (on ? ",\"baseVolatility\":\"0.01\",\"volatilityWeight\":\"0.5\",\"maxMarginMultiplier\":\"3\"" : "") + "}";
    }

    private static String decimal(final long valueE8)
    {
        return BigDecimal.valueOf(valueE8, 8).stripTrailingZeros().toPlainString();
    }
}

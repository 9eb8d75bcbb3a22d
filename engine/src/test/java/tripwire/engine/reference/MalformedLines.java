package tripwire.engine.reference;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * JSON objects the scenario adapter cannot map, each rejected {@code MALFORMED}: a missing or unknown type,
 * a missing or mistyped required field, a decimal that is not a plain decimal string, a bad name, an
 * account or order id outside its range, a tick naming both or neither of market and asset, a {@code timeNs}
 * that is not a JSON integer.
 * Every one is still a JSON object (a line that is not one would fail the whole run).
 */
final class MalformedLines
{
    static final List<String> BAD_DECIMALS = List.of(
        "1e3", "+1", ".5", "5.", " 5", "5 ", "1,000", "", "NaN", "0x10", "--1", "1.2.3", "Infinity", "-", "1_000", "½");
    static final List<String> BAD_NAMES = List.of(
        "", "THIS-NAME-IS-17CH", "BTC PERP", "BTC/PERP", "ünï", "a\"b", "tab\there", "#hash", "a+b", "12345678901234567");

    private final SplittableRandom random;
    private final GeneratorWorld world;

    MalformedLines(final SplittableRandom random, final GeneratorWorld world)
    {
        this.random = random;
        this.world = world;
    }

    JsonLine next()
    {
        final long account = world.anyOpenAccount(random);
        final String market = GeneratorWorld.pick(random, world.markets);
        switch (random.nextInt(17))
        {
            case 0:
                return JsonLine.withoutType().put("account", account).put("asset", world.quoteAsset).put("amount", "1");
            case 1:
                return JsonLine.of(GeneratorWorld.pick(random, List.of("withdrawal", "Deposit", "trade", "TICK", "")))
                    .put("account", account).put("asset", world.quoteAsset).put("amount", "1");
            case 2:
                return random.nextBoolean() ?
                    JsonLine.withoutType().putNumber("type", 3).put("account", account) :
                    JsonLine.withoutType().putNull("type").put("account", account);
            case 3:
                return withoutOneField(JsonLine.of("fill").put("account", account).put("market", market)
                    .put("size", "1").put("price", "100"), List.of("account", "market", "size", "price"));
            case 4:
                return withoutOneField(JsonLine.of("deposit").put("account", account).put("asset", world.quoteAsset)
                    .put("amount", "10"), List.of("account", "asset", "amount"));
            case 5:
                return withoutOneField(JsonLine.of("liquidationFill").put("order", 1).put("size", "1").put("price", "1"),
                    List.of("order", "size", "price"));
            case 6:
                return withoutOneField(JsonLine.of("market").put("market", market).put("initialMarginRate", "0.1")
                    .put("maintenanceMarginRate", "0.05"), List.of("market", "initialMarginRate", "maintenanceMarginRate"));
            case 7:
                return JsonLine.of("deposit").put("account", account).put("asset", world.quoteAsset)
                    .putNumber("amount", random.nextBoolean() ? 100 : 2.5);
            case 8:
                return JsonLine.of("tick").put("source", "pyth").put("market", market)
                    .put("price", GeneratorWorld.pick(random, BAD_DECIMALS));
            case 9:
                return random.nextBoolean() ?
                    JsonLine.of("fill").put("account", account).put("market", GeneratorWorld.pick(random, BAD_NAMES))
                        .put("size", "1").put("price", "1") :
                    JsonLine.of("tick").put("source", GeneratorWorld.pick(random, BAD_NAMES)).put("market", market)
                        .put("price", "1");
            case 10:
                return badAccount(JsonLine.of("deposit").put("asset", world.quoteAsset).put("amount", "10"));
            case 11:
                return badOrder(JsonLine.of("liquidationFill").put("size", "1").put("price", "1"));
            case 12:
                return random.nextBoolean() ?
                    JsonLine.of("tick").put("source", "pyth").put("price", "10") :
                    JsonLine.of("tick").put("source", "pyth").put("market", market)
                        .put("asset", world.quoteAsset).put("price", "10");
            case 13:
                return JsonLine.of("withdraw").put("account", account).putNull("asset").put("amount", "1");
            case 14:
                return JsonLine.of("market").put("market", market).put("initialMarginRate", "0.1")
                    .put("maintenanceMarginRate", "0.05")
                    .putNames("oracleSources", List.of("pyth", GeneratorWorld.pick(random, BAD_NAMES)));
            case 15:
                return JsonLine.of("asset").put("asset", GeneratorWorld.pick(random, world.collateralAssets))
                    .putNumber("haircut", 0.1);
            default:
            {
                final JsonLine deposit = JsonLine.of("deposit").put("account", account).put("asset", world.quoteAsset)
                    .put("amount", "1");
                return random.nextBoolean() ? deposit.put("timeNs", "12345") : deposit.putNumber("timeNs", 1.5);
            }
        }
    }

    private JsonLine withoutOneField(final JsonLine line, final List<String> required)
    {
        return line.remove(GeneratorWorld.pick(random, required));
    }

    private JsonLine badAccount(final JsonLine line)
    {
        switch (random.nextInt(7))
        {
            case 0:
                return line.put("account", 0);
            case 1:
                return line.put("account", -1 - random.nextInt(1000));
            case 2:
                return line.put("account", GeneratorWorld.MAX_ACCOUNT_ID + 1 + random.nextInt(1000));
            case 3:
                return line.putNumber("account", 1.5);
            case 4:
                return line.put("account", Long.toString(world.anyOpenAccount(random)));
            case 5:
                return line.putNumber("account", new BigInteger("123456789012345678901234567890"));
            default:
                return line.put("account", true);
        }
    }

    private JsonLine badOrder(final JsonLine line)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return line.put("order", 0);
            case 1:
                return line.put("order", -1 - random.nextInt(10));
            case 2:
                return line.put("order", "1");
            default:
                return line.putNumber("order", 2.0);
        }
    }
}

package tripwire.perf;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import tripwire.engine.EngineConfig;
import tripwire.engine.math.FixedPoint;
import tripwire.engine.risk.MarginCalculator;
import tripwire.engine.risk.StalePrices;
import tripwire.engine.state.AccountStore;
import tripwire.engine.state.AssetTable;
import tripwire.engine.state.MarginScheduleTable;
import tripwire.engine.state.MarketTable;
import tripwire.engine.state.OracleTable;

/**
 * JMH: the engine's {@link MarginCalculator#evaluate} of one account holding quote cash, one haircut
 * collateral asset and three positions (the generator's heaviest opening), with the default capacities. The
 * account stays in cache: this is the arithmetic, not the memory access. One state per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MarginBenchmark
{
    private static final long SCALE = FixedPoint.SCALE;
    private final MarginCalculator calculator;
    private final int accountIndex;

    public MarginBenchmark()
    {
        final EngineConfig config = new EngineConfig(16, EngineConfig.MAX_ASSETS_DEFAULT, EngineConfig.MAX_MARKETS_DEFAULT);
        final AccountStore accounts = new AccountStore(config.maxAccounts(), config.maxAssets(), config.maxMarkets());
        final AssetTable assets = new AssetTable(config.maxAssets());
        final MarketTable markets = new MarketTable(config.maxMarkets());
        final byte[] name = "X".getBytes(StandardCharsets.US_ASCII);
        assets.define(0, true, 0, name, name.length);
        assets.define(1, false, 10_000_000L, name, name.length);
        assets.price(1, 3_000 * SCALE, 1);
        for (int m = 0; m < 3; m++)
        {
            markets.define(m, 10_000_000L, 5_000_000L, name, name.length);
            markets.markPrice(m, (m + 1) * 1_000 * SCALE, 1);
        }
        calculator = new MarginCalculator(accounts, assets, markets, new MarginScheduleTable(config.maxMarkets()),
            new StalePrices(new OracleTable(config.maxMarkets()), new OracleTable(config.maxAssets())));
        accountIndex = accounts.open(7);
        accounts.balance(accountIndex, 0, 5_000 * SCALE, false);
        accounts.balance(accountIndex, 1, 2 * SCALE, true);
        accounts.size(accountIndex, 0, 3 * SCALE);
        accounts.size(accountIndex, 1, -2 * SCALE);
        accounts.size(accountIndex, 2, 5 * SCALE);
    }

    @Benchmark
    public long evaluateOneAccount()
    {
        calculator.evaluate(accountIndex);
        return calculator.equityE8() + calculator.maintenanceE8() + calculator.initialE8();
    }
}

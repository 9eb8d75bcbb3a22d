package tripwire.perf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH micro-benchmarks ({@link CodecBenchmark}, {@link MarginBenchmark}) through JMH's API and returns
 * one figure per benchmark method (average ns/op). The full mode forks one JVM (JMH passes it this JVM's
 * flags); the quick mode runs in this JVM with short iterations (for CI: it proves they run, nothing more).
 * Fails on a benchmark error (JMH's {@code -foe true}).
 */
final class JmhBenchmarks
{
    /** One benchmark method's score. */
    record Score(String name, double nsPerOp, double errorNs)
    {
    }

    private JmhBenchmarks()
    {
    }

    static List<Score> run(final boolean quick) throws RunnerException
    {
        final Options options = new OptionsBuilder()
            .include("tripwire\\.perf\\.(Codec|Margin)Benchmark\\.")
            .forks(quick ? 0 : 1)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(TimeValue.milliseconds(quick ? 100 : 1_000))
            .measurementIterations(quick ? 2 : 5)
            .measurementTime(TimeValue.milliseconds(quick ? 100 : 1_000))
            .shouldFailOnError(true)
            .verbosity(quick ? VerboseMode.SILENT : VerboseMode.NORMAL)
            .build();
        final Collection<RunResult> results = new Runner(options).run();
        final List<Score> scores = new ArrayList<>();
        for (final RunResult result : results)
        {
            final String benchmark = result.getParams().getBenchmark();
            scores.add(new Score(
                benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
                result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
        }
        return scores;
    }
}

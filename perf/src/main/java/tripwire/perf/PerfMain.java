package tripwire.perf;

import java.util.Arrays;

/**
 * Entry point of the perf jar: {@code java -jar tripwire-perf.jar <command> [options]}.
 * <ul>
 *   <li>{@code bench}: every benchmark in one run ({@link BenchSuite}): JMH, core cost, baselines, end to end;</li>
 *   <li>{@code latency}: the end-to-end latency harness alone ({@link LatencyHarness}).</li>
 * </ul> Exit codes are the command's; 2 on an
 * unknown command.
 */
public final class PerfMain
{
    private PerfMain()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length == 0)
        {
            System.err.println("usage: tripwire-perf bench|latency [options]   (see: bench --help, latency --help)");
            System.exit(2);
        }
        final String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0])
        {
            case "bench":
                BenchSuite.main(rest);
                break;
            case "latency":
                LatencyHarness.main(rest);
                break;
            default:
                System.err.println("unknown command " + args[0] + "; commands: bench, latency");
                System.exit(2);
        }
    }
}

package tripwire.perf;

import java.util.Arrays;

/**
 * Entry point of the perf jar: {@code java -jar tripwire-perf.jar <command> [options]}.
 * <ul>
 *   <li>{@code latency}: the end-to-end latency harness ({@link LatencyHarness}).</li>
 * </ul>
 * JMH benchmarks will be dispatched from here too (a later issue). Exit codes are the command's; 2 on an
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
            System.err.println("usage: tripwire-perf latency [options]   (see: latency --help)");
            System.exit(2);
        }
        final String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0])
        {
            case "latency":
                LatencyHarness.main(rest);
                break;
            default:
                System.err.println("unknown command " + args[0] + "; commands: latency");
                System.exit(2);
        }
    }
}

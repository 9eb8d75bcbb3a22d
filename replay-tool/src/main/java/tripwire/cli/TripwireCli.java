package tripwire.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tripwire} command line: run a scenario, the demo, or verify a journal by replay.
 * Exit codes: 0 success, 1 a verification found a difference, 2 bad input or usage.
 */
@Command(
    name = "tripwire",
    mixinStandardHelpOptions = true,
    version = "tripwire 0.1.0",
    description = "Low-latency liquidation engine: SBE in, Disruptor ring, off-heap state, Chronicle journal.",
    subcommands = {ScenarioCommand.class, DemoCommand.class, ReplayCommand.class, RunCommand.class, PublishCommand.class})
public final class TripwireCli
{
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    public static int run(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new TripwireCli());
        commandLine.setExitCodeExceptionMapper(ex -> 2);
        return commandLine.execute(args);
    }
}

package tripwire.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import tripwire.live.LiveConfig;
import tripwire.live.LiveEngine;

/**
 * {@code tripwire run --config FILE}: the live engine ({@link LiveEngine}) until SIGTERM or SIGINT, on which a
 * shutdown hook drains the ring, writes a final snapshot, closes the queues and exits 0. Log lines go to stderr.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the live engine: tail the ingress queue, journal, write outputs to the egress queue, snapshot;"
        + " recovers from the newest snapshot and the journal at start; SIGTERM stops it cleanly.")
final class RunCommand implements Callable<Integer>
{
    private static final long STOP_TIMEOUT_SECONDS = 60;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "Configuration (Java properties; see scripts/tripwire-run.properties).")
    Path configFile;

    @Override
    public Integer call()
    {
        final LiveConfig config;
        try
        {
            config = LiveConfig.load(configFile);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("tripwire run: " + configFile + ": " + ex.getMessage());
            return 2;
        }
        final LiveEngine engine = new LiveEngine(config, line -> System.err.println("tripwire run: " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            engine.stop();
            try
            {
                if (engine.awaitStopped(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                {
                    System.err.flush();
                    Runtime.getRuntime().halt(0);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "tripwire-shutdown"));
        System.err.println("tripwire run: started with " + configFile.toAbsolutePath() + " (pid " + ProcessHandle.current().pid() + ")");
        try
        {
            engine.run();
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("tripwire run: cannot start: " + ex.getMessage());
            return 2;
        }
        return 0;
    }
}

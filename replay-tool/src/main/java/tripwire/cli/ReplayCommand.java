package tripwire.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import tripwire.engine.EngineConfig;
import tripwire.replay.ReplayVerifier;

/**
 * {@code tripwire replay --journal DIR}: re-runs the journaled inputs through a fresh engine and checks that
 * it produces exactly the journaled outputs and state hash. Exit 0 when equal, 1 on the first difference
 * (named), 2 when the journal cannot be read.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a journal through a fresh engine and verify outputs and state hash.")
final class ReplayCommand implements Callable<Integer>
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal directory.")
    Path journalDir;

    @Option(names = "--max-accounts", paramLabel = "N",
        description = "Account capacity of the replaying engine (at least what the journal opened; default ${DEFAULT-VALUE}).")
    int maxAccounts = 1 << 20;

    @Override
    public Integer call()
    {
        if (!Files.isDirectory(journalDir))
        {
            System.err.println("tripwire replay: no journal directory " + journalDir);
            return 2;
        }
        final long startNanos = System.nanoTime();
        final ReplayVerifier.Result result = JournalReplay.verify(journalDir, EngineConfig.defaults().withMaxAccounts(maxAccounts));
        final long elapsedNanos = System.nanoTime() - startNanos;

        System.out.println("journal   " + journalDir.toAbsolutePath());
        System.out.println("inputs    " + result.inputs());
        printCounts(result.inputsByTemplate());
        System.out.println("outputs   " + result.outputs());
        printCounts(result.outputsByTemplate());
        System.out.printf("replayed  in %.2f s (%,d inputs/s)%n", elapsedNanos / 1e9,
            elapsedNanos == 0 ? 0 : result.inputs() * 1_000_000_000L / elapsedNanos);
        System.out.printf("state     %016x%n", result.finalStateHash());
        System.out.println("verify    " + result);
        return result.ok() ? 0 : 1;
    }

    private static void printCounts(final Map<Integer, Long> byTemplate)
    {
        byTemplate.forEach((templateId, count) ->
            System.out.printf("  %-18s %,d%n", TemplateNames.of(templateId), count));
    }
}

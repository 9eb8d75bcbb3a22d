package tripwire.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import tripwire.replay.ReplayVerifier;

/**
 * {@code tripwire replay verify --journal DIR}: re-runs the journaled inputs through a fresh engine and checks that
 * it produces exactly the journaled outputs and state hash. Exit 0 when equal, 1 on the first difference (named),
 * 2 when the journal cannot be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Replay a journal through a fresh engine and verify every output and the state hash.")
final class VerifyCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Override
    public Integer call()
    {
        return verify(journal);
    }

    static int verify(final JournalOptions journal)
    {
        final String problem = journal.problem("verify");
        if (problem != null)
        {
            System.err.println(problem);
            return 2;
        }
        final JournalOptions.Progress progress = journal.progress();
        final JournalReplay.Timed timed = JournalReplay.verifyTimed(journal.journalDir, journal.fallbackConfig(), progress);
        final ReplayVerifier.Result result = timed.result();
        progress.finish();

        System.out.println("journal   " + journal.journalDir.toAbsolutePath());
        System.out.println("inputs    " + result.inputs());
        printCounts(result.inputsByTemplate());
        System.out.println("outputs   " + result.outputs());
        printCounts(result.outputsByTemplate());
        System.out.printf("opened    in %.2f s (journal configuration, engine at its capacities, queue)%n",
            timed.openNanos() / 1e9);
        System.out.printf("replayed  in %.2f s: %,d inputs/s, %,d records/s (inputs and outputs, every one compared)%n",
            timed.replayNanos() / 1e9, timed.inputsPerSecond(), timed.recordsPerSecond());
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

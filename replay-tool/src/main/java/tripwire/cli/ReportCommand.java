package tripwire.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tripwire.postmortem.IncidentFacts;
import tripwire.postmortem.ReportHtml;

/**
 * {@code tripwire replay report --journal DIR --out FILE.html}: a self-contained post-mortem page (inline SVG, no
 * script, no network): mark price per market with liquidation markers, insurance fund balance, liquidated accounts
 * and their losses.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML post-mortem (charts as inline SVG, accounts table).")
final class ReportCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "The page to write.")
    Path out;

    @Override
    public Integer call() throws IOException
    {
        final String problem = journal.problem("report");
        if (problem != null)
        {
            System.err.println(problem);
            return 2;
        }
        write(journal, out);
        System.out.println("report    " + out.toAbsolutePath());
        return 0;
    }

    static void write(final JournalOptions journal, final Path out) throws IOException
    {
        final IncidentFacts facts = SummaryCommand.gather(journal, true);
        Files.writeString(out, ReportHtml.render(journal.journalDir.toAbsolutePath().toString(), facts), StandardCharsets.UTF_8);
    }
}

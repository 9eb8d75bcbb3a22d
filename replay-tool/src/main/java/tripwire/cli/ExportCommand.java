package tripwire.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tripwire.postmortem.EventExport;
import tripwire.postmortem.PostmortemReplay;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;

/**
 * {@code tripwire replay export --journal DIR --format csv|jsonl [--out FILE]}: every input and output with seq,
 * outSeq, timeNs and decoded fields, for spreadsheets and notebooks.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Every event (inputs and outputs, decoded) as CSV or JSON Lines.")
final class ExportCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--format", required = true, paramLabel = "csv|jsonl", description = "csv or jsonl.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException
    {
        final String problem = journal.problem("export");
        if (problem != null)
        {
            System.err.println(problem);
            return 2;
        }
        final EventExport.Format exportFormat;
        switch (format.toLowerCase(Locale.ROOT))
        {
            case "csv" -> exportFormat = EventExport.Format.CSV;
            case "jsonl" -> exportFormat = EventExport.Format.JSONL;
            default ->
            {
                System.err.println("tripwire replay export: --format must be csv or jsonl, not " + format);
                return 2;
            }
        }
        try (Writer writer = out != null ? Files.newBufferedWriter(out, StandardCharsets.UTF_8) :
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)))
        {
            final long rows = export(journal, exportFormat, writer);
            if (out != null)
            {
                System.err.println("wrote " + rows + " events to " + out.toAbsolutePath());
            }
        }
        return 0;
    }

    static long export(final JournalOptions journal, final EventExport.Format format, final Writer writer)
    {
        final EventExport export = new EventExport(writer, format);
        final JournalOptions.Progress progress = journal.progress();
        PostmortemReplay.run(journal.journalDir, journal.fallbackConfig(), ReplayOrigin.JOURNAL_START, ReplayBound.END,
            export, progress);
        progress.finish();
        return export.rows();
    }
}

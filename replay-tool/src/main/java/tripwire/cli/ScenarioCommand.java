package tripwire.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import tripwire.engine.EngineConfig;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.PipelineListener;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioFormatException;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.journal.ChronicleEventJournal;

/**
 * {@code tripwire scenario FILE.jsonl [--journal DIR]}: encodes every line as the engine's SBE input, runs it
 * through the same ring, risk logic and journal as live input, and prints every output as a JSON line in
 * the order the engine emitted them (../shared/scenario-format.md).
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
    description = "Run a JSON Lines scenario through the ring, engine and journal; print outputs as JSON lines.")
final class ScenarioCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "The scenario file.")
    Path file;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal directory (default: a fresh temporary directory, printed on standard error).")
    Path journalDir;

    @Override
    public Integer call() throws IOException
    {
        final List<String> lines;
        final List<ScenarioEvent> events;
        final ScenarioParser parser = new ScenarioParser();
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            events = parser.parseAll(lines);
        }
        catch (final IOException ex)
        {
            System.err.println("tripwire scenario: cannot read " + file + ": " + ex.getMessage());
            return 2;
        }
        catch (final ScenarioFormatException ex)
        {
            System.err.println("tripwire scenario: " + file + ": " + ex.getMessage());
            return 2;
        }

        final Path journal = journalDir != null ? journalDir : Files.createTempDirectory("tripwire-scenario-");
        System.err.println("journal: " + journal.toAbsolutePath());

        final List<String> outputs = run(events, parser, journal, EngineConfig.defaults());
        final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        outputs.forEach(out::println);
        out.flush();
        return 0;
    }

    /** Runs parsed events through a pipeline journaled to {@code journal}; returns the outputs as JSON lines. */
    static List<String> run(
        final List<ScenarioEvent> events, final ScenarioParser parser, final Path journal, final EngineConfig config)
    {
        final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
        final List<String> outputs = new ArrayList<>();
        final PipelineListener listener = new PipelineListener()
        {
            @Override
            public void onOutput(
                final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
                final long intendedSendNanos)
            {
                outputs.add(json.render(buffer, offset, length));
            }
        };
        try (EnginePipeline pipeline = new EnginePipeline(config, new ChronicleEventJournal(journal), listener))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
            for (final ScenarioEvent event : events)
            {
                frame.wrap(event.frame());
                pipeline.publish(event.seq(), event.timeNs(), frame, 0, event.frame().length, 0);
            }
            pipeline.awaitProcessed();
        }
        return outputs;
    }
}

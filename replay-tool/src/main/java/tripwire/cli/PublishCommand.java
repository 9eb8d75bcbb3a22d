package tripwire.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioFormatException;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.journal.TripwireClient;

/**
 * {@code tripwire publish FILE.jsonl --to DIR}: encodes a scenario file (docs/scenario-format.md) as SBE input
 * frames and appends them, with their seq and event time, to a live engine's ingress queue through
 * {@link TripwireClient}. With {@code --names REF.jsonl} (a live engine's {@code referenceData} file) the asset and
 * market names get the ids that file gives them; its lines are read, not sent.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Append a JSON Lines scenario's input frames to a live engine's ingress queue.")
final class PublishCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "The scenario file.")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "The engine's ingress queue directory (ingress.dir).")
    Path ingressDir;

    @Option(names = "--names", paramLabel = "REF.jsonl",
        description = "The engine's referenceData file: read first (not sent) so that names get its ids.")
    Path namesFile;

    @Override
    public Integer call()
    {
        final List<ScenarioEvent> events;
        final ScenarioParser parser = new ScenarioParser();
        if (namesFile != null)
        {
            try
            {
                parser.parseAll(Files.readAllLines(namesFile, StandardCharsets.UTF_8));
            }
            catch (final IOException | ScenarioFormatException ex)
            {
                System.err.println("tripwire publish: --names " + namesFile + ": " + ex.getMessage());
                return 2;
            }
        }
        try
        {
            events = parser.parseAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            System.err.println("tripwire publish: cannot read " + file + ": " + ex.getMessage());
            return 2;
        }
        catch (final ScenarioFormatException ex)
        {
            System.err.println("tripwire publish: " + file + ": " + ex.getMessage());
            return 2;
        }
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        try (TripwireClient client = new TripwireClient(ingressDir))
        {
            for (final ScenarioEvent event : events)
            {
                frame.wrap(event.frame());
                client.send(event.seq(), event.timeNs(), frame, 0, event.frame().length);
            }
        }
        System.err.println("tripwire publish: " + events.size() + " frames to " + ingressDir.toAbsolutePath() +
            (events.isEmpty() ? "" : " (seq " + events.get(0).seq() + ".." + events.get(events.size() - 1).seq() + ")"));
        return 0;
    }
}

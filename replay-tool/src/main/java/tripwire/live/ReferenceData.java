package tripwire.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.codecs.AssetDefinitionDecoder;
import tripwire.codecs.MarketDefinitionDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.codecs.UndecodableInputDecoder;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioFormatException;
import tripwire.engine.scenario.ScenarioParser;

/**
 * The reference data of a live engine's configuration (key {@value #KEY}): a scenario file
 * (docs/scenario-format.md) holding only {@code asset} and {@code market} lines, blank lines and {@code #} comments.
 *
 * <p>Checked whole at load, before anything runs: the file must be readable, every line an asset or market line the
 * scenario reader encodes (not {@code MALFORMED}), and every definition accepted by a scratch engine with the
 * configured capacities, in file order. Each refusal names the key, the file and the 1-based line.
 *
 * <p>Seqs: the N definitions are inputs {@code -N..-1} in file order. Feeders' seqs are {@code >= 1}, so the
 * configured inputs come first in the journal without ever colliding with, or shadowing, a feeder's seq.
 *
 * <p>Immutable once loaded; read by the thread that starts the engine.
 */
final class ReferenceData
{
    static final String KEY = "referenceData";
    static final ReferenceData NONE = new ReferenceData(null, List.of());

    private final Path file;
    private final List<ScenarioEvent> inputs;

    private ReferenceData(final Path file, final List<ScenarioEvent> inputs)
    {
        this.file = file;
        this.inputs = inputs;
    }

    /**
     * Reads and checks the file.
     *
     * @throws IllegalArgumentException naming the key, the file and the line at fault.
     */
    static ReferenceData load(final Path file, final EngineConfig engineConfig)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException(KEY + ": cannot read " + file + ": " + ex.getMessage());
        }
        final ScenarioParser parser = new ScenarioParser();
        final List<ScenarioEvent> parsed = new ArrayList<>();
        final List<Integer> lineNumbers = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (int i = 0; i < lines.size(); i++)
        {
            final ScenarioEvent event;
            try
            {
                event = parser.parseLine(i + 1, lines.get(i));
            }
            catch (final ScenarioFormatException ex)
            {
                throw refusal(file, i + 1, ex.getMessage().substring(ex.getMessage().indexOf(": ") + 2));
            }
            if (event == null)
            {
                continue;
            }
            final UnsafeBuffer frame = new UnsafeBuffer(event.frame());
            final int templateId = header.wrap(frame, 0).templateId();
            if (templateId == UndecodableInputDecoder.TEMPLATE_ID)
            {
                final UndecodableInputDecoder undecodable = new UndecodableInputDecoder()
                    .wrap(frame, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                throw refusal(file, i + 1, "MALFORMED (" + undecodable.problem() + "): " + undecodable.text());
            }
            if (templateId != AssetDefinitionDecoder.TEMPLATE_ID && templateId != MarketDefinitionDecoder.TEMPLATE_ID)
            {
                throw refusal(file, i + 1, "only asset and market lines belong here: " + abbreviated(lines.get(i)));
            }
            parsed.add(event);
            lineNumbers.add(i + 1);
        }
        checkAccepted(file, engineConfig, parser, parsed, lineNumbers);

        final List<ScenarioEvent> inputs = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++)
        {
            final ScenarioEvent event = parsed.get(i);
            inputs.add(new ScenarioEvent(i - parsed.size(), event.timeNs(), event.frame()));
        }
        return new ReferenceData(file, List.copyOf(inputs));
    }

    /** Applies the definitions to a scratch engine: a rejected one is refused now rather than journaled later. */
    private static void checkAccepted(
        final Path file,
        final EngineConfig engineConfig,
        final ScenarioParser parser,
        final List<ScenarioEvent> events,
        final List<Integer> lineNumbers)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf);
        final String[] rejection = {null};
        final LiquidationEngine scratch = new LiquidationEngine(engineConfig,
            (outSeq, timeNs, buffer, offset, length) ->
            {
                if (rejection[0] == null && header.wrap(buffer, offset).templateId() == RejectionDecoder.TEMPLATE_ID)
                {
                    rejection[0] = json.render(buffer, offset, length);
                }
            });
        for (int i = 0; i < events.size(); i++)
        {
            final ScenarioEvent event = events.get(i);
            final DirectBuffer frame = new UnsafeBuffer(event.frame());
            scratch.onInput(lineNumbers.get(i), event.timeNs(), frame, 0, event.frame().length);
            if (rejection[0] != null)
            {
                throw refusal(file, lineNumbers.get(i), "the engine rejects it: " + rejection[0]);
            }
        }
    }

    private static IllegalArgumentException refusal(final Path file, final int lineNumber, final String problem)
    {
        return new IllegalArgumentException(KEY + ": " + file + " line " + lineNumber + ": " + problem);
    }

    private static String abbreviated(final String line)
    {
        final String trimmed = line.strip();
        return trimmed.length() <= 80 ? trimmed : trimmed.substring(0, 77) + "...";
    }

    /** The file, or null when the configuration has no {@value #KEY}. */
    Path file()
    {
        return file;
    }

    /** The definitions as inputs at seqs -N..-1, file order; empty without reference data. */
    List<ScenarioEvent> inputs()
    {
        return inputs;
    }
}

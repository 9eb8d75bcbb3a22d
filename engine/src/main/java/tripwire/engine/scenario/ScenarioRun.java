package tripwire.engine.scenario;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;

/**
 * Runs scenario lines through a fresh {@link LiquidationEngine} on the calling thread, without ring or
 * journal: the business logic alone, for tests. The command-line {@code scenario} runs the same frames
 * through the real ring and journal.
 */
public final class ScenarioRun
{
    private ScenarioRun()
    {
    }

    /** @return the engine's outputs as JSON lines, in the order it emitted them. */
    public static List<String> runLines(final List<String> lines)
    {
        return runLines(lines, EngineConfig.defaults());
    }

    public static List<String> runLines(final List<String> lines, final EngineConfig config)
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<ScenarioEvent> events = parser.parseAll(lines);
        final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
        final List<String> outputs = new ArrayList<>();
        final LiquidationEngine engine = new LiquidationEngine(
            config, (outSeq, timeNs, buffer, offset, length) -> outputs.add(json.render(buffer, offset, length)));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
        for (final ScenarioEvent event : events)
        {
            frame.wrap(event.frame());
            engine.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
        }
        return outputs;
    }
}

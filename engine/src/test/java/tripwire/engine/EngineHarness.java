package tripwire.engine;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

/**
 * Drives a {@link LiquidationEngine} one scenario line at a time on the test thread, so a test can look at
 * the outputs and the state between lines. Line numbers count from 1 as in a file.
 */
public final class EngineHarness
{
    private final ScenarioParser parser = new ScenarioParser();
    private final List<String> outputs = new ArrayList<>();
    private final OutputJson json = new OutputJson(parser.markets()::nameOf, parser.assets()::nameOf, parser.sources()::nameOf);
    private final LiquidationEngine engine;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
    private int lineNumber;

    public EngineHarness()
    {
        this(EngineConfig.defaults());
    }

    public EngineHarness(final EngineConfig config)
    {
        engine = new LiquidationEngine(config, (outSeq, timeNs, buffer, offset, length) ->
            outputs.add(json.render(buffer, offset, length)));
    }

    /** Applies every line; returns all outputs they caused. */
    public List<String> apply(final String... lines)
    {
        final List<String> caused = new ArrayList<>();
        for (final String line : lines)
        {
            caused.addAll(applyLine(line));
        }
        return caused;
    }

    /** Applies one line (the next line number); returns the outputs it caused. */
    public List<String> applyLine(final String line)
    {
        final int before = outputs.size();
        final ScenarioEvent event = parser.parseLine(++lineNumber, line);
        if (event != null)
        {
            frame.wrap(event.frame());
            engine.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
        }
        return new ArrayList<>(outputs.subList(before, outputs.size()));
    }

    public LiquidationEngine engine()
    {
        return engine;
    }

    public List<String> outputs()
    {
        return outputs;
    }
}

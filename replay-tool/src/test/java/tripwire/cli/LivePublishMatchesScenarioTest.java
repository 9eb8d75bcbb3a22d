package tripwire.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.live.LiveConfig;
import tripwire.live.LiveEngine;
import tripwire.live.LiveTesting;

/**
 * The live engine fed by {@code tripwire publish} from another process emits, on its egress queue, exactly the
 * outputs that {@code tripwire scenario} prints for the same file.
 */
final class LivePublishMatchesScenarioTest
{
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @MethodSource("tripwire.cli.ReferenceCasesThroughPipelineTest#scenarios")
    void liveEngineFedByPublishEmitsWhatScenarioPrints(final Path scenario) throws Exception
    {
        final ScenarioParser scenarioParser = new ScenarioParser();
        final List<ScenarioEvent> events = scenarioParser.parseAll(Files.readAllLines(scenario));
        final List<String> expected = ScenarioCommand.run(events, scenarioParser, root.resolve("scenario-journal"),
            tripwire.engine.EngineConfig.defaults());
        assertFalse(events.isEmpty());

        final LiveConfig config = LiveConfig.of(LiveTesting.properties(65_536, 0), root.resolve("live"));
        final LiveEngine engine = new LiveEngine(config, line -> { });
        LiveTesting.start(engine);
        final Path log = root.resolve("publish.log");
        final Process publish = LiveTesting.startChild(log, LiveTesting.javaCommand(TripwireCli.class.getName(),
            "publish", scenario.toAbsolutePath().toString(), "--to", config.ingressDir().toString()));
        assertTrue(publish.waitFor(LiveTesting.GIVE_UP_SECONDS, TimeUnit.SECONDS), "publish did not end");
        assertEquals(0, publish.exitValue(), LiveTesting.read(log));
        final long lastSeq = events.get(events.size() - 1).seq();
        LiveTesting.await(() -> engine.appliedSeq() == lastSeq, "the live engine to apply seq " + lastSeq);
        LiveTesting.stop(engine);

        final ScenarioParser names = new ScenarioParser();
        names.parseAll(Files.readAllLines(scenario));
        final OutputJson json = new OutputJson(names.markets()::nameOf, names.assets()::nameOf, names.sources()::nameOf);
        final List<String> actual = new ArrayList<>();
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[512]);
        try (JournalReader egress = new JournalReader(config.egressDir()))
        {
            egress.readAll((kind, outSeq, timeNs, buffer, offset, length) ->
            {
                if (kind == JournalRecordDescriptor.KIND_OUTPUT)
                {
                    copy.putBytes(0, buffer, offset, length);
                    actual.add(json.render(copy, 0, length));
                }
            });
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, actual);
    }
}

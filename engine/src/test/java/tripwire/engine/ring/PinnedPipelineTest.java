package tripwire.engine.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.engine.EngineConfig;
import tripwire.engine.journal.EventJournal;
import tripwire.engine.scenario.OutputJson;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.engine.scenario.ScenarioRun;

/**
 * A pipeline asked to pin its business-logic thread on any machine (this one may have 2 cores and no CPU to
 * reserve) still processes every event and stops cleanly: pinning is best effort.
 */
class PinnedPipelineTest
{
    private static final Path CASE = Path.of("src/test/resources/reference-cases/r01-single-long.jsonl");

    @Test
    void pipelineWithPinningOnProcessesEveryEventAndStopsCleanly() throws IOException, InterruptedException
    {
        final List<String> log = new CopyOnWriteArrayList<>();
        final ThreadingChoice threading = ThreadingChoice.choose(
            "yielding", ThreadPinning.Mode.ON, Runtime.getRuntime().availableProcessors());

        final List<String> outputs = run(threading, log);

        assertEquals(expectedLines(), outputs);
        assertEquals("threading: wait strategy yielding (as configured); business-logic thread pinned (as configured)",
            log.get(0));
        assertEquals(2, log.size(), () -> "one start line and one pinning line: " + log);
        assertTrue(log.get(1).startsWith("pinning: tripwire-business-logic pinned to cpu ") ||
            log.get(1).startsWith("pinning: refused for tripwire-business-logic ("), log::toString);
        assertTrue(log.get(1).startsWith("pinning: refused") == log.get(1).endsWith("running unpinned"), log::toString);
        assertFalse(businessLogicThreadAlive(), "the business-logic thread stopped");
    }

    @Test
    void pipelineWithPinningOffLogsNoPinningAndGivesTheSameOutputs() throws IOException
    {
        final List<String> log = new CopyOnWriteArrayList<>();
        final ThreadingChoice threading = ThreadingChoice.choose("blocking", ThreadPinning.Mode.OFF, 2);

        final List<String> outputs = run(threading, log);

        assertEquals(expectedLines(), outputs);
        assertEquals(List.of("threading: wait strategy blocking (as configured); business-logic thread unpinned" +
            " (as configured)"), log);
    }

    private final Thread[] businessLogicThread = new Thread[1];

    private List<String> run(final ThreadingChoice threading, final List<String> log) throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        final List<ScenarioEvent> events = parser.parseAll(Files.readAllLines(CASE, StandardCharsets.UTF_8));
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

            @Override
            public void onInputTaken(final long seq)
            {
                businessLogicThread[0] = Thread.currentThread();
            }
        };
        try (EnginePipeline pipeline = new EnginePipeline(
            EngineConfig.defaults(), EventJournal.NONE, listener, 1024, threading, log::add))
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

    /** The outputs of the same scenario applied to an engine directly, without a pipeline. */
    private static List<String> expectedLines() throws IOException
    {
        final List<String> outputs = ScenarioRun.runLines(Files.readAllLines(CASE, StandardCharsets.UTF_8));
        assertFalse(outputs.isEmpty(), "the scenario produces outputs");
        return outputs;
    }

    /** Whether the thread that applied the inputs is still alive once given time to finish its exit. */
    private boolean businessLogicThreadAlive() throws InterruptedException
    {
        final Thread thread = businessLogicThread[0];
        thread.join(30_000);
        return thread.isAlive();
    }
}

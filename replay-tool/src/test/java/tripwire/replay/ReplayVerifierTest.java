package tripwire.replay;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One input may emit any number of outputs: a crash tick that liquidates every one of 6,000 accounts is verified
 * like any other input, and a difference in its last output is still found and named.
 */
class ReplayVerifierTest
{
    private static final int ACCOUNTS = 6_000;
    private static final EngineConfig CONFIG = EngineConfig.defaults().withMaxAccounts(ACCOUNTS + 1);

    @Test
    void verifiesAnInputThatLiquidatesThousandsOfAccountsAtOnce()
    {
        final Journal journal = Journal.of(crash());
        assertTrue(journal.outputsOfLastInput > 4_096, "the crash tick emits " + journal.outputsOfLastInput + " outputs");

        final ReplayVerifier.Result result = journal.replay(-1);

        assertTrue(result.ok(), result::toString);
        assertEquals(journal.outputs.size(), result.outputs());
    }

    @Test
    void namesADifferenceInTheLastOutputOfAnInputWithThousands()
    {
        final Journal journal = Journal.of(crash());

        final ReplayVerifier.Result result = journal.replay(journal.outputs.size() - 1);

        assertFalse(result.ok());
        assertTrue(result.firstDifference().startsWith("output outSeq " + journal.outputs.size() + " differs"),
            result.firstDifference());
    }

    private static List<String> crash()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}");
        lines.add("{\"type\":\"market\",\"market\":\"SOL-PERP\",\"initialMarginRate\":\"0.1\"," +
            "\"maintenanceMarginRate\":\"0.05\",\"oracleSources\":[\"pyth\"]}");
        lines.add("{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"SOL-PERP\",\"price\":\"100\"}");
        for (int account = 1; account <= ACCOUNTS; account++)
        {
            lines.add("{\"type\":\"deposit\",\"account\":" + account + ",\"asset\":\"USDC\",\"amount\":\"1000\"}");
            lines.add("{\"type\":\"fill\",\"account\":" + account + ",\"market\":\"SOL-PERP\",\"size\":\"50\",\"price\":\"100\"}");
        }
        lines.add("{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"SOL-PERP\",\"price\":\"70\"}");
        return lines;
    }

    /** The records a pipeline would journal for the lines: each input, then the outputs it emitted. */
    private static final class Journal
    {
        final List<ScenarioEvent> inputs;
        final List<byte[]> outputs = new ArrayList<>();
        final List<Integer> outputsAfterInput = new ArrayList<>();
        int outputsOfLastInput;

        private Journal(final List<ScenarioEvent> inputs)
        {
            this.inputs = inputs;
        }

        static Journal of(final List<String> lines)
        {
            final Journal journal = new Journal(new ScenarioParser().parseAll(lines));
            final LiquidationEngine engine = new LiquidationEngine(CONFIG, (outSeq, timeNs, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                journal.outputs.add(bytes);
            });
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
            for (final ScenarioEvent event : journal.inputs)
            {
                final int before = journal.outputs.size();
                frame.wrap(event.frame());
                engine.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
                journal.outputsAfterInput.add(journal.outputs.size());
                journal.outputsOfLastInput = journal.outputs.size() - before;
            }
            journal.finalStateHash = engine.stateHash();
            return journal;
        }

        long finalStateHash;

        /** Feeds the records to a verifier, with output number {@code alteredOutput} (0-based; -1: none) altered. */
        ReplayVerifier.Result replay(final int alteredOutput)
        {
            final ReplayVerifier verifier = new ReplayVerifier(CONFIG);
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[0]);
            int output = 0;
            for (int i = 0; i < inputs.size(); i++)
            {
                final ScenarioEvent event = inputs.get(i);
                frame.wrap(event.frame());
                verifier.onInput(event.seq(), event.timeNs(), frame, 0, event.frame().length);
                for (; output < outputsAfterInput.get(i); output++)
                {
                    final byte[] bytes = outputs.get(output).clone();
                    if (output == alteredOutput)
                    {
                        bytes[bytes.length - 1] ^= 1;
                    }
                    verifier.onOutput(output + 1, new UnsafeBuffer(bytes), 0, bytes.length);
                }
            }
            verifier.onStateHash(inputs.get(inputs.size() - 1).seq(), finalStateHash);
            return verifier.finish();
        }
    }
}

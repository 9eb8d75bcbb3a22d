package tripwire.replay;

import java.util.Arrays;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.state.OffHeap;

/**
 * Re-runs journaled inputs through a fresh {@link LiquidationEngine} and checks, record by record, that it
 * produces exactly the journaled outputs (byte for byte, in order) and the journaled state hashes. Stops
 * counting differences at the first one and names it.
 *
 * <p>Feed it the journal's records in order through {@link #onInput}, {@link #onOutput} and
 * {@link #onStateHash}, then call {@link #finish}. Single-threaded.
 */
public final class ReplayVerifier
{
    private static final int INITIAL_PENDING = 4096;
    /** Room for the outputs of most inputs (a handful, at most 128 bytes each); a crash tick's grow it. */
    private static final int INITIAL_PENDING_BYTES = 64 * 1024;

    private final LiquidationEngine engine;
    /**
     * The replayed outputs of the current input not yet matched with the journal's, back to back: output i is
     * {@code pendingLength[i]} bytes at {@code pendingOffset[i]}. An input may emit any number of outputs (a crash
     * tick may liquidate every account), so all of them grow on demand; they are emptied before every input.
     * The bytes are an off-heap {@link UnsafeBuffer} grown by hand, not one of Agrona's expandable buffers: an
     * on-heap buffer or a second buffer class makes the JIT discard the engine's compiled code (docs/PERF.md,
     * "Replay"; {@code OneBufferClassTest}).
     */
    private UnsafeBuffer pendingBytes = OffHeap.allocate(INITIAL_PENDING_BYTES);
    private int[] pendingOffset = new int[INITIAL_PENDING];
    private int[] pendingLength = new int[INITIAL_PENDING];
    private long[] pendingOutSeq = new long[INITIAL_PENDING];
    private int pendingHead;
    private int pendingCount;
    private int pendingEnd;
    private final TemplateCounts inputsByTemplate = new TemplateCounts();
    private final TemplateCounts outputsByTemplate = new TemplateCounts();
    /** The engine's state hash and the input count it was computed at: the journal's last hash is usually final. */
    private long hashedAtInputs = -1;
    private long hashedValue;
    private long inputs;
    private long outputs;
    private long stateHashes;
    private String firstDifference;

    public ReplayVerifier(final EngineConfig config)
    {
        engine = new LiquidationEngine(config, this::onReplayedOutput);
    }

    public void onInput(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (firstDifference != null)
        {
            return;
        }
        if (pendingCount != 0)
        {
            difference("before input seq " + seq + ": the engine produced output outSeq " +
                pendingOutSeq[pendingHead] + " that the journal does not have");
            return;
        }
        inputs++;
        inputsByTemplate.count(buffer, offset, length);
        engine.onInput(seq, timeNs, buffer, offset, length);
    }

    public void onOutput(final long outSeq, final DirectBuffer buffer, final int offset, final int length)
    {
        if (firstDifference != null)
        {
            return;
        }
        outputs++;
        outputsByTemplate.count(buffer, offset, length);
        if (pendingCount == 0)
        {
            difference("journaled output outSeq " + outSeq + " was not produced by the replay");
            return;
        }
        final int replayedOffset = pendingOffset[pendingHead];
        final int replayedLength = pendingLength[pendingHead];
        if (replayedLength != length || !equalBytes(pendingBytes, replayedOffset, buffer, offset, length))
        {
            difference("output outSeq " + outSeq + " differs: journal " + hex(buffer, offset, length) +
                ", replay " + hex(pendingBytes, replayedOffset, replayedLength));
            return;
        }
        pendingHead++;
        pendingCount--;
    }

    public void onStateHash(final long lastSeq, final long journaledHash)
    {
        if (firstDifference != null)
        {
            return;
        }
        stateHashes++;
        final long replayedHash = stateHash();
        if (replayedHash != journaledHash)
        {
            difference(String.format("state hash after seq %d differs: journal %016x, replay %016x",
                lastSeq, journaledHash, replayedHash));
        }
    }

    /** Call after the last record. */
    public Result finish()
    {
        if (firstDifference == null && pendingCount != 0)
        {
            difference("the replay produced output outSeq " + pendingOutSeq[pendingHead] + " after the journal's end");
        }
        if (firstDifference == null && stateHashes == 0)
        {
            difference("the journal holds no state hash: it was not closed cleanly, so the state cannot be verified");
        }
        return new Result(firstDifference == null, firstDifference, inputs, outputs, stateHashes,
            stateHash(), inputsByTemplate.byTemplate(), outputsByTemplate.byTemplate());
    }

    /** The engine's state hash, computed once per state: hashing walks every account record. */
    private long stateHash()
    {
        if (hashedAtInputs != inputs)
        {
            hashedValue = engine.stateHash();
            hashedAtInputs = inputs;
        }
        return hashedValue;
    }

    public LiquidationEngine engine()
    {
        return engine;
    }

    private void onReplayedOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (pendingCount == 0)
        {
            pendingHead = 0;
            pendingEnd = 0;
        }
        final int slot = pendingHead + pendingCount;
        if (slot == pendingOffset.length)
        {
            pendingOffset = Arrays.copyOf(pendingOffset, 2 * slot);
            pendingLength = Arrays.copyOf(pendingLength, 2 * slot);
            pendingOutSeq = Arrays.copyOf(pendingOutSeq, 2 * slot);
        }
        if (pendingEnd + length > pendingBytes.capacity())
        {
            final UnsafeBuffer grown = OffHeap.allocate(Math.min(OffHeap.MAX_BYTES, 2L * (pendingEnd + length)));
            grown.putBytes(0, pendingBytes, 0, pendingEnd);
            pendingBytes = grown;
        }
        pendingBytes.putBytes(pendingEnd, buffer, offset, length);
        pendingOffset[slot] = pendingEnd;
        pendingLength[slot] = length;
        pendingOutSeq[slot] = outSeq;
        pendingEnd += length;
        pendingCount++;
    }

    private void difference(final String description)
    {
        if (firstDifference == null)
        {
            firstDifference = description;
        }
    }

    private static boolean equalBytes(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static String hex(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final StringBuilder out = new StringBuilder();
        for (final byte b : bytes)
        {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    /**
     * What a verification found.
     *
     * @param ok                true when every output and state hash was reproduced.
     * @param firstDifference   null when ok.
     * @param inputsByTemplate  SBE template id to count (-1: shorter than a header).
     */
    public record Result(
        boolean ok,
        String firstDifference,
        long inputs,
        long outputs,
        long stateHashes,
        long finalStateHash,
        Map<Integer, Long> inputsByTemplate,
        Map<Integer, Long> outputsByTemplate)
    {
        @Override
        public String toString()
        {
            return (ok ? "OK" : "DIFFERENT: " + firstDifference) + " (inputs " + inputs + ", outputs " + outputs +
                ", state hashes " + stateHashes + ")";
        }
    }
}

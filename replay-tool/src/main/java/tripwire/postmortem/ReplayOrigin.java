package tripwire.postmortem;

import java.nio.file.Path;

import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.OutputSink;

/**
 * Where a {@link PostmortemReplay} starts: the seam for snapshots. {@link #JOURNAL_START} replays from a fresh
 * engine at the journal's first record; {@code tripwire.live.SnapshotOrigin} restores the newest snapshot at or
 * before the bound and reports the last input seq it covers, so that the replay skips the inputs (and the outputs)
 * the snapshot already holds.
 */
@FunctionalInterface
public interface ReplayOrigin
{
    /** A fresh engine, nothing applied yet. */
    ReplayOrigin JOURNAL_START =
        (journalDir, config, bound, sink) -> new Start(new LiquidationEngine(config, sink), Start.NOTHING_APPLIED);

    /**
     * @param bound where the replay will stop: a snapshot origin picks the last snapshot not beyond it.
     * @param sink  receives the engine's replayed outputs.
     */
    Start open(Path journalDir, EngineConfig config, ReplayBound bound, OutputSink sink);

    /**
     * @param engine   the engine to replay into, holding the state after input {@code afterSeq}.
     * @param afterSeq inputs with seq at most this are already applied ({@link #NOTHING_APPLIED}: none; seqs may be
     *                 negative, a live engine journals its configured reference data at seqs -N..-1).
     */
    record Start(LiquidationEngine engine, long afterSeq)
    {
        public static final long NOTHING_APPLIED = Long.MIN_VALUE;
    }
}

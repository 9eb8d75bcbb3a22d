package tripwire.journal;

/**
 * The byte layout of one journal record: one Chronicle Queue document each, little-endian.
 * <pre>
 *   0         4         8                   16                  24
 *   +---------+---------+-------------------+-------------------+----------------------------+
 *   |  kind   | length  |        seq        |      timeNs       | payload (length bytes) ... |
 *   +---------+---------+-------------------+-------------------+----------------------------+
 * </pre>
 * <ul>
 *   <li>{@link #KIND_INPUT}: payload is the input's SBE frame exactly as it arrived; seq is the input's seq.</li>
 *   <li>{@link #KIND_OUTPUT}: payload is the output's SBE frame; seq is its outSeq.</li>
 *   <li>{@link #KIND_STATE_HASH}: payload is one long, the engine's state hash after input seq.</li>
 *   <li>{@link #KIND_CONFIG}: payload is three ints: maxAccounts, maxAssets, maxMarkets; written first.</li>
 * </ul>
 * Kinds are stable numbers; a reader skips kinds it does not know.
 */
public final class JournalRecordDescriptor
{
    public static final int KIND_INPUT = 1;
    public static final int KIND_OUTPUT = 2;
    public static final int KIND_STATE_HASH = 3;
    public static final int KIND_CONFIG = 4;

    public static final int KIND_OFFSET = 0;
    public static final int LENGTH_OFFSET = 4;
    public static final int SEQ_OFFSET = 8;
    public static final int TIME_OFFSET = 16;
    public static final int HEADER_LENGTH = 24;

    private JournalRecordDescriptor()
    {
    }
}

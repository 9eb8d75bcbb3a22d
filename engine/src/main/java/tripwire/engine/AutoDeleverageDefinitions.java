package tripwire.engine;

import tripwire.codecs.BooleanType;
import tripwire.codecs.RejectReason;
import tripwire.engine.state.AutoDeleverageTable;

/**
 * The market field {@code autoDeleverage} (docs/risk-model.md section 7): checked after a market definition's
 * v1 checks, applied after its v1 apply. A definition's value replaces the market's (absent is FALSE), so a
 * redefinition without the field turns the feature off.
 *
 * <p>Owned by the business-logic thread; off the hot path.
 */
final class AutoDeleverageDefinitions
{
    /** {@code INVALID_REFERENCE_DATA} detail1: the field's byte is neither FALSE (0) nor TRUE (1); detail2 holds it. */
    static final int AUTO_DELEVERAGE_NOT_BOOLEAN = 20;

    private final AutoDeleverageTable table;
    private final OutputPublisher publisher;

    AutoDeleverageDefinitions(final AutoDeleverageTable table, final OutputPublisher publisher)
    {
        this.table = table;
        this.publisher = publisher;
    }

    /** Publishes the rejection and returns true when the raw field value is not a boolean. */
    boolean rejected(final long seq, final long timeNs, final short autoDeleverageRaw)
    {
        if (autoDeleverageRaw != BooleanType.FALSE.value() && autoDeleverageRaw != BooleanType.TRUE.value())
        {
            publisher.rejection(
                seq, timeNs, RejectReason.INVALID_REFERENCE_DATA, AUTO_DELEVERAGE_NOT_BOOLEAN, autoDeleverageRaw);
            return true;
        }
        return false;
    }

    /** Applies a value that passed {@link #rejected}. */
    void apply(final int marketId, final short autoDeleverageRaw)
    {
        table.autoDeleverage(marketId, autoDeleverageRaw == BooleanType.TRUE.value());
    }
}

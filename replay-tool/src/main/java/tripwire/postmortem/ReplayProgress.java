package tripwire.postmortem;

/** Told how far a {@link PostmortemReplay} has come; called on the replaying thread every few thousand records. */
@FunctionalInterface
public interface ReplayProgress
{
    ReplayProgress NONE = (inputs, liquidationOrders) -> { };

    void update(long inputs, long liquidationOrders);
}

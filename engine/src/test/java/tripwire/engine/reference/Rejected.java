package tripwire.engine.reference;

/**
 * Thrown by a failing check inside the reference model; the model turns it into one rejection output.
 * Every check of an event runs before the event changes any state, so a rejected event changes nothing.
 */
final class Rejected extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final RejectReason reason;

    Rejected(final RejectReason reason)
    {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}

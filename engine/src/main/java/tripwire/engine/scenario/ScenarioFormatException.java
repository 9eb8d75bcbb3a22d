package tripwire.engine.scenario;

/** A scenario that cannot be read: a line that is not a JSON object. Names the 1-based line. */
public final class ScenarioFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final int lineNumber;

    public ScenarioFormatException(final int lineNumber, final String message)
    {
        super("line " + lineNumber + ": " + message);
        this.lineNumber = lineNumber;
    }

    public int lineNumber()
    {
        return lineNumber;
    }
}

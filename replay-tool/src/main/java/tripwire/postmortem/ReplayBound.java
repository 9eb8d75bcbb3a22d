package tripwire.postmortem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replay stops: after the last input whose seq is at most {@link #lastSeq} and whose event time is at most
 * {@link #lastTimeNs} (both inclusive); the outputs that input caused are included.
 *
 * @param lastSeq    highest input seq to apply; {@link Long#MAX_VALUE} for no limit.
 * @param lastTimeNs latest input event time to apply, ns; {@link Long#MAX_VALUE} for no limit.
 */
public record ReplayBound(long lastSeq, long lastTimeNs)
{
    public static final ReplayBound END = new ReplayBound(Long.MAX_VALUE, Long.MAX_VALUE);

    private static final Pattern TIME_WITH_UNIT = Pattern.compile("(\\d+)(ns|us|ms|s)");

    /** True when an input at this seq and time lies beyond the bound. */
    public boolean isBeyond(final long seq, final long timeNs)
    {
        return seq > lastSeq || timeNs > lastTimeNs;
    }

    /**
     * Parses {@code SEQ|TIME}: plain digits are an input seq; digits with a unit ({@code ns}, {@code us},
     * {@code ms}, {@code s}) are an event time in that unit; an ISO-8601 instant ({@code 2026-11-26T10:00:00Z}) is
     * an event time in ns since the epoch.
     *
     * @throws IllegalArgumentException when the text is neither.
     */
    public static ReplayBound parse(final String text)
    {
        final String at = text.trim();
        if (at.matches("\\d+"))
        {
            return new ReplayBound(Long.parseLong(at), Long.MAX_VALUE);
        }
        final Matcher withUnit = TIME_WITH_UNIT.matcher(at);
        if (withUnit.matches())
        {
            final long value = Long.parseLong(withUnit.group(1));
            final long nsPerUnit = switch (withUnit.group(2))
            {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                default -> 1_000_000_000L;
            };
            return new ReplayBound(Long.MAX_VALUE, Math.multiplyExact(value, nsPerUnit));
        }
        try
        {
            final Instant instant = Instant.parse(at);
            return new ReplayBound(Long.MAX_VALUE,
                Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()));
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("not a seq, a time with a unit (ns, us, ms, s) or an ISO-8601 instant: " + text);
        }
    }

    @Override
    public String toString()
    {
        if (lastSeq == Long.MAX_VALUE && lastTimeNs == Long.MAX_VALUE)
        {
            return "the end";
        }
        return lastSeq != Long.MAX_VALUE ? "seq " + lastSeq : "timeNs " + lastTimeNs;
    }
}

package tripwire.engine.scenario;

import tripwire.engine.math.FixedPoint;

/** E8 fixed point to plain decimal text without trailing zeros ("1.5", "50", "-0.00000001"). Allocates. */
public final class E8Text
{
    private E8Text()
    {
    }

    public static String format(final long valueE8)
    {
        final boolean negative = valueE8 < 0;
        final String digits = Long.toString(valueE8).substring(negative ? 1 : 0);
        final String padded = digits.length() <= FixedPoint.SCALE_DIGITS ?
            "0".repeat(FixedPoint.SCALE_DIGITS + 1 - digits.length()) + digits : digits;
        final int point = padded.length() - FixedPoint.SCALE_DIGITS;
        String fraction = padded.substring(point);
        int end = fraction.length();
        while (end > 0 && fraction.charAt(end - 1) == '0')
        {
            end--;
        }
        fraction = fraction.substring(0, end);
        final String text = fraction.isEmpty() ? padded.substring(0, point) : padded.substring(0, point) + '.' + fraction;
        return negative ? "-" + text : text;
    }
}

package tripwire.postmortem;

/** Plain decimal text of an SBE Decimal ({@code mantissa x 10^exponent}) without exponent notation. Allocates. */
final class DecimalFormat
{
    private DecimalFormat()
    {
    }

    /** {@code "unrepresentable"} for the mantissa -2^63 that marks a value the sender could not encode. */
    static String plain(final long mantissa, final int exponent)
    {
        if (mantissa == Long.MIN_VALUE)
        {
            return "unrepresentable";
        }
        final boolean negative = mantissa < 0;
        final String digits = Long.toString(Math.abs(mantissa));
        final String text;
        if (exponent >= 0)
        {
            text = mantissa == 0 ? "0" : digits + "0".repeat(exponent);
        }
        else
        {
            final int scale = -exponent;
            final String padded = digits.length() <= scale ? "0".repeat(scale + 1 - digits.length()) + digits : digits;
            final int point = padded.length() - scale;
            String fraction = padded.substring(point);
            int end = fraction.length();
            while (end > 0 && fraction.charAt(end - 1) == '0')
            {
                end--;
            }
            fraction = fraction.substring(0, end);
            text = fraction.isEmpty() ? padded.substring(0, point) : padded.substring(0, point) + '.' + fraction;
        }
        return negative && !"0".equals(text) ? "-" + text : text;
    }
}

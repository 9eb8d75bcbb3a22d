package tripwire.engine.scenario;

import java.util.regex.Pattern;

import tripwire.codecs.DecimalEncoder;

/**
 * Plain decimal text ({@code -?[0-9]+(\.[0-9]+)?}) to the wire's exact {@code Decimal}: mantissa x 10^exponent.
 * The value is kept exactly; deciding whether it fits the engine's scale is the engine's job (so that the
 * rejection is journaled). A value whose digits do not fit a 64-bit mantissa is sent as the marker
 * mantissa -2^63 with exponent -1 when it has more than 8 significant fractional digits (the engine says
 * {@code PRECISION}) and 0 otherwise (the engine says {@code OVERFLOW}). Off the hot path.
 */
public final class DecimalText
{
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final int MAX_MANTISSA_DIGITS = 18;
    private static final int ENGINE_FRACTION_DIGITS = 8;

    private DecimalText()
    {
    }

    public static boolean isPlainDecimal(final String text)
    {
        return PLAIN_DECIMAL.matcher(text).matches();
    }

    /** Encodes a text that {@link #isPlainDecimal} accepted. */
    public static void encode(final String text, final DecimalEncoder encoder)
    {
        final boolean negative = text.startsWith("-");
        final String unsigned = negative ? text.substring(1) : text;
        final int dot = unsigned.indexOf('.');
        String integerDigits = dot < 0 ? unsigned : unsigned.substring(0, dot);
        String fractionDigits = dot < 0 ? "" : unsigned.substring(dot + 1);

        fractionDigits = stripTrailingZeros(fractionDigits);
        int exponent = -fractionDigits.length();
        String digits = stripLeadingZeros(integerDigits + fractionDigits);
        if (fractionDigits.isEmpty())
        {
            final String stripped = stripTrailingZeros(digits);
            exponent = digits.length() - stripped.length();
            digits = stripped;
        }

        if (digits.isEmpty())
        {
            encoder.mantissa(0).exponent((byte)0);
            return;
        }
        if (digits.length() > MAX_MANTISSA_DIGITS || exponent < Byte.MIN_VALUE || exponent > Byte.MAX_VALUE)
        {
            final boolean tooPrecise = fractionDigits.length() > ENGINE_FRACTION_DIGITS;
            encoder.mantissa(Long.MIN_VALUE).exponent((byte)(tooPrecise ? -1 : 0));
            return;
        }
        final long magnitude = Long.parseLong(digits);
        encoder.mantissa(negative ? -magnitude : magnitude).exponent((byte)exponent);
    }

    private static String stripTrailingZeros(final String digits)
    {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0')
        {
            end--;
        }
        return digits.substring(0, end);
    }

    private static String stripLeadingZeros(final String digits)
    {
        int start = 0;
        while (start < digits.length() && digits.charAt(start) == '0')
        {
            start++;
        }
        return digits.substring(start);
    }
}

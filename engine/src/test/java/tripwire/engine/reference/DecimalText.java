package tripwire.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal strings for generated quantities: plain notation, a chosen number of fractional digits. */
final class DecimalText
{
    private DecimalText()
    {
    }

    static BigDecimal round(final double value, final int decimals)
    {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    static BigDecimal roundDown(final BigDecimal value, final int decimals)
    {
        return value.setScale(decimals, RoundingMode.DOWN);
    }

    /** Fractional digits that keep about six significant digits of a positive value, within [0, 8]. */
    static int decimalsFor(final double magnitude)
    {
        final int decimals = 5 - (int)Math.floor(Math.log10(Math.max(magnitude, 1e-12)));
        return Math.max(0, Math.min(8, decimals));
    }
}

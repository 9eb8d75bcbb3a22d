package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** An open account. Mutable state owned by {@link ReferenceModel}. */
final class ModelAccount
{
    final long id;

    /** Quote cash: the balance of the quote asset. May be negative. */
    BigDecimal cash = BigDecimal.ZERO;

    /** Balances of non-quote assets by asset name; never negative. */
    final Map<String, BigDecimal> collateral = new HashMap<>();

    /** Signed positions by market name; a zero position is removed. */
    final Map<String, BigDecimal> positions = new HashMap<>();

    /** The outstanding liquidation order of a market's position, by market name. */
    final Map<String, Long> outstandingOrderByMarket = new HashMap<>();

    ModelAccount(final long id)
    {
        this.id = id;
    }

    BigDecimal collateral(final String asset)
    {
        return collateral.getOrDefault(asset, BigDecimal.ZERO);
    }

    BigDecimal position(final String market)
    {
        return positions.getOrDefault(market, BigDecimal.ZERO);
    }

    void setPosition(final String market, final BigDecimal size)
    {
        if (size.signum() == 0)
        {
            positions.remove(market);
        }
        else
        {
            positions.put(market, size);
        }
    }
}

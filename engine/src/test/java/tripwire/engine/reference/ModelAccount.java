package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** An open account. Mutable state owned by {@link ReferenceModel}. */
final class ModelAccount
{
    final long id;

    /** The order in which accounts were opened, from 0: ADL's tie-break. */
    final int openIndex;

    /** Quote cash: the balance of the quote asset. May be negative. */
    BigDecimal cash = BigDecimal.ZERO;

    /** Balances of non-quote assets by asset name; never negative. */
    final Map<String, BigDecimal> collateral = new HashMap<>();

    /** Signed positions by market name; a zero position is removed. */
    final Map<String, BigDecimal> positions = new HashMap<>();

    /**
     * Cost basis of every non-zero position by market name (quote units, signed like the position),
     * docs/risk-model.md section 7; absent means 0.
     */
    final Map<String, BigDecimal> costBasis = new HashMap<>();

    /**
     * Event time of the account's last partial liquidation order (section 4): a position in market m gets no new
     * partial order before this time plus m's {@code liquidationCooldownNs}.
     */
    long lastPartialOrderTimeNs;

    /** Whether the account ever received a partial order (until then {@link #lastPartialOrderTimeNs} means nothing). */
    boolean hadPartialOrder;

    /** The outstanding liquidation order of a market's position, by market name. */
    final Map<String, Long> outstandingOrderByMarket = new HashMap<>();

    ModelAccount(final long id, final int openIndex)
    {
        this.id = id;
        this.openIndex = openIndex;
    }

    BigDecimal collateral(final String asset)
    {
        return collateral.getOrDefault(asset, BigDecimal.ZERO);
    }

    BigDecimal position(final String market)
    {
        return positions.getOrDefault(market, BigDecimal.ZERO);
    }

    BigDecimal costBasis(final String market)
    {
        return costBasis.getOrDefault(market, BigDecimal.ZERO.setScale(E8.SCALE));
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

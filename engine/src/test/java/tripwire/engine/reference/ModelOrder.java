package tripwire.engine.reference;

import java.math.BigDecimal;

/** An outstanding liquidation order. Mutable state owned by {@link ReferenceModel}. */
final class ModelOrder
{
    final long id;
    final long account;
    final String market;

    /** {@code "SELL"} closes a long, {@code "BUY"} closes a short. */
    final String side;

    /** What is left to fill; the order ends when it reaches zero. */
    BigDecimal remaining;

    ModelOrder(final long id, final long account, final String market, final String side, final BigDecimal size)
    {
        this.id = id;
        this.account = account;
        this.market = market;
        this.side = side;
        this.remaining = size;
    }

    boolean isSell()
    {
        return "SELL".equals(side);
    }
}

package tripwire.engine.reference;

import java.math.BigDecimal;

/** A defined asset. Mutable state of the reference model; only {@link ReferenceModel} changes it. */
final class ModelAsset
{
    final String name;
    final int id;
    final boolean quote;
    BigDecimal haircut;

    /** Last accepted price; {@code null} until the first tick. Never set for the quote asset (price 1). */
    BigDecimal price;

    /** High-water mark: the largest balance of this asset any account has ever held. Never lowered. */
    BigDecimal maxBalance = BigDecimal.ZERO;

    ModelAsset(final String name, final int id, final boolean quote, final BigDecimal haircut)
    {
        this.name = name;
        this.id = id;
        this.quote = quote;
        this.haircut = haircut;
    }
}

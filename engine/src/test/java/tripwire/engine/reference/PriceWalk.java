package tripwire.engine.reference;

import java.util.SplittableRandom;

/**
 * A geometric random walk for one market or asset, with occasional crashes and rallies: a trend of
 * several ticks with a strong drift. Kept between 1% and 20× of the base price so that generated
 * positions stay well inside the engine's range.
 */
final class PriceWalk
{
    private final double basePrice;
    private double drift;
    private int trendTicksLeft;

    PriceWalk(final double basePrice)
    {
        this.basePrice = basePrice;
    }

    double next(final double price, final SplittableRandom random, final ScenarioFeatures features)
    {
        if (trendTicksLeft == 0 && random.nextDouble() < features.trendRate())
        {
            final boolean crash = random.nextDouble() < 0.6;
            drift = (crash ? -1 : 1) * (0.01 + 0.06 * random.nextDouble());
            trendTicksLeft = 3 + random.nextInt(13);
        }
        double logReturn = features.volatility() * random.nextGaussian();
        if (trendTicksLeft > 0)
        {
            logReturn += drift;
            trendTicksLeft--;
        }
        final double next = price * Math.exp(logReturn);
        return Math.max(basePrice * 0.01, Math.min(basePrice * 20, next));
    }
}

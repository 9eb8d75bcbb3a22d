package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static tripwire.engine.reference.RejectReason.INVALID_REFERENCE_DATA;

/**
 * A market's margin tiers, docs/risk-model.md section 1, written from the doc alone.
 *
 * <pre>
 * tier 0: from notional 0, the market line's own rates m_0, i_0
 * tier n: from notional F_n, rates m_n, i_n            (at most 7 further tiers)
 * dm_0 = 0,  dm_n = dm_{n-1} + floor(F_n × (m_n − m_{n-1}))      likewise di_n with i
 * N = ceil(|s| × P); tier = the largest n with F_n <= N
 * MM_pos = ceil(N × m_n) − dm_n          IM_pos = ceil(N × i_n) − di_n
 * </pre>
 * A market without {@code marginTiers} has tier 0 only, which is v1's {@code ceil(N × rate)}. Immutable.
 */
final class MarginTierSchedule
{
    static final int MAX_FURTHER_TIERS = 7;

    /** One tier with its cumulative deductions, all in whole units (scale 8). */
    record Tier(
        BigDecimal fromNotional, BigDecimal maintenanceRate, BigDecimal initialRate,
        BigDecimal maintenanceDeduction, BigDecimal initialDeduction)
    {
        BigDecimal maintenance(final BigDecimal notional)
        {
            return E8.ceil(notional.multiply(maintenanceRate)).subtract(maintenanceDeduction);
        }

        BigDecimal initial(final BigDecimal notional)
        {
            return E8.ceil(notional.multiply(initialRate)).subtract(initialDeduction);
        }
    }

    /** Tier 0 first; {@code fromNotional} strictly increasing. */
    final List<Tier> tiers;

    private MarginTierSchedule(final List<Tier> tiers)
    {
        this.tiers = List.copyOf(tiers);
    }

    /**
     * Decodes and checks the further tiers against the doc's rules (decoding may reject {@code PRECISION} or
     * {@code OVERFLOW}; a broken rule rejects {@code INVALID_REFERENCE_DATA}): at most 7; {@code 0 < F_1 < F_2 < …};
     * {@code m_n} in (0, 1], {@code i_n} in [m_n, 1]; {@code m_n >= m_{n-1}}, {@code i_n >= i_{n-1}}.
     *
     * @param maintenanceRate tier 0's maintenance rate, already checked.
     * @param initialRate     tier 0's initial rate, already checked.
     */
    static MarginTierSchedule of(
        final BigDecimal maintenanceRate, final BigDecimal initialRate, final List<ModelEvent.TierFields> further)
    {
        if (further.size() > MAX_FURTHER_TIERS)
        {
            throw new Rejected(INVALID_REFERENCE_DATA);
        }
        final List<Tier> tiers = new ArrayList<>();
        Tier previous = new Tier(BigDecimal.ZERO.setScale(E8.SCALE), maintenanceRate, initialRate,
            BigDecimal.ZERO.setScale(E8.SCALE), BigDecimal.ZERO.setScale(E8.SCALE));
        tiers.add(previous);
        for (final ModelEvent.TierFields fields : further)
        {
            final BigDecimal notional = E8.decode(fields.notional());
            final BigDecimal maintenance = E8.decode(fields.maintenanceMarginRate());
            final BigDecimal initial = E8.decode(fields.initialMarginRate());
            if (notional.compareTo(previous.fromNotional()) <= 0)
            {
                throw new Rejected(INVALID_REFERENCE_DATA);
            }
            if (maintenance.signum() <= 0 || maintenance.compareTo(BigDecimal.ONE) > 0 ||
                maintenance.compareTo(previous.maintenanceRate()) < 0)
            {
                throw new Rejected(INVALID_REFERENCE_DATA);
            }
            if (initial.compareTo(maintenance) < 0 || initial.compareTo(BigDecimal.ONE) > 0 ||
                initial.compareTo(previous.initialRate()) < 0)
            {
                throw new Rejected(INVALID_REFERENCE_DATA);
            }
            final BigDecimal maintenanceDeduction = previous.maintenanceDeduction()
                .add(E8.floor(notional.multiply(maintenance.subtract(previous.maintenanceRate()))));
            final BigDecimal initialDeduction = previous.initialDeduction()
                .add(E8.floor(notional.multiply(initial.subtract(previous.initialRate()))));
            previous = new Tier(notional, maintenance, initial, maintenanceDeduction, initialDeduction);
            tiers.add(previous);
        }
        return new MarginTierSchedule(tiers);
    }

    /** The tier of a position of this notional: the largest n with {@code F_n <= notional}. */
    Tier tierOf(final BigDecimal notional)
    {
        Tier found = tiers.get(0);
        for (final Tier tier : tiers)
        {
            if (tier.fromNotional().compareTo(notional) <= 0)
            {
                found = tier;
            }
        }
        return found;
    }
}

package tripwire.engine.reference;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a scenario does when the reference model runs it: counts of orders, fills and rejections. */
final class ScenarioStatistics
{
    int lines;
    int liquidationOrders;
    int rejections;
    int acceptedPartialLiquidationFills;
    int acceptedFullLiquidationFills;
    final Set<RejectReason> rejectionReasons = EnumSet.noneOf(RejectReason.class);
    final Map<RejectReason, Integer> rejectionsByReason = new EnumMap<>(RejectReason.class);

    static ScenarioStatistics of(final List<String> lines)
    {
        final ScenarioStatistics statistics = new ScenarioStatistics();
        final ReferenceModel model = new ReferenceModel();
        for (final String line : lines)
        {
            final Map<Long, BigDecimal> remainingBefore = new HashMap<>();
            model.outstandingOrders().forEach(order -> remainingBefore.put(order.order(), order.remaining()));
            final List<ModelOutput> outputs = model.acceptLine(line);
            statistics.count(line, outputs, remainingBefore, model);
        }
        return statistics;
    }

    private void count(
        final String line, final List<ModelOutput> outputs, final Map<Long, BigDecimal> remainingBefore,
        final ReferenceModel model)
    {
        lines++;
        boolean rejected = false;
        for (final ModelOutput output : outputs)
        {
            if (output instanceof ModelOutput.Rejection)
            {
                rejected = true;
                rejections++;
                final RejectReason reason = ((ModelOutput.Rejection)output).reason();
                rejectionReasons.add(reason);
                rejectionsByReason.merge(reason, 1, Integer::sum);
            }
            else if (output instanceof ModelOutput.LiquidationOrder)
            {
                liquidationOrders++;
            }
        }
        if (!rejected && line.contains("\"liquidationFill\""))
        {
            final boolean stillOutstanding = model.outstandingOrders().stream()
                .anyMatch(order -> remainingBefore.containsKey(order.order()) &&
                    order.remaining().compareTo(remainingBefore.get(order.order())) < 0);
            if (stillOutstanding)
            {
                acceptedPartialLiquidationFills++;
            }
            else
            {
                acceptedFullLiquidationFills++;
            }
        }
    }

    @Override
    public String toString()
    {
        return "lines=" + lines + " orders=" + liquidationOrders + " partialFills=" + acceptedPartialLiquidationFills +
            " fullFills=" + acceptedFullLiquidationFills + " rejections=" + rejections + " " + rejectionsByReason;
    }
}

package tripwire.engine.reference;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the engine's output lines with the reference model's outputs: element by element, liquidation
 * orders in every field (limit price with {@code compareTo}: exact equality, both follow the same rounding),
 * rejections by seq and reason, and the lines of docs/risk-model.md ({@code marginWarning},
 * {@code liquidationPenalty}, {@code insuranceFund}, {@code deleverage}) in every field, decimals by value.
 * Output types neither format defines (e.g. {@code oracleStatus}) are skipped, as their reader would.
 */
final class OutputComparison
{
    private OutputComparison()
    {
    }

    /**
     * @return {@code null} when the outputs are the same, else the first differing index with both outputs
     *         and the input line(s) they belong to.
     */
    static String firstDifference(
        final List<String> inputLines, final List<ModelOutput> modelOutputs, final List<String> engineLines)
    {
        final List<ModelOutput> engineOutputs = new ArrayList<>();
        final List<String> engineJson = new ArrayList<>();
        for (final String engineLine : engineLines)
        {
            final ModelOutput output = ModelOutput.parse(engineLine);
            if (output != null)
            {
                engineOutputs.add(output);
                engineJson.add(engineLine);
            }
        }

        final int common = Math.min(modelOutputs.size(), engineOutputs.size());
        for (int i = 0; i < common; i++)
        {
            if (!sameOutput(modelOutputs.get(i), engineOutputs.get(i)))
            {
                return describe(inputLines, i, modelOutputs.get(i), modelOutputs.get(i).toJson(),
                    engineOutputs.get(i), engineJson.get(i));
            }
        }
        if (modelOutputs.size() > common)
        {
            return describe(inputLines, common, modelOutputs.get(common), modelOutputs.get(common).toJson(),
                null, "(nothing: the engine's outputs end here)") + counts(modelOutputs, engineOutputs);
        }
        if (engineOutputs.size() > common)
        {
            return describe(inputLines, common, null, "(nothing: the model's outputs end here)",
                engineOutputs.get(common), engineJson.get(common)) + counts(modelOutputs, engineOutputs);
        }
        return null;
    }

    static boolean sameOutput(final ModelOutput model, final ModelOutput engine)
    {
        if (model instanceof ModelOutput.Rejection && engine instanceof ModelOutput.Rejection)
        {
            final ModelOutput.Rejection modelRejection = (ModelOutput.Rejection)model;
            final ModelOutput.Rejection engineRejection = (ModelOutput.Rejection)engine;
            return modelRejection.seq() == engineRejection.seq() && modelRejection.reason() == engineRejection.reason();
        }
        if (model instanceof ModelOutput.LiquidationOrder && engine instanceof ModelOutput.LiquidationOrder)
        {
            final ModelOutput.LiquidationOrder modelOrder = (ModelOutput.LiquidationOrder)model;
            final ModelOutput.LiquidationOrder engineOrder = (ModelOutput.LiquidationOrder)engine;
            return modelOrder.order() == engineOrder.order() &&
                modelOrder.account() == engineOrder.account() &&
                modelOrder.market().equals(engineOrder.market()) &&
                modelOrder.side().equals(engineOrder.side()) &&
                modelOrder.size().compareTo(engineOrder.size()) == 0 &&
                modelOrder.limitPrice().compareTo(engineOrder.limitPrice()) == 0 &&
                modelOrder.triggerSeq() == engineOrder.triggerSeq();
        }
        // the risk outputs normalise their decimals (trailing zeros stripped), so equality compares values
        if (model instanceof ModelOutput.MarginWarning || model instanceof ModelOutput.LiquidationPenalty ||
            model instanceof ModelOutput.InsuranceFundMovement || model instanceof ModelOutput.Deleverage)
        {
            return model.equals(engine);
        }
        return false;
    }

    private static String describe(
        final List<String> inputLines, final int index, final ModelOutput model, final String modelJson,
        final ModelOutput engine, final String engineJson)
    {
        final StringBuilder description = new StringBuilder()
            .append("first difference at output index ").append(index)
            .append("\n  model:  ").append(modelJson)
            .append("\n  engine: ").append(engineJson);
        appendInputLine(description, inputLines, seqOf(model));
        if (seqOf(engine) != seqOf(model))
        {
            appendInputLine(description, inputLines, seqOf(engine));
        }
        return description.toString();
    }

    private static String counts(final List<ModelOutput> modelOutputs, final List<ModelOutput> engineOutputs)
    {
        return "\n  output counts: model " + modelOutputs.size() + ", engine " + engineOutputs.size();
    }

    private static void appendInputLine(final StringBuilder description, final List<String> inputLines, final int seq)
    {
        if (seq >= 1 && seq <= inputLines.size())
        {
            description.append("\n  input line ").append(seq).append(": ").append(inputLines.get(seq - 1));
        }
    }

    /** The input line an output belongs to: its seq (an order's triggerSeq); 0 for none. */
    private static int seqOf(final ModelOutput output)
    {
        return output == null ? 0 : output.seq();
    }
}

package tripwire.postmortem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;

import tripwire.codecs.MessageHeaderDecoder;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.OutputJson;

/**
 * Writes every journaled event, inputs and outputs in journal order, as CSV (one header row, fixed columns a
 * spreadsheet reads) or JSON Lines (one flat object per event). {@code record} is {@code input} or {@code output};
 * inputs carry {@code seq}, outputs {@code outSeq}
 * (and, in {@code seq}, the input that caused them); both carry {@code timeNs} and their decoded fields, amounts as
 * plain decimals. Single-threaded; the writer is the caller's.
 */
public final class EventExport implements PostmortemListener
{
    /** CSV columns; fields without a column of their own go to {@code other} as {@code name=value} pairs. */
    public static final List<String> CSV_COLUMNS = List.of(
        "record", "seq", "outSeq", "timeNs", "type", "kind", "account", "counterparty", "market", "asset", "source", "order",
        "side", "size", "price", "limitPrice", "amount", "penalty", "liquidatorReward", "insuranceFund", "uncovered",
        "balance", "equity", "initialMargin", "reason", "status", "message", "other");
    /** No seq / outSeq in this row (input seqs may be negative: a live engine's referenceData). */
    private static final long NONE = Long.MIN_VALUE;

    /** Output format. */
    public enum Format
    {
        CSV, JSONL
    }

    private final Writer out;
    private final Format format;
    private InputJson inputJson;
    private OutputJson outputJson;
    private long rows;

    public EventExport(final Writer out, final Format format)
    {
        this.out = out;
        this.format = format;
        if (format == Format.CSV)
        {
            write(String.join(",", CSV_COLUMNS));
        }
    }

    @Override
    public void onInput(
        final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
        if (inputJson == null)
        {
            inputJson = new InputJson(engine::marketName, engine::assetName);
        }
        emit("input", "\"seq\":" + seq, seq, NONE, timeNs, inputJson.render(buffer, offset, length));
    }

    @Override
    public void onOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
        if (outputJson == null)
        {
            outputJson = new OutputJson(engine::marketName, engine::assetName);
        }
        final String json = length < MessageHeaderDecoder.ENCODED_LENGTH ?
            "{\"type\":\"badFrame\",\"length\":" + length + '}' : outputJson.render(buffer, offset, length);
        emit("output", "\"outSeq\":" + outSeq, NONE, outSeq, timeNs, json);
    }

    /** Rows written, without the CSV header. */
    public long rows()
    {
        return rows;
    }

    private void emit(
        final String record, final String sequence, final long seq, final long outSeq, final long timeNs, final String json)
    {
        rows++;
        if (format == Format.JSONL)
        {
            final String fields = json.length() > 2 ? "," + json.substring(1) : "}";
            write("{\"record\":\"" + record + "\"," + sequence + ",\"timeNs\":" + timeNs + fields);
            return;
        }
        final Map<String, String> fields = new LinkedHashMap<>(FlatJson.parse(json));
        final Map<String, String> row = new LinkedHashMap<>();
        row.put("record", record);
        final String causeSeq = fields.containsKey("triggerSeq") ? fields.remove("triggerSeq") : fields.remove("seq");
        row.put("seq", seq != NONE ? Long.toString(seq) : causeSeq == null ? "" : causeSeq);
        row.put("outSeq", outSeq != NONE ? Long.toString(outSeq) : "");
        row.put("timeNs", Long.toString(timeNs));
        final StringBuilder other = new StringBuilder();
        fields.forEach((name, value) ->
        {
            if (CSV_COLUMNS.contains(name) && !row.containsKey(name))
            {
                row.put(name, value);
            }
            else
            {
                other.append(other.length() == 0 ? "" : ";").append(name).append('=').append(value);
            }
        });
        row.put("other", other.toString());
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < CSV_COLUMNS.size(); i++)
        {
            line.append(i == 0 ? "" : ",").append(csv(row.getOrDefault(CSV_COLUMNS.get(i), "")));
        }
        write(line.toString());
    }

    private static String csv(final String value)
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
        {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private void write(final String line)
    {
        try
        {
            out.write(line);
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

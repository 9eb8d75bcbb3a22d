package tripwire.postmortem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

import tripwire.codecs.DepositDecoder;
import tripwire.codecs.FillDecoder;
import tripwire.codecs.LiquidationFillDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.WithdrawDecoder;
import tripwire.engine.AccountFigures;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.scenario.OutputJson;

/**
 * Every event touching one account, collected while a journal replays: the inputs naming it (deposits,
 * withdrawals, fills, liquidation fills of its orders), any other input after which its equity or requirements
 * changed (ticks, mostly), and the journaled outputs naming it (orders, penalties, fund movements, deleverages as
 * either side, margin warnings, rejections of its inputs); each with the account's figures after it.
 * Single-threaded.
 */
public final class AccountTimeline implements PostmortemListener
{
    private final long accountId;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawDecoder withdraw = new WithdrawDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final LiquidationFillDecoder liquidationFill = new LiquidationFillDecoder();
    private final LongHashSet orderIds = new LongHashSet();
    private final List<Entry> entries = new ArrayList<>();
    private InputJson inputJson;
    private OutputJson outputJson;
    private AccountFigures last = AccountFigures.NOT_OPEN;
    private long lastNamingInputSeq = Long.MIN_VALUE; // none yet: seqs may be negative (a live engine's referenceData)

    public AccountTimeline(final long accountId)
    {
        this.accountId = accountId;
    }

    @Override
    public void onInput(
        final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
        final boolean names = names(buffer, offset, length);
        final AccountFigures figures = names || last.open() ? engine.accountFigures(accountId) : AccountFigures.NOT_OPEN;
        if (names || !figures.equals(last))
        {
            if (names)
            {
                lastNamingInputSeq = seq;
            }
            entries.add(new Entry(true, seq, timeNs, inputJson(engine).render(buffer, offset, length), figures));
        }
        last = figures;
    }

    @Override
    public void onOutput(
        final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
        final LiquidationEngine engine)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        final String json = outputJson(engine).render(buffer, offset, length);
        final Map<String, String> fields = FlatJson.parse(json);
        final String id = Long.toString(accountId);
        final boolean names = id.equals(fields.get("account")) || id.equals(fields.get("counterparty")) ||
            ("rejection".equals(fields.get("type")) && Long.toString(lastNamingInputSeq).equals(fields.get("seq")));
        if (names)
        {
            if ("liquidationOrder".equals(fields.get("type")))
            {
                orderIds.add(Long.parseLong(fields.get("order")));
            }
            entries.add(new Entry(false, outSeq, timeNs, json, engine.accountFigures(accountId)));
        }
    }

    /** The events in journal order. */
    public List<Entry> entries()
    {
        return entries;
    }

    private boolean names(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() > length)
        {
            return false;
        }
        switch (header.templateId())
        {
            case DepositDecoder.TEMPLATE_ID:
                return deposit.wrap(buffer, body, header.blockLength(), header.version()).accountId() == accountId;
            case WithdrawDecoder.TEMPLATE_ID:
                return withdraw.wrap(buffer, body, header.blockLength(), header.version()).accountId() == accountId;
            case FillDecoder.TEMPLATE_ID:
                return fill.wrap(buffer, body, header.blockLength(), header.version()).accountId() == accountId;
            case LiquidationFillDecoder.TEMPLATE_ID:
                return orderIds.contains(
                    liquidationFill.wrap(buffer, body, header.blockLength(), header.version()).orderId());
            default:
                return false;
        }
    }

    private InputJson inputJson(final LiquidationEngine engine)
    {
        if (inputJson == null)
        {
            inputJson = new InputJson(engine::marketName, engine::assetName);
        }
        return inputJson;
    }

    private OutputJson outputJson(final LiquidationEngine engine)
    {
        if (outputJson == null)
        {
            outputJson = new OutputJson(engine::marketName, engine::assetName);
        }
        return outputJson;
    }

    /**
     * One event of the timeline.
     *
     * @param input   true for an input (seq), false for a journaled output (outSeq).
     * @param seq     the input's seq or the output's outSeq.
     * @param json    the event as a JSON line.
     * @param figures the account's figures after the event.
     */
    public record Entry(boolean input, long seq, long timeNs, String json, AccountFigures figures)
    {
    }
}

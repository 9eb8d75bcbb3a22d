package tripwire.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.demo.CrashScenario;
import tripwire.engine.EngineConfig;
import tripwire.engine.LiquidationEngine;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.PipelineListener;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.journal.ChronicleEventJournal;
import tripwire.postmortem.AccountTimeline;
import tripwire.postmortem.EventExport;
import tripwire.postmortem.IncidentFacts;
import tripwire.postmortem.PostmortemReplay;
import tripwire.postmortem.ReplayBound;
import tripwire.postmortem.ReplayOrigin;
import tripwire.postmortem.ReplayProgress;
import tripwire.replay.ReplayVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code replay} subcommands on small journals written by the real pipeline from hand-computed risk cases
 * (penalty-04: an insurance fund of 300 against 750 of bad debt; adl-03: a deleverage and orders in two markets):
 * each reports the figures worked out in those files' comments.
 */
class PostmortemCommandsTest
{
    private static final Path CASES = Path.of("..", "engine", "src", "test", "resources", "risk-cases");
    private static final String BAD_DEBT_CASE = "penalty-04-bad-debt-partly-covered-then-fund-empty.jsonl";
    private static final String ADL_CASE = "adl-03-remainder-order.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path journalDir;

    @TempDir
    Path workDir;

    @Test
    void summaryShouldReportCountsLiquidationsFundAndLossesOfTheIncident() throws IOException
    {
        final JournalOptions journal = journalOf(BAD_DEBT_CASE);

        final IncidentFacts facts = SummaryCommand.gather(journal, false);

        assertEquals(11, facts.inputs());
        assertEquals(5, facts.outputs());
        assertEquals(Map.of(1, 1L, 2, 1L, 3, 2L, 5, 2L, 6, 2L, 7, 3L), facts.countsByTemplate(true));
        assertEquals(Map.of(20, 2L, 22, 3L), facts.countsByTemplate(false));
        final IncidentFacts.MarketFigures btc = facts.markets().get(0);
        assertEquals("BTC-PERP", btc.name());
        assertEquals(2, btc.liquidationOrders());
        assertEquals(13_500_00000000L, btc.liquidatedNotionalE8());       // 100 x 90 + 50 x 90
        assertEquals(750_00000000L, btc.badDebtE8());                     // 500 + 250
        assertEquals(0, facts.fundStartE8());
        assertEquals(300_00000000L, facts.fundBeforeFirstLiquidationE8());
        assertEquals(0, facts.fundEndE8());
        assertEquals(300_00000000L, facts.badDebtCoveredE8());
        assertEquals(450_00000000L, facts.badDebtUncoveredE8());

        final List<IncidentFacts.AccountLoss> losses = facts.losses();
        assertEquals(List.of(7L, 9L), losses.stream().map(IncidentFacts.AccountLoss::accountId).toList());
        assertEquals(500_00000000L, losses.get(0).badDebtE8());
        assertEquals(470_00000000L, losses.get(0).equityAtFirstOrderE8()); // at mark 94.7
        assertEquals(-200_00000000L, losses.get(0).equityAtEndE8());       // -500 + 300 covered
        assertEquals(235_00000000L, losses.get(1).equityAtFirstOrderE8());
        assertEquals(-250_00000000L, losses.get(1).equityAtEndE8());

        final List<String> lines = SummaryCommand.lines(facts);
        assertTrue(lines.contains("  BTC-PERP         orders 2, notional 13500; deleverages 0, notional 0; bad debt 750"), lines::toString);
        assertTrue(lines.contains("  start 0, before first liquidation 300, end 0, low 0 at timeNs 0"), lines::toString);
        assertTrue(lines.contains("  paid in: deposits 300, penalties 0; bad debt covered 300, uncovered 450"), lines::toString);
        assertTrue(lines.contains("  account 7: 500 (covered 300, uncovered 200)"), lines::toString);
        assertTrue(lines.contains("  account 9: 250 (covered 0, uncovered 250)"), lines::toString);
        assertTrue(lines.contains("  order 1, account 7 in BTC-PERP: SELL 100 at 90 = 9000 (seq 13)"), lines::toString);
    }

    @Test
    void summaryShouldReportDeleveragesAndLiquidationsOfEachMarket() throws IOException
    {
        final IncidentFacts facts = SummaryCommand.gather(journalOf(ADL_CASE), false);

        final IncidentFacts.MarketFigures btc = facts.markets().get(0);
        assertEquals(2, btc.liquidationOrders());
        assertEquals(11_527_27272727L, btc.liquidatedNotionalE8());       // 0.5 x 10454.54545454 + 0.7 x 9000
        assertEquals(1, btc.deleverages());
        assertEquals(2_700_00000000L, btc.deleveragedNotionalE8());       // 0.3 x 9000
        assertEquals(1, facts.markets().get(1).liquidationOrders());
        assertEquals(1_527_27272728L, facts.markets().get(1).liquidatedNotionalE8());
        assertEquals(0, facts.firstTimeNs());
        assertEquals(2000, facts.lastTimeNs());
        assertTrue(SummaryCommand.lines(facts)
            .contains("  account 1 against 2 in BTC-PERP: SELL 0.3 at 9000 = 2700 (seq 36)"));
    }

    @Test
    void timelineShouldListTheAccountsEventsWithItsFiguresAfterEach() throws IOException
    {
        final AccountTimeline timeline = TimelineCommand.timeline(journalOf(BAD_DEBT_CASE), 7);

        final List<AccountTimeline.Entry> entries = timeline.entries();
        assertEquals(List.of("deposit", "fill", "tick", "liquidationOrder", "liquidationFill", "liquidationFill", "insuranceFund"),
            entries.stream().map(e -> type(e.json())).toList(), entries::toString);
        assertFigures(entries.get(0), 1000, 0, 0);
        assertFigures(entries.get(1), 1000, 500, 1000);                   // cash -9000, 100 at 100
        assertFigures(entries.get(2), 470, 473.5, 947);                   // mark 94.7
        assertEquals(13, entries.get(2).seq());
        assertFalse(entries.get(3).input());
        assertFigures(entries.get(4), -15, 236.75, 473.5);                // 50 sold at 85, 50 left at 94.7
        assertFigures(entries.get(5), -200, 0, 0);                        // flat; 300 of the 500 covered
        assertTrue(entries.get(6).json().contains("\"kind\":\"BAD_DEBT\""), entries.get(6)::toString);
        assertTrue(TimelineCommand.lines(timeline).get(3).contains("470"), () -> TimelineCommand.lines(timeline).toString());
    }

    @Test
    void timelineShouldIncludeDeleveragesAndTheRejectionsOfTheAccountsInputs() throws IOException
    {
        final List<AccountTimeline.Entry> entries = TimelineCommand.timeline(journalOf(ADL_CASE), 1).entries();

        assertEquals(List.of("deposit", "fill", "tick", "deleverage", "liquidationOrder", "liquidationFill", "withdraw",
            "rejection"), entries.stream().map(e -> type(e.json())).toList(), entries::toString);
        assertFigures(entries.get(2), -140, 308, 616);                    // after ADL: cash -6300, 0.7 at 8800
        assertFigures(entries.get(5), 0, 0, 0);
        assertEquals(39, entries.get(6).seq());
    }

    @Test
    void stateShouldBeTheStateAfterTheLastInputAtOrBeforeTheSeqOrTime() throws IOException
    {
        final JournalOptions journal = journalOf(ADL_CASE);

        assertEquals(List.of(
            "account   3 at seq 24, timeNs 1500",
            "balance   USDC             3700",
            "position  BTC-PERP         -0.5 at mark 10000",
            "position  ETH-PERP         1 at mark 1600",
            "equity    300",
            "maint.    330",
            "initial   660",
            "status    LIQUIDATABLE (equity below maintenance)"),
            StateCommand.lines(journal, ReplayBound.parse("24"), 3L));
        final List<String> atTime = StateCommand.lines(journal, ReplayBound.parse("1999ns"), null);
        assertEquals("at        seq 29, timeNs 1500, outSeq 2", atTime.get(0));
        assertTrue(atTime.contains("market    BTC-PERP         mark 10000"), atTime::toString);
        assertTrue(atTime.contains("market    SOL-PERP         mark none"), atTime::toString);
        assertTrue(atTime.get(5).startsWith("accounts  4 open, 1 below maintenance"), atTime::toString);
        assertEquals(List.of("account   1 at seq 42, timeNs 2000", "equity    0", "maint.    0", "initial   0", "status    healthy"),
            StateCommand.lines(journal, ReplayBound.parse("1000"), 1L));
    }

    @Test
    void aReplayFromASnapshotOriginShouldSkipWhatTheSnapshotHoldsAndReachTheSameState() throws IOException
    {
        final JournalOptions journal = journalOf(ADL_CASE);
        final LiquidationEngine fromStart = StateCommand.replayTo(journal, ReplayBound.END, ReplayOrigin.JOURNAL_START);
        // stands in for a snapshot taken after seq 24: an engine that already applied the inputs up to it
        final ReplayOrigin snapshotAt24 = (dir, config, bound, sink) ->
            new ReplayOrigin.Start(StateCommand.replayTo(journal, ReplayBound.parse("24"), ReplayOrigin.JOURNAL_START), 24);
        final IncidentFacts facts = new IncidentFacts(false);

        final PostmortemReplay.Outcome fromSnapshot = PostmortemReplay.run(journal.journalDir, EngineConfig.defaults(),
            snapshotAt24, ReplayBound.END, facts, ReplayProgress.NONE);

        assertEquals(fromStart.stateHash(), fromSnapshot.engine().stateHash());
        assertEquals(8, fromSnapshot.inputs());                             // seq 27, 28, 29, 36, 38, 39, 41, 42
        assertEquals(4, fromSnapshot.outputs());                            // outSeq 3..6: the two before seq 24 skipped
        assertEquals(Map.of(20, 1L, 21, 2L, 24, 1L), facts.countsByTemplate(false));
    }

    @Test
    void verifyShouldStayTheDefaultOfReplayAndBeASubcommand() throws IOException
    {
        final Path dir = journalOf(ADL_CASE).journalDir;

        assertEquals(0, TripwireCli.run("replay", "--journal", dir.toString(), "--no-progress"));
        assertEquals(0, TripwireCli.run("replay", "verify", "--journal", dir.toString()));
        assertEquals(2, TripwireCli.run("replay", "verify", "--journal", workDir.resolve("missing").toString()));
        assertEquals(2, TripwireCli.run("replay"));
        assertEquals(0, TripwireCli.run("replay", "summary", "--journal", dir.toString()));
        assertEquals(0, TripwireCli.run("replay", "state", "--journal", dir.toString(), "--at", "2us", "--account", "3"));
        assertEquals(2, TripwireCli.run("replay", "state", "--journal", dir.toString(), "--at", "yesterday"));
    }

    @Test
    void exportShouldWriteEveryEventAsCsvRowsAndJsonLines() throws IOException
    {
        final JournalOptions journal = journalOf(BAD_DEBT_CASE);

        final StringWriter csv = new StringWriter();
        assertEquals(16, ExportCommand.export(journal, EventExport.Format.CSV, csv));
        final List<String> rows = csv.toString().lines().toList();
        assertEquals(17, rows.size());
        assertEquals(String.join(",", EventExport.CSV_COLUMNS), rows.get(0));
        final List<String> header = EventExport.CSV_COLUMNS;
        final List<String> order = rows.stream().filter(r -> r.contains(",liquidationOrder,")).findFirst().orElseThrow()
            .lines().flatMap(r -> java.util.Arrays.stream(r.split(",", -1))).toList();
        assertEquals(header.size(), order.size());
        assertEquals("output", order.get(header.indexOf("record")));
        assertEquals("13", order.get(header.indexOf("seq")));
        assertEquals("2", order.get(header.indexOf("outSeq")));
        assertEquals("7", order.get(header.indexOf("account")));
        assertEquals("BTC-PERP", order.get(header.indexOf("market")));
        assertEquals("SELL", order.get(header.indexOf("side")));
        assertEquals("100", order.get(header.indexOf("size")));
        assertEquals("90", order.get(header.indexOf("limitPrice")));
        assertEquals("1", order.get(header.indexOf("order")));
        assertEquals("", order.get(header.indexOf("other")));

        final StringWriter jsonl = new StringWriter();
        ExportCommand.export(journal, EventExport.Format.JSONL, jsonl);
        final List<String> lines = jsonl.toString().lines().toList();
        assertEquals(16, lines.size());
        final JsonNode asset = JSON.readTree(lines.get(0));
        assertEquals("input", asset.get("record").asText());
        assertEquals(3, asset.get("seq").asLong());
        assertEquals("USDC", asset.get("asset").asText());
        assertEquals("300", asset.get("insuranceFund").asText());
        final JsonNode fill = JSON.readTree(lines.stream().filter(l -> l.contains("\"type\":\"fill\"")).findFirst().orElseThrow());
        assertEquals(7, fill.get("account").asLong());
        assertEquals("100", fill.get("size").asText());
        final JsonNode badDebt = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("output", badDebt.get("record").asText());
        assertEquals("BAD_DEBT", badDebt.get("kind").asText());
        assertEquals(5, badDebt.get("outSeq").asLong());
        assertEquals("250", badDebt.get("uncovered").asText());
    }

    @Test
    void reportShouldDrawEachMarketsMarksWithLiquidationMarkersAndTheAccountsTable() throws IOException
    {
        final Path page = workDir.resolve("postmortem.html");

        ReportCommand.write(journalOf(ADL_CASE), page);

        final String html = Files.readString(page);
        assertTrue(html.contains("<svg class=\"chart\" id=\"mark-0\""), html);
        assertTrue(html.contains("<svg class=\"chart\" id=\"mark-1\""), html);
        assertTrue(html.contains("<svg class=\"chart\" id=\"fund\""), html);
        assertEquals(3, count(html, "<circle class=\"liquidation\""));   // orders 1 and 3 in BTC, 2 in ETH
        assertTrue(html.contains("<tr><td class=\"l\">1</td><td>1</td><td>6300</td><td>0</td><td>0</td><td>0</td><td>2700</td>"), html);
        assertFalse(html.contains("<script"), "the page must not need a script");
        final String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutNamespace.contains("http:") || withoutNamespace.contains("https:") ||
            withoutNamespace.contains("src="), "the page must not load anything");
    }

    @Test
    void summaryCountsShouldAgreeWithTheVerifiersCountsOnACrashJournal()
    {
        final CrashScenario scenario = new CrashScenario(11, 400, 12_000);
        try (EnginePipeline pipeline = new EnginePipeline(EngineConfig.defaults().withMaxAccounts(401),
            new ChronicleEventJournal(journalDir), PipelineListener.NONE))
        {
            while (scenario.hasNext())
            {
                scenario.next();
                pipeline.publish(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length(), 0);
            }
            pipeline.awaitProcessed();
        }
        final JournalOptions journal = options(journalDir);

        final IncidentFacts facts = SummaryCommand.gather(journal, true);
        final ReplayVerifier.Result verified = JournalReplay.verify(journalDir, EngineConfig.defaults());

        assertTrue(verified.ok(), verified::toString);
        assertEquals(verified.inputsByTemplate(), facts.countsByTemplate(true));
        assertEquals(verified.outputsByTemplate(), facts.countsByTemplate(false));
        final long orders = verified.outputsByTemplate().getOrDefault(20, 0L);
        assertTrue(orders > 10, verified::toString);
        assertEquals(orders, facts.markets().values().stream().mapToLong(IncidentFacts.MarketFigures::liquidationOrders).sum());
        assertEquals(orders, facts.losses().stream().mapToLong(IncidentFacts.AccountLoss::orders).sum());
    }

    private JournalOptions journalOf(final String caseFile) throws IOException
    {
        final ScenarioParser parser = new ScenarioParser();
        ScenarioCommand.run(parser.parseAll(Files.readAllLines(CASES.resolve(caseFile))), parser, journalDir,
            EngineConfig.defaults());
        return options(journalDir);
    }

    private static JournalOptions options(final Path dir)
    {
        final JournalOptions options = new JournalOptions();
        options.journalDir = dir;
        options.noProgress = true;
        return options;
    }

    private static String type(final String json)
    {
        try
        {
            return JSON.readTree(json).get("type").asText();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(json, ex);
        }
    }

    private static void assertFigures(
        final AccountTimeline.Entry entry, final double equity, final double maintenance, final double initial)
    {
        final String figures = entry.toString();
        assertEquals(Math.round(equity * 1e8), entry.figures().equityE8(), figures);
        assertEquals(Math.round(maintenance * 1e8), entry.figures().maintenanceE8(), figures);
        assertEquals(Math.round(initial * 1e8), entry.figures().initialE8(), figures);
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1))
        {
            count++;
        }
        return count;
    }
}

package tripwire.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tripwire.cli.TripwireCli;
import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectionDecoder;
import tripwire.engine.scenario.ScenarioEvent;
import tripwire.engine.scenario.ScenarioParser;
import tripwire.journal.JournalRecordDescriptor;
import tripwire.journal.TripwireClient;

/**
 * The configuration's reference data goes through the pipeline once: at the first start, as inputs -2..-1 before any
 * ingress input; a restart (from a snapshot taken inside it, or after feeder inputs) finds it in the journal and
 * does not apply it again. Feeders' seqs from 1 are never shadowed by it, and the journal replays as usual.
 */
final class ReferenceDataLiveTest
{
    private static final List<String> REFERENCE_DATA = List.of(
        "# USDC and one market, as in scripts/tripwire-reference-data.jsonl",
        "{\"type\":\"asset\",\"asset\":\"USDC\",\"quote\":true}",
        "{\"type\":\"market\",\"market\":\"BTC-PERP\",\"initialMarginRate\":\"0.1\",\"maintenanceMarginRate\":\"0.05\"}");

    // Account 1: 100 USDC, long 10 BTC-PERP at 100. At mark 94 equity = 100 + 10 x (94 - 100) = 40 < maintenance
    // 0.05 x 940 = 47: a liquidation order. Without the configured market every fill and tick would be rejected.
    private static final List<String> FEED = List.of(
        "{\"type\":\"deposit\",\"account\":1,\"asset\":\"USDC\",\"amount\":\"100\",\"timeNs\":1000}",
        "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"100\",\"timeNs\":2000}",
        "{\"type\":\"fill\",\"account\":1,\"market\":\"BTC-PERP\",\"size\":\"10\",\"price\":\"100\",\"timeNs\":3000}",
        "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"94\",\"timeNs\":4000}",
        "{\"type\":\"tick\",\"source\":\"pyth\",\"market\":\"BTC-PERP\",\"price\":\"93\",\"timeNs\":5000}");

    @TempDir
    Path root;

    @Test
    void firstStartAppliesTheReferenceDataOnceAndRestartsDoNotApplyItAgain() throws Exception
    {
        Files.write(root.resolve("reference.jsonl"), REFERENCE_DATA);
        final Properties properties = LiveTesting.properties(1024, 1);
        properties.setProperty("referenceData", "reference.jsonl");
        properties.setProperty("snapshot.keep", "100");
        final LiveConfig config = LiveConfig.of(properties, root);
        final List<ScenarioEvent> feed = feederEvents();

        // 1. first start, nothing in the ingress: the reference data alone, journaled at -2..-1
        final List<String> firstLog = runUntil(config, -1);
        assertEquals(List.of(-2L, -1L), journaledInputSeqs(config));
        assertTrue(firstLog.stream().anyMatch(line -> line.startsWith("referenceData: 2 of 2 inputs")), firstLog::toString);
        assertTrue(Files.exists(config.snapshotDir().resolve(String.format("snapshot-%020d.bin", -1))));

        // 2. restart from the snapshot at seq -1: feeder seqs 1..4 are taken, the reference data is not re-applied
        publish(config, feed, 0, 4);
        final List<String> secondLog = runUntil(config, 4);
        assertEquals(List.of(-2L, -1L, 1L, 2L, 3L, 4L), journaledInputSeqs(config));
        assertTrue(secondLog.stream().anyMatch(line -> line.contains("not applied again")), secondLog::toString);
        assertTrue(secondLog.stream().anyMatch(line -> line.contains("snapshot-" + String.format("%020d", -1))),
            secondLog::toString);
        assertEquals(List.of(LiquidationOrderDecoder.TEMPLATE_ID), egressTemplateIds(config));

        // 3. restart after feeder inputs, newest snapshot at seq 4: still only the new input is journaled
        publish(config, feed, 4, 5);
        final List<String> thirdLog = runUntil(config, 5);
        assertEquals(List.of(-2L, -1L, 1L, 2L, 3L, 4L, 5L), journaledInputSeqs(config));
        assertTrue(thirdLog.stream().anyMatch(line -> line.contains("not applied again")), thirdLog::toString);
        assertFalse(egressTemplateIds(config).contains(RejectionDecoder.TEMPLATE_ID));

        assertEquals(0, TripwireCli.run("replay", "verify", "--journal", config.journalDir().toString()));
    }

    @Test
    void referenceDataEditedAfterTheFirstStartIsNotAppliedAndIsReported() throws Exception
    {
        final Path file = root.resolve("reference.jsonl");
        Files.write(file, REFERENCE_DATA);
        final Properties properties = LiveTesting.properties(1024, 0);
        properties.setProperty("referenceData", "reference.jsonl");
        runUntil(LiveConfig.of(properties, root), -1);
        Files.write(file, List.of(REFERENCE_DATA.get(1), REFERENCE_DATA.get(2).replace("\"0.05\"", "\"0.06\"")));

        final LiveConfig edited = LiveConfig.of(properties, root);
        final List<String> log = runUntil(edited, -1);

        assertEquals(List.of(-2L, -1L), journaledInputSeqs(edited));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("referenceData: WARNING") &&
            line.contains("first difference at seq -1")), log::toString);
    }

    @Test
    void restartAfterACrashInsideTheReferenceDataAppliesOnlyWhatTheJournalLacks() throws Exception
    {
        Files.write(root.resolve("reference.jsonl"), REFERENCE_DATA);
        final Properties properties = LiveTesting.properties(1024, 0);
        properties.setProperty("referenceData", "reference.jsonl");
        final LiveConfig config = LiveConfig.of(properties, root);
        // the journal a crash left after the first definition was journaled and applied
        final ReferenceData referenceData = config.referenceData();
        final ScenarioEvent asset = referenceData.inputs().get(0);
        try (tripwire.journal.ChronicleEventJournal journal = new tripwire.journal.ChronicleEventJournal(config.journalDir()))
        {
            journal.appendConfig(config.engineConfig());
            journal.appendInput(asset.seq(), asset.timeNs(), new UnsafeBuffer(asset.frame()), 0, asset.frame().length);
        }

        final List<String> log = runUntil(config, -1);

        assertEquals(List.of(-2L, -1L), journaledInputSeqs(config));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("referenceData: 1 of 2 inputs")), log::toString);
        final List<String> inputs = LiveTesting.records(config.journalDir(), JournalRecordDescriptor.KIND_INPUT);
        assertEquals("-1:0:" + HexFormat.of().formatHex(referenceData.inputs().get(1).frame()), inputs.get(1));
    }

    @Test
    void exampleFeedPublishedWithTheConfiguredNamesIsLiquidatedWithoutRejections() throws Exception
    {
        final Path scripts = Path.of("..", "scripts").toAbsolutePath().normalize();
        final Properties properties = LiveTesting.properties(1024, 0);
        properties.setProperty("referenceData", scripts.resolve("tripwire-reference-data.jsonl").toString());
        final LiveConfig config = LiveConfig.of(properties, root);
        final Path feed = scripts.resolve("tripwire-feed-example.jsonl");
        assertEquals(0, TripwireCli.run("publish", feed.toString(), "--names",
            scripts.resolve("tripwire-reference-data.jsonl").toString(), "--to", config.ingressDir().toString()));

        runUntil(config, Files.readAllLines(feed).size());

        final List<Integer> templateIds = egressTemplateIds(config);
        assertTrue(templateIds.contains(LiquidationOrderDecoder.TEMPLATE_ID), templateIds::toString);
        assertFalse(templateIds.contains(RejectionDecoder.TEMPLATE_ID), templateIds::toString);
        final Path csv = root.resolve("events.csv");
        assertEquals(0, TripwireCli.run("replay", "export", "--journal", config.journalDir().toString(),
            "--format", "csv", "--out", csv.toString()));
        final List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(1).startsWith("input,-2,,0,asset"), rows.get(1));
        assertTrue(rows.get(2).startsWith("input,-1,,0,market"), rows.get(2));
    }

    private static List<String> runUntil(final LiveConfig config, final long seq) throws InterruptedException
    {
        final List<String> log = new CopyOnWriteArrayList<>();
        final LiveEngine engine = new LiveEngine(config, log::add);
        LiveTesting.start(engine);
        LiveTesting.await(() -> engine.appliedSeq() == seq, "input seq " + seq + " applied");
        LiveTesting.stop(engine);
        return log;
    }

    /** The feeder's frames, with the names of the reference data (the ids it gives them), seqs 1..5. */
    private static List<ScenarioEvent> feederEvents()
    {
        final ScenarioParser parser = new ScenarioParser();
        parser.parseAll(REFERENCE_DATA);
        return parser.parseAll(FEED);
    }

    private static void publish(final LiveConfig config, final List<ScenarioEvent> events, final int from, final int to)
        throws IOException
    {
        try (TripwireClient client = new TripwireClient(config.ingressDir()))
        {
            for (final ScenarioEvent event : events.subList(from, to))
            {
                client.send(event.seq(), event.timeNs(), new UnsafeBuffer(event.frame()), 0, event.frame().length);
            }
        }
    }

    private static List<Long> journaledInputSeqs(final LiveConfig config)
    {
        final List<Long> seqs = new ArrayList<>();
        for (final String record : LiveTesting.records(config.journalDir(), JournalRecordDescriptor.KIND_INPUT))
        {
            seqs.add(Long.parseLong(record.substring(0, record.indexOf(':'))));
        }
        return seqs;
    }

    private static List<Integer> egressTemplateIds(final LiveConfig config)
    {
        final List<Integer> ids = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (final String record : LiveTesting.egress(config.egressDir()))
        {
            final byte[] frame = HexFormat.of().parseHex(record.substring(record.lastIndexOf(':') + 1));
            ids.add(header.wrap(new UnsafeBuffer(frame), 0).templateId());
        }
        return ids;
    }
}

package tripwire.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import tripwire.codecs.LiquidationOrderDecoder;
import tripwire.codecs.MessageHeaderDecoder;
import tripwire.codecs.RejectReason;
import tripwire.codecs.RejectionDecoder;
import tripwire.demo.CrashScenario;
import tripwire.engine.EngineConfig;
import tripwire.engine.ring.EnginePipeline;
import tripwire.engine.ring.PipelineListener;
import tripwire.journal.ChronicleEventJournal;
import tripwire.postmortem.ReplayProgress;

/**
 * {@code tripwire demo}: the main job on an embedded default. A synthetic market crash is streamed through
 * the real pipeline (ring, engine, Chronicle journal) with a progress bar; then a summary and a replay of
 * the journal that must reproduce every output and the final state hash.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Stream a synthetic market crash through the engine, then verify the journal by replay.")
final class DemoCommand implements Callable<Integer>
{
    private static final int CHECKPOINT_EVENTS = 10_000;

    @Option(names = "--accounts", description = "Accounts to open (default ${DEFAULT-VALUE}).")
    int accounts = 100_000;

    @Option(names = "--events", description = "Inputs to generate (default ${DEFAULT-VALUE}).")
    long events = 1_000_000;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal directory (default: a fresh temporary one).")
    Path journalDir;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (accounts < 1 || events < 1)
        {
            System.err.println("tripwire demo: --accounts and --events must be positive");
            return 2;
        }
        final Path journal = journalDir != null ? journalDir : Files.createTempDirectory("tripwire-demo-");
        final EngineConfig config = EngineConfig.defaults().withMaxAccounts(accounts + 1);
        final CrashScenario scenario = new CrashScenario(seed, accounts, events);
        final DemoListener listener = new DemoListener();
        final ProgressBar progress = new ProgressBar(events, !noProgress);

        System.err.printf("tripwire demo: %,d accounts, %,d events, seed %d, journal %s%n",
            accounts, events, seed, journal.toAbsolutePath());
        final long startNanos = System.nanoTime();
        long published = 0;
        long stateHash;
        try (EnginePipeline pipeline = new EnginePipeline(config, new ChronicleEventJournal(journal), listener))
        {
            progress.start();
            while (scenario.hasNext())
            {
                scenario.next();
                pipeline.publish(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length(), System.nanoTime());
                published++;
                if (published % CHECKPOINT_EVENTS == 0)
                {
                    published += answerOrders(pipeline, scenario, listener);
                    progress.update(scenario.seq(), listener.orders);
                }
            }
            pipeline.awaitProcessed();
            stateHash = pipeline.engine().stateHash();
        }
        final long elapsedNanos = System.nanoTime() - startNanos;
        progress.finish(scenario.seq(), listener.orders);

        final JournalReplay.Timed replay = JournalReplay.verifyTimed(journal, config, ReplayProgress.NONE);

        new DemoSummary(accounts, seed, published, elapsedNanos, listener.orders, listener.rejections,
            listener.rejectionsByReason, listener.tickToOrderNanos, journal,
            ChronicleEventJournal.directorySizeBytes(journal), stateHash, replay).print(System.out);
        return replay.result().ok() && replay.result().finalStateHash() == stateHash ? 0 : 1;
    }

    /**
     * At a checkpoint the feeder waits for the engine to catch up, then answers every liquidation order
     * emitted since with a fill: the input stream stays a pure function of the seed.
     */
    private static long answerOrders(final EnginePipeline pipeline, final CrashScenario scenario, final DemoListener listener)
    {
        pipeline.awaitProcessed();
        // The business-logic thread is idle now: take its orders before publishing anything, because the fills
        // published below make it emit (and append) new orders while this loop runs.
        final LongArrayList orders = listener.takeNewOrders();
        long fills = 0;
        for (int i = 0; i < orders.size(); i += 4)
        {
            scenario.fillOrder(orders.getLong(i), (int)orders.getLong(i + 1), (int)orders.getLong(i + 2), orders.getLong(i + 3));
            pipeline.publish(scenario.seq(), scenario.timeNs(), scenario.buffer(), 0, scenario.length(), System.nanoTime());
            fills++;
        }
        return fills;
    }

    /** Runs on the business-logic thread; read by the feeder only after {@link EnginePipeline#awaitProcessed}. */
    private static final class DemoListener implements PipelineListener
    {
        final Histogram tickToOrderNanos = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        private LongArrayList newOrders = new LongArrayList(4096, Long.MIN_VALUE);
        private LongArrayList answering = new LongArrayList(4096, Long.MIN_VALUE);
        final long[] rejectionsByReason = new long[64];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
        final RejectionDecoder rejection = new RejectionDecoder();
        volatile long orders;
        long rejections;
        long takenNanos;

        /**
         * Swaps the list of orders emitted since the last call for an empty one. Feeder thread, only while the
         * business-logic thread is idle (after {@link EnginePipeline#awaitProcessed}).
         */
        LongArrayList takeNewOrders()
        {
            final LongArrayList taken = newOrders;
            answering.clear();
            newOrders = answering;
            answering = taken;
            return taken;
        }

        @Override
        public void onInputTaken(final long seq)
        {
            takenNanos = System.nanoTime();
        }

        @Override
        public void onOutput(
            final long outSeq, final long timeNs, final DirectBuffer buffer, final int offset, final int length,
            final long intendedSendNanos)
        {
            header.wrap(buffer, offset);
            if (header.templateId() == LiquidationOrderDecoder.TEMPLATE_ID)
            {
                tickToOrderNanos.recordValue(Math.min(System.nanoTime() - takenNanos, tickToOrderNanos.getHighestTrackableValue()));
                order.wrapAndApplyHeader(buffer, offset, header);
                newOrders.addLong(order.orderId());
                newOrders.addLong(order.marketId());
                newOrders.addLong(order.side().value());
                newOrders.addLong(order.sizeE8());
                orders++;
            }
            else if (header.templateId() == RejectionDecoder.TEMPLATE_ID)
            {
                rejection.wrapAndApplyHeader(buffer, offset, header);
                final RejectReason reason = rejection.reason();
                rejectionsByReason[reason == RejectReason.NULL_VAL ? 0 : reason.value()]++;
                rejections++;
            }
        }
    }
}

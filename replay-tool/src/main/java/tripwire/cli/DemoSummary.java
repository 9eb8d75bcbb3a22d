package tripwire.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;

import tripwire.codecs.RejectReason;
import tripwire.replay.ReplayVerifier;

/** The demo's closing report. Plain, aligned text for people; every figure says its unit. */
final class DemoSummary
{
    private final int accounts;
    private final long seed;
    private final long inputs;
    private final long elapsedNanos;
    private final long orders;
    private final long rejections;
    private final long[] rejectionsByReason;
    private final Histogram tickToOrderNanos;
    private final Path journal;
    private final long journalBytes;
    private final long stateHash;
    private final JournalReplay.Timed replay;

    DemoSummary(
        final int accounts, final long seed, final long inputs, final long elapsedNanos, final long orders,
        final long rejections, final long[] rejectionsByReason, final Histogram tickToOrderNanos, final Path journal,
        final long journalBytes, final long stateHash, final JournalReplay.Timed replay)
    {
        this.accounts = accounts;
        this.seed = seed;
        this.inputs = inputs;
        this.elapsedNanos = elapsedNanos;
        this.orders = orders;
        this.rejections = rejections;
        this.rejectionsByReason = rejectionsByReason;
        this.tickToOrderNanos = tickToOrderNanos;
        this.journal = journal;
        this.journalBytes = journalBytes;
        this.stateHash = stateHash;
        this.replay = replay;
    }

    void print(final PrintStream out)
    {
        out.println();
        out.println("Tripwire demo: synthetic market crash");
        out.printf("  seed                 %d%n", seed);
        out.printf("  accounts             %,d%n", accounts);
        out.printf("  inputs               %,d (ring -> engine -> Chronicle journal)%n", inputs);
        out.printf("  elapsed              %.2f s%n", elapsedNanos / 1e9);
        out.printf("  throughput           %,d events/s%n", perSecond(inputs, elapsedNanos));
        out.printf("  liquidation orders   %,d%n", orders);
        out.printf("  rejections           %,d%s%n", rejections, reasons());
        out.printf("  tick->order latency  %s%n", latency());
        out.printf("                       (ring take -> order journaled and out, on the business-logic thread;%n");
        out.printf("                        rate-controlled, coordinated-omission-free figures: scripts/tripwire bench)%n");
        out.printf("  journal              %s (%,.1f MB of queue files; Chronicle grows them a 64 MiB block at a time)%n",
            journal.toAbsolutePath(), journalBytes / 1e6);
        out.printf("  state hash           %016x%n", stateHash);
        final ReplayVerifier.Result result = replay.result();
        out.printf("  replay verification  %s%n", result.ok() && result.finalStateHash() == stateHash ?
            String.format("PASSED: %,d inputs replayed, %,d outputs and the state hash reproduced%n" +
                    "                       (opened in %.2f s; replayed in %.2f s: %,d inputs/s, %,d journal records/s)",
                result.inputs(), result.outputs(), replay.openNanos() / 1e9, replay.replayNanos() / 1e9,
                replay.inputsPerSecond(), replay.recordsPerSecond()) :
            "FAILED: " + result);
    }

    private String reasons()
    {
        final StringBuilder text = new StringBuilder();
        for (int code = 0; code < rejectionsByReason.length; code++)
        {
            if (rejectionsByReason[code] != 0)
            {
                text.append(text.length() == 0 ? " (" : ", ")
                    .append(RejectReason.get(code).name()).append(' ').append(String.format("%,d", rejectionsByReason[code]));
            }
        }
        return text.length() == 0 ? "" : text.append(')').toString();
    }

    private String latency()
    {
        if (tickToOrderNanos.getTotalCount() == 0)
        {
            return "no orders";
        }
        return String.format("p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us (n=%,d)",
            micros(50), micros(90), micros(99), micros(99.9), tickToOrderNanos.getMaxValue() / 1e3,
            tickToOrderNanos.getTotalCount());
    }

    private double micros(final double percentile)
    {
        return tickToOrderNanos.getValueAtPercentile(percentile) / 1e3;
    }

    private static long perSecond(final long count, final long nanos)
    {
        return nanos == 0 ? 0 : (long)(count * 1e9 / nanos);
    }
}

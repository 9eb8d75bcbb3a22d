package tripwire.live;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import tripwire.journal.JournalReader;
import tripwire.journal.JournalRecordDescriptor;

/** Helpers for the live-engine tests: configurations, child JVMs, reading queues. */
public final class LiveTesting
{
    /** A safety net against a hung test, never a timing threshold: every wait ends long before it. */
    public static final long GIVE_UP_SECONDS = 90;

    private LiveTesting()
    {
    }

    public static Properties properties(final int maxAccounts, final long snapshotIntervalEvents)
    {
        final Properties properties = new Properties();
        properties.setProperty("ingress.dir", "ingress");
        properties.setProperty("egress.dir", "egress");
        properties.setProperty("journal.dir", "journal");
        properties.setProperty("snapshot.dir", "snapshots");
        properties.setProperty("engine.maxAccounts", Integer.toString(maxAccounts));
        properties.setProperty("ring.size", "4096");
        properties.setProperty("wait.strategy", "yielding");
        properties.setProperty("snapshot.intervalEvents", Long.toString(snapshotIntervalEvents));
        properties.setProperty("ingress.idleParkMicros", "100");
        return properties;
    }

    public static Path writeConfig(final Path root, final Properties properties) throws IOException
    {
        Files.createDirectories(root);
        final Path file = root.resolve("tripwire-run.properties");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            properties.store(writer, "test configuration");
        }
        return file;
    }

    /** Runs an engine on a thread of this JVM. */
    public static Thread start(final LiveEngine engine)
    {
        final Thread thread = new Thread(engine::run, "live-engine-under-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public static void stop(final LiveEngine engine) throws InterruptedException
    {
        engine.stop();
        if (!engine.awaitStopped(GIVE_UP_SECONDS, TimeUnit.SECONDS))
        {
            fail("the live engine did not stop");
        }
    }

    public static void await(final BooleanSupplier condition, final String what)
    {
        final long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > giveUp)
            {
                fail("gave up waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Every record of a queue of the given kind, as "seq:timeNs:hex", in queue order. */
    public static List<String> records(final Path directory, final int kind)
    {
        final List<String> records = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return records;
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            reader.readAll((k, seq, timeNs, buffer, offset, length) ->
            {
                if (k == kind)
                {
                    final byte[] bytes = new byte[length];
                    buffer.getBytes(offset, bytes);
                    records.add(seq + ":" + timeNs + ":" + HexFormat.of().formatHex(bytes));
                }
            });
        }
        return records;
    }

    public static List<String> egress(final Path directory)
    {
        return records(directory, JournalRecordDescriptor.KIND_OUTPUT);
    }

    /** The command line of a child JVM like this one: same java, JVM flags and class path. */
    public static List<String> javaCommand(final String mainClass, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!argument.startsWith("-agentlib:jdwp") && !argument.startsWith("-javaagent"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static String classPath()
    {
        final String testClassPath = System.getProperty("surefire.test.class.path");
        return testClassPath != null && !testClassPath.isBlank() ? testClassPath : System.getProperty("java.class.path");
    }

    public static Process startChild(final Path log, final List<String> command) throws IOException
    {
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    }

    public static String read(final Path log)
    {
        try
        {
            return Files.exists(log) ? Files.readString(log) : "";
        }
        catch (final IOException ex)
        {
            return "(cannot read " + log + ")";
        }
    }
}

package tripwire.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The code that runs in an engine's process (engine, journal, replay tool) names no buffer class of Agrona's but
 * {@code UnsafeBuffer}, and defines none: while it is the only {@code DirectBuffer} class loaded, C2 compiles the SBE
 * flyweights' reads for it alone, and loading a second one (an expandable buffer, say) discards every compiled unit
 * of the engine at once. The demo's replay check did that and ran at cold speed (docs/PERF.md, "Replay"). The perf
 * module is left out: its generators load theirs before any engine code is compiled.
 */
class OneBufferClassTest
{
    /** Agrona's other buffer classes by name, or a class of the project's own that is one. */
    private static final Pattern OTHER_BUFFER = Pattern.compile(
        "\\b(ExpandableArrayBuffer|ExpandableDirectByteBuffer|MappedResizeableBuffer)\\b" +
        "|\\bimplements\\s+[^{]*\\b\\w*(DirectBuffer|AtomicBuffer)\\b" +
        "|\\bextends\\s+(AbstractMutableDirectBuffer|UnsafeBuffer)\\b" +
        "|\\bnew\\s+\\w*(DirectBuffer|AtomicBuffer)\\s*\\(\\s*\\)\\s*\\{");

    @Test
    void codeOfTheEngineProcessUsesNoSecondBufferClass() throws IOException
    {
        final Path root = Path.of("..").toAbsolutePath().normalize();
        final List<Path> sourceRoots = Stream.of("engine", "journal", "replay-tool")
            .map(module -> root.resolve(module).resolve("src/main/java"))
            .collect(Collectors.toList());
        long files = 0;
        final StringBuilder offenders = new StringBuilder();
        for (final Path sourceRoot : sourceRoots)
        {
            assertTrue(Files.isDirectory(sourceRoot), sourceRoot + " exists");
            try (Stream<Path> paths = Files.walk(sourceRoot))
            {
                final List<Path> javaFiles =
                    paths.filter(path -> path.toString().endsWith(".java")).collect(Collectors.toList());
                for (final Path file : javaFiles)
                {
                    files++;
                    final String text = Files.readString(file);
                    if (OTHER_BUFFER.matcher(text).find())
                    {
                        offenders.append(root.relativize(file)).append('\n');
                    }
                }
            }
        }
        assertTrue(files > 100, "read " + files + " source files");
        assertEquals("", offenders.toString(), "files that name or define another DirectBuffer class");
    }
}

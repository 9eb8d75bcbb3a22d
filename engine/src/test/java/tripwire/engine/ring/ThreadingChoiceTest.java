package tripwire.engine.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadingChoiceTest
{
    @Test
    void autoYieldsUnpinnedOnTwoCores()
    {
        final ThreadingChoice choice = ThreadingChoice.choose("auto", ThreadPinning.Mode.AUTO, 2);
        assertEquals("yielding", choice.waitStrategyName());
        assertInstanceOf(YieldingWaitStrategy.class, choice.waitStrategy());
        assertFalse(choice.pin());
        assertEquals("threading: wait strategy yielding (2 cores, busy-spin from 4); business-logic thread unpinned" +
            " (auto: 2 cores, pinned from 4)", choice.describe());
    }

    @Test
    void autoBusySpinsPinnedOnFourCores()
    {
        final ThreadingChoice choice = ThreadingChoice.choose("auto", ThreadPinning.Mode.AUTO, 4);
        assertEquals("busy-spin", choice.waitStrategyName());
        assertInstanceOf(BusySpinWaitStrategy.class, choice.waitStrategy());
        assertTrue(choice.pin());
        assertEquals("threading: wait strategy busy-spin (4 cores, busy-spin from 4); business-logic thread pinned" +
            " (auto: 4 cores, pinned from 4)", choice.describe());
    }

    @Test
    void autoBusySpinsPinnedOnEightCores()
    {
        final ThreadingChoice choice = ThreadingChoice.choose("auto", ThreadPinning.Mode.AUTO, 8);
        assertEquals("busy-spin", choice.waitStrategyName());
        assertTrue(choice.pin());
    }

    @Test
    void autoYieldsUnpinnedOnThreeCores()
    {
        final ThreadingChoice choice = ThreadingChoice.choose("auto", ThreadPinning.Mode.AUTO, 3);
        assertEquals("yielding", choice.waitStrategyName());
        assertFalse(choice.pin());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void pinningOnPinsWhateverTheCores(final int cores)
    {
        final ThreadingChoice choice = ThreadingChoice.choose("auto", ThreadPinning.Mode.ON, cores);
        assertTrue(choice.pin());
        assertTrue(choice.describe().endsWith("business-logic thread pinned (as configured)"), choice.describe());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void pinningOffNeverPins(final int cores)
    {
        final ThreadingChoice choice = ThreadingChoice.choose("auto", ThreadPinning.Mode.OFF, cores);
        assertFalse(choice.pin());
        assertTrue(choice.describe().endsWith("business-logic thread unpinned (as configured)"), choice.describe());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void explicitWaitStrategyIsKeptWhateverTheCores(final int cores)
    {
        assertInstanceOf(BusySpinWaitStrategy.class,
            ThreadingChoice.choose("busy-spin", ThreadPinning.Mode.OFF, cores).waitStrategy());
        assertInstanceOf(YieldingWaitStrategy.class,
            ThreadingChoice.choose("yielding", ThreadPinning.Mode.OFF, cores).waitStrategy());
        assertInstanceOf(SleepingWaitStrategy.class,
            ThreadingChoice.choose("sleeping", ThreadPinning.Mode.OFF, cores).waitStrategy());
        assertInstanceOf(BlockingWaitStrategy.class,
            ThreadingChoice.choose("BLOCKING", ThreadPinning.Mode.OFF, cores).waitStrategy());
        assertTrue(ThreadingChoice.choose("sleeping", ThreadPinning.Mode.OFF, cores).describe()
            .startsWith("threading: wait strategy sleeping (as configured)"));
    }

    @Test
    void pinSettingsParseInAnyCase()
    {
        assertEquals(ThreadPinning.Mode.AUTO, ThreadPinning.parse("auto", "threads.pin"));
        assertEquals(ThreadPinning.Mode.OFF, ThreadPinning.parse(" Off ", "threads.pin"));
        assertEquals(ThreadPinning.Mode.ON, ThreadPinning.parse("ON", "threads.pin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "true", "1", "pinned"})
    void invalidPinSettingIsRejectedNamingTheKey(final String value)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ThreadPinning.parse(value, ThreadPinning.PIN_THREADS_PROP_NAME));
        assertEquals("tripwire.pinThreads must be auto, off or on: " + value, ex.getMessage());
    }

    @Test
    void invalidWaitStrategyIsRejectedNamingTheProperty()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ThreadingChoice.choose("spin", ThreadPinning.Mode.OFF, 8));
        assertEquals("tripwire.waitStrategy must be auto, busy-spin, yielding, sleeping or blocking: spin",
            ex.getMessage());
    }
}

package tripwire.postmortem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --at SEQ|TIME}: digits are a seq, digits with a unit an event time, an ISO instant ns since the epoch. */
class ReplayBoundTest
{
    @Test
    void digitsShouldBeAnInputSeq()
    {
        assertEquals(new ReplayBound(51_200, Long.MAX_VALUE), ReplayBound.parse("51200"));
    }

    @Test
    void digitsWithAUnitShouldBeAnEventTimeInNs()
    {
        assertEquals(1_500, ReplayBound.parse("1500ns").lastTimeNs());
        assertEquals(20_000, ReplayBound.parse("20us").lastTimeNs());
        assertEquals(3_000_000, ReplayBound.parse("3ms").lastTimeNs());
        assertEquals(2_000_000_000, ReplayBound.parse("2s").lastTimeNs());
        assertEquals(Long.MAX_VALUE, ReplayBound.parse("2s").lastSeq());
    }

    @Test
    void anIsoInstantShouldBeNsSinceTheEpoch()
    {
        assertEquals(1_764_151_200_000_000_123L, ReplayBound.parse("2025-11-26T10:00:00.000000123Z").lastTimeNs());
    }

    @Test
    void shouldRefuseAnythingElse()
    {
        assertThrows(IllegalArgumentException.class, () -> ReplayBound.parse("yesterday"));
        assertThrows(IllegalArgumentException.class, () -> ReplayBound.parse("-5"));
    }

    @Test
    void anInputShouldBeBeyondWhenItsSeqOrTimeIsPastTheBound()
    {
        final ReplayBound bySeq = ReplayBound.parse("24");
        assertFalse(bySeq.isBeyond(24, Long.MAX_VALUE - 1));
        assertTrue(bySeq.isBeyond(25, 0));
        final ReplayBound byTime = ReplayBound.parse("1500ns");
        assertFalse(byTime.isBeyond(1_000_000, 1_500));
        assertTrue(byTime.isBeyond(1, 1_501));
    }
}

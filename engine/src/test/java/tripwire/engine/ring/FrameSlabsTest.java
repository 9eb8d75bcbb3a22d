package tripwire.engine.ring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every ring slot gets its own off-heap frame of the full length, across slab boundaries, none overlapping. */
class FrameSlabsTest
{
    @Test
    void givesEverySlotItsOwnOffHeapFrameAcrossSlabs()
    {
        final int slots = 2 * FrameSlabs.FRAMES_PER_SLAB + 3;
        final FrameSlabs slabs = new FrameSlabs(slots);
        final List<FrameEvent> events = new ArrayList<>();
        for (int i = 0; i < slots; i++)
        {
            events.add(slabs.newInstance());
        }

        final Set<Long> addresses = new HashSet<>();
        for (final FrameEvent event : events)
        {
            assertNull(event.frame.byteArray(), "off-heap");
            assertEquals(FrameEvent.MAX_FRAME_LENGTH, event.frame.capacity());
            assertTrue(addresses.add(event.frame.addressOffset()));
        }
        // Distinct starts and a full length each do not rule out overlap; writing every frame and reading it back do.
        for (int i = 0; i < slots; i++)
        {
            final FrameEvent event = events.get(i);
            for (int offset = 0; offset < FrameEvent.MAX_FRAME_LENGTH; offset += Integer.BYTES)
            {
                event.frame.putInt(offset, i);
            }
        }
        for (int i = 0; i < slots; i++)
        {
            final FrameEvent event = events.get(i);
            for (int offset = 0; offset < FrameEvent.MAX_FRAME_LENGTH; offset += Integer.BYTES)
            {
                assertEquals(i, event.frame.getInt(offset), "slot " + i + " offset " + offset);
            }
        }
    }

    @Test
    void sizesTheOnlySlabOfASmallRingToTheRing()
    {
        final FrameSlabs slabs = new FrameSlabs(8);
        final FrameEvent first = slabs.newInstance();
        FrameEvent last = first;
        for (int i = 1; i < 8; i++)
        {
            last = slabs.newInstance();
        }

        assertSame(first.frame.byteBuffer(), last.frame.byteBuffer(), "one slab");
        assertEquals(8 * FrameEvent.MAX_FRAME_LENGTH, first.frame.byteBuffer().capacity(), "no larger than the ring");
    }
}

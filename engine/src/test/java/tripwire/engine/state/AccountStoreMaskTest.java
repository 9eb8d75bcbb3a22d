package tripwire.engine.state;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The position and balance masks in each record's header say exactly which slots are non-zero, after every
 * write and after a restore that copies the records in (which recomputes them rather than trusting the copy).
 */
class AccountStoreMaskTest
{
    private static final int ACCOUNTS = 64;
    private static final int ASSETS = 5;
    private static final int MARKETS = 9;

    @Test
    void masksNameExactlyTheNonZeroSlotsAfterEveryWrite()
    {
        final AccountStore store = new AccountStore(ACCOUNTS, ASSETS, MARKETS);
        for (int i = 0; i < ACCOUNTS; i++)
        {
            store.open(1000 + i);
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 20_000; step++)
        {
            final int index = random.nextInt(ACCOUNTS);
            final long value = random.nextInt(3) == 0 ? 0 : random.nextLong(-1_000_000, 1_000_000);
            if (random.nextBoolean())
            {
                store.size(index, random.nextInt(MARKETS), value);
            }
            else
            {
                final int assetId = random.nextInt(ASSETS);
                store.balance(index, assetId, assetId == 0 ? value : Math.abs(value), assetId != 0);
            }
            assertMasksMatchSlots(store, index);
        }
    }

    @Test
    void restoreRecomputesTheMasksFromTheSlots()
    {
        final AccountStore original = new AccountStore(ACCOUNTS, ASSETS, MARKETS);
        for (int i = 0; i < ACCOUNTS; i++)
        {
            original.open(1000 + i);
            original.size(i, i % MARKETS, i + 1);
            original.balance(i, 1 + i % (ASSETS - 1), 5, true);
        }
        final AccountStore restored = new AccountStore(ACCOUNTS, ASSETS, MARKETS);
        restored.buffer().putBytes(0, original.buffer(), 0, ACCOUNTS * original.recordLength());
        for (int i = 0; i < ACCOUNTS; i++)
        {
            // A snapshot written before the masks were kept has zeros here.
            restored.buffer().putLong(i * restored.recordLength() + AccountStore.DERIVED_WORD_OFFSET, 0);
        }
        restored.restoreCount(ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++)
        {
            assertEquals(1 << (i % MARKETS), restored.positionMask(i));
            assertEquals(1 << (1 + i % (ASSETS - 1)), restored.balanceMask(i));
            assertMasksMatchSlots(restored, i);
        }
    }

    private static void assertMasksMatchSlots(final AccountStore store, final int index)
    {
        int positions = 0;
        for (int m = 0; m < MARKETS; m++)
        {
            positions |= store.sizeE8(index, m) != 0 ? 1 << m : 0;
        }
        int balances = 0;
        for (int a = 0; a < ASSETS; a++)
        {
            balances |= store.balanceE8(index, a) != 0 ? 1 << a : 0;
        }
        assertEquals(positions, store.positionMask(index), "position mask of account " + index);
        assertEquals(balances, store.balanceMask(index), "balance mask of account " + index);
    }
}

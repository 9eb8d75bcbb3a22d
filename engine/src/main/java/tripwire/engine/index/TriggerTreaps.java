package tripwire.engine.index;

import java.util.Arrays;

/**
 * A forest of treaps over account indexes, keyed by trigger price (E8) with the account index breaking ties:
 * one node per account (an account is in one tree at most), so the pool is {@code maxAccounts} nodes shared by
 * every tree. Trees are numbered {@code 0 .. treeCount - 1}; {@link LiquidationIndex} keeps one for the longs
 * and one for the shorts of each market.
 *
 * <p>Node arrays (on heap, allocated once): {@code keyE8[i]}, {@code left[i]}, {@code right[i]},
 * {@code priority[i]} (a fixed bijective hash of {@code i}, so the shape is a pure function of the set of
 * keys) and {@code treeOf[i]} ({@link #NONE} while the account is in no tree).
 * Invariants: in-order traversal is ascending by (key, account index); every parent's priority exceeds its
 * children's. Insert, remove O(log n) expected; {@link #collectAbove}/{@link #collectBelow} O(log n + k).
 * Recursion depth is the tree's height (O(log n) expected). Allocates nothing; business-logic thread.
 */
final class TriggerTreaps
{
    static final int NONE = -1;

    private final long[] keyE8;
    private final int[] left;
    private final int[] right;
    private final int[] priority;
    private final int[] treeOf;
    private final int[] roots;
    private int splitLeft;
    private int splitRight;
    private int[] out;
    private int outCount;

    TriggerTreaps(final int maxAccounts, final int treeCount)
    {
        keyE8 = new long[maxAccounts];
        left = new int[maxAccounts];
        right = new int[maxAccounts];
        priority = new int[maxAccounts];
        treeOf = new int[maxAccounts];
        roots = new int[treeCount];
        for (int i = 0; i < maxAccounts; i++)
        {
            priority[i] = mix(i);
        }
        clear();
    }

    void clear()
    {
        Arrays.fill(treeOf, NONE);
        Arrays.fill(roots, NONE);
    }

    /** The tree the account is in, or {@link #NONE}. */
    int treeOf(final int accountIndex)
    {
        return treeOf[accountIndex];
    }

    long keyE8(final int accountIndex)
    {
        return keyE8[accountIndex];
    }

    void insert(final int tree, final int accountIndex, final long triggerE8)
    {
        keyE8[accountIndex] = triggerE8;
        left[accountIndex] = NONE;
        right[accountIndex] = NONE;
        treeOf[accountIndex] = tree;
        roots[tree] = insert(roots[tree], accountIndex);
    }

    /** Removes the account from its tree, if it is in one. */
    void remove(final int accountIndex)
    {
        final int tree = treeOf[accountIndex];
        if (tree != NONE)
        {
            roots[tree] = remove(roots[tree], accountIndex);
            treeOf[accountIndex] = NONE;
        }
    }

    /** Appends to {@code out} from {@code count} every account of the tree with key > priceE8; returns the new count. */
    int collectAbove(final int tree, final long priceE8, final int[] out, final int count)
    {
        this.out = out;
        this.outCount = count;
        above(roots[tree], priceE8);
        this.out = null;
        return outCount;
    }

    /** Appends to {@code out} from {@code count} every account of the tree with key < priceE8; returns the new count. */
    int collectBelow(final int tree, final long priceE8, final int[] out, final int count)
    {
        this.out = out;
        this.outCount = count;
        below(roots[tree], priceE8);
        this.out = null;
        return outCount;
    }

    private void above(final int node, final long priceE8)
    {
        if (node == NONE)
        {
            return;
        }
        if (keyE8[node] > priceE8)
        {
            out[outCount++] = node;
            above(left[node], priceE8);
        }
        above(right[node], priceE8);
    }

    private void below(final int node, final long priceE8)
    {
        if (node == NONE)
        {
            return;
        }
        if (keyE8[node] < priceE8)
        {
            out[outCount++] = node;
            below(right[node], priceE8);
        }
        below(left[node], priceE8);
    }

    private boolean less(final int a, final int b)
    {
        return keyE8[a] < keyE8[b] || (keyE8[a] == keyE8[b] && a < b);
    }

    private int insert(final int node, final int x)
    {
        if (node == NONE)
        {
            return x;
        }
        if (priority[x] > priority[node])
        {
            split(node, x);
            left[x] = splitLeft;
            right[x] = splitRight;
            return x;
        }
        if (less(x, node))
        {
            left[node] = insert(left[node], x);
        }
        else
        {
            right[node] = insert(right[node], x);
        }
        return node;
    }

    /** Splits the subtree into nodes before x (splitLeft) and after x (splitRight). */
    private void split(final int node, final int x)
    {
        if (node == NONE)
        {
            splitLeft = NONE;
            splitRight = NONE;
            return;
        }
        if (less(node, x))
        {
            split(right[node], x);
            right[node] = splitLeft;
            splitLeft = node;
        }
        else
        {
            split(left[node], x);
            left[node] = splitRight;
            splitRight = node;
        }
    }

    private int remove(final int node, final int x)
    {
        if (node == x)
        {
            return merge(left[node], right[node]);
        }
        if (less(x, node))
        {
            left[node] = remove(left[node], x);
        }
        else
        {
            right[node] = remove(right[node], x);
        }
        return node;
    }

    private int merge(final int a, final int b)
    {
        if (a == NONE)
        {
            return b;
        }
        if (b == NONE)
        {
            return a;
        }
        if (priority[a] > priority[b])
        {
            right[a] = merge(right[a], b);
            return a;
        }
        left[b] = merge(a, left[b]);
        return b;
    }

    /** A bijection of int (odd multiplier, xor-shifts): distinct accounts get distinct priorities. */
    private static int mix(final int i)
    {
        int h = i * 0x9E3779B1;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}

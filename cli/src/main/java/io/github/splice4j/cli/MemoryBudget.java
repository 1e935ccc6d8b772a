package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;

import java.util.Locale;

/**
 * An up-front estimate of the heap a command needs, from its input sizes, so that a run too big for the JVM's
 * heap is refused at once (exit 2, with the heap to ask for) instead of dying with an OutOfMemoryError after
 * minutes of work. The per-item sizes are upper estimates of what this JVM allocates (compressed references),
 * with a margin; {@code docs/PERFORMANCE.md} records measured peaks next to them.
 */
final class MemoryBudget {
    /** Bytes per decomposition held in memory (a LassoResult with ~20 non-zeros, its arrays, the row's slot). */
    static final long PER_DECOMPOSITION = 600;
    /** Bytes per row of a labels table (id, label, group and split strings). */
    static final long PER_LABEL_ROW = 400;
    /** Bytes per training row of the L1 concept probe (Tribuo example and feature map, LibLinear's copy). */
    static final long PER_SPARSE_TRAIN_ROW = 1500;
    /** Bytes per value of a dense training row (Tribuo example, LibLinear's feature nodes). */
    static final long PER_DENSE_VALUE = 48;
    private static final long BASE = 96L << 20;

    private long bytes = BASE;
    private final StringBuilder parts = new StringBuilder();

    /**
     * Adds an item.
     * @param what what it is, for the message
     * @param amount its bytes
     * @return this
     */
    MemoryBudget add(String what, long amount) {
        bytes += amount;
        if (amount >= (16L << 20)) {
            parts.append(parts.length() == 0 ? "" : ", ").append(what).append(' ').append(mb(amount));
        }
        return this;
    }

    /** The dictionary: the raw rows while loading, the double matrix and its packed single-precision copy. */
    MemoryBudget dictionary(long concepts, long dimension) {
        return add("dictionary", concepts * dimension * 20 + 256L * concepts * 24);
    }

    /** @return the estimate in bytes */
    long bytes() {
        return (long) (bytes * 1.4);
    }

    /**
     * Refuses the run when the estimate exceeds the JVM's maximum heap.
     * @param max the heap available ({@code Runtime.getRuntime().maxMemory()})
     * @throws SpliceInputException saying how much heap to give
     */
    void check(long max) {
        long need = bytes();
        if (need > max) {
            long gb = (need + (1L << 30) - 1) >> 30;
            throw new SpliceInputException(String.format(Locale.ROOT, "not enough memory: this run needs about %s of heap "
                    + "(%s), the JVM has %s; run with SPLICE_JAVA_OPTS=-Xmx%dg", mb(need), parts, mb(max), gb));
        }
    }

    /** Refuses the run when the estimate exceeds this JVM's maximum heap. */
    void check() {
        check(Runtime.getRuntime().maxMemory());
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }
}

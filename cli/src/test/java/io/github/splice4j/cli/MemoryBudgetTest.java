package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The up-front memory estimate: CelebA's bias evaluation fits in 2 GB, its dense baseline does not. */
class MemoryBudgetTest {
    static final long TWO_GB = 2L << 30;

    @Test
    void fullCelebAEvaluationFitsInTwoGigabytes() {
        MemoryBudget b = DecompositionInputs.budget(202_599, 512, 10_000, DecompositionInputs.Needs.DECOMPOSITIONS);
        assertTrue(b.bytes() < TWO_GB, "estimate " + (b.bytes() >> 20) + " MB");
        assertDoesNotThrow(() -> b.check(TWO_GB));
    }

    @Test
    void aDenseBaselineOnFullCelebAAsksForMoreHeap() {
        MemoryBudget b = DecompositionInputs.budget(202_599, 512, 10_000, new DecompositionInputs.Needs(true, true));
        SpliceInputException e = assertThrows(SpliceInputException.class, () -> b.check(TWO_GB));
        assertTrue(e.getMessage().matches("not enough memory: this run needs about [0-9,]+ MB of heap \\(.*\\), the JVM has "
                + "2,048 MB; run with SPLICE_JAVA_OPTS=-Xmx[0-9]+g"), e.getMessage());
        assertTrue(e.getMessage().contains("dense probe"), e.getMessage());
    }
}

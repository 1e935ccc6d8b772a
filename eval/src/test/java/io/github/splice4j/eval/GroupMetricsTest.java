package io.github.splice4j.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupMetricsTest {

    /** A hand-computed case: groups a (3/4 correct), b (1/2), c (2/2). */
    @Test
    void matchesHandComputedWildsAndDfrDefinitions() {
        List<String> truth = List.of("1", "1", "0", "0", "1", "0", "1", "0");
        List<String> pred = List.of("1", "0", "0", "0", "1", "1", "1", "0");
        List<String> groups = List.of("a", "a", "a", "a", "b", "b", "c", "c");
        GroupMetrics m = GroupMetrics.compute(pred, truth, groups, Map.of("a", 0.5, "b", 0.3, "c", 0.2), 0, 0.95, 0);
        assertEquals(6 / 8.0, m.average().value(), 1e-15);
        assertEquals(0.5, m.worstGroup().value(), 1e-15);
        assertEquals("b", m.worstGroupName());
        assertEquals(0.5 * 0.75 + 0.3 * 0.5 + 0.2 * 1.0, m.weightedAverage().value(), 1e-15);
        assertEquals(0.5, m.gap().value(), 1e-15);
        assertEquals(3, m.groups().size());
        assertEquals(3, m.groups().get(0).correct());
        assertEquals(4, m.groups().get(0).count());
        // the Wilson interval of 3/4 at 95% (z = 1.959964): [0.3006, 0.9544]
        assertEquals(0.3006418, m.groups().get(0).wilson().low(), 1e-6);
        assertEquals(0.9544127, m.groups().get(0).wilson().high(), 1e-6);
        assertTrue(Double.isNaN(GroupMetrics.compute(pred, truth, groups, null, 0, 0.95, 0).weightedAverage().value()));
    }

    @Test
    void bootstrapIntervalsAreReproducibleFromTheSeedAndCoverTheEstimate() {
        Random rng = new Random(1);
        List<String> truth = new ArrayList<>();
        List<String> pred = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String g = i % 4 == 0 ? "minority" : "majority";
            truth.add("x");
            pred.add(rng.nextDouble() < (g.equals("minority") ? 0.6 : 0.9) ? "x" : "y");
            groups.add(g);
        }
        GroupMetrics a = GroupMetrics.compute(pred, truth, groups, null, 500, 0.95, 42);
        GroupMetrics b = GroupMetrics.compute(pred, truth, groups, null, 500, 0.95, 42);
        GroupMetrics c = GroupMetrics.compute(pred, truth, groups, null, 500, 0.95, 43);
        assertEquals(a.worstGroup().ci(), b.worstGroup().ci());
        assertEquals(a.average().ci(), b.average().ci());
        assertTrue(!a.worstGroup().ci().equals(c.worstGroup().ci()) || !a.average().ci().equals(c.average().ci()));
        assertTrue(a.worstGroup().ci().low() <= a.worstGroup().value() && a.worstGroup().value() <= a.worstGroup().ci().high());
        assertTrue(a.average().ci().high() - a.average().ci().low() < 0.1);
        assertEquals("minority", a.worstGroupName());
    }

    @Test
    void mannWhitneyUKeepsItsSign() {
        assertEquals(9.0, SparseMannWhitney.test(new double[] {4, 5, 6}, 3, new double[] {1, 2, 3}, 3).u(), 0.0);
        assertEquals(0.0, SparseMannWhitney.test(new double[] {1, 2, 3}, 3, new double[] {4, 5, 6}, 3).u(), 0.0);
        assertEquals(4.5, SparseMannWhitney.test(new double[] {1, 1, 1}, 3, new double[] {1, 1, 1}, 3).u(), 0.0);
        assertEquals(4.5, SparseMannWhitney.test(new double[0], 3, new double[0], 3).u(), 0.0);
    }
}

package io.github.splice4j.solver;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In a fresh JVM, a first call of one target is solved without warming up the Vector API kernels (the scalar
 * kernels need no warm-up), a later call of twenty warms them up, and the one target's solution has the same bits
 * from both.
 */
class ColdStartTest {
    /** The fresh JVM's program: prints whether the kernels were warm after each call, and whether the bits agree. */
    public static final class Child {
        private Child() {
        }

        /** @param args ignored */
        public static void main(String[] args) {
            TestProblems problem = TestProblems.clipLike(300, 20, 0.8, 13);
            WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
            LassoResult one = solver.solve(problem.dictionary, problem.targets[0], 0.25);
            boolean warmAfterOne = Kernels.ColdStart.JVM.warm();
            LassoResult again = solver.solve(problem.dictionary, problem.targets, 0.25).get(0);
            boolean warmAfterTwenty = Kernels.ColdStart.JVM.warm();
            boolean same = Arrays.equals(one.indices(), again.indices()) && Arrays.equals(one.weights(), again.weights())
                    && one.objective() == again.objective() && one.dualityGap() == again.dualityGap();
            System.out.println("warm after one: " + warmAfterOne + ", after twenty: " + warmAfterTwenty
                    + ", same bits: " + same + ", l0 " + one.l0());
        }
    }

    @Test
    void aFreshJvmSolvesItsFirstTargetWithoutTheWarmUp() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Child.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        List<String> lines = out.lines().filter(l -> l.startsWith("warm after")).toList();
        assertEquals(1, lines.size(), out);
        String line = lines.get(0);
        assertEquals("warm after one: false, after twenty: true, same bits: true",
                line.substring(0, line.indexOf(", l0")), out);
    }
}

package io.github.splice4j.solver;

import io.github.splice4j.SpliceInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingSetLassoSolverTest {
    /**
     * Sparse solutions (λ = 0.25, about 8 concepts) never run the blocked Gram kernel, whose compilation and warm-up a
     * JVM that solves only those is spared; dense ones (λ = 0.05, working sets past
     * {@link WorkingSetLassoSolver#GRAM_BLOCKS_FROM}) do. Either way the solutions are those of the solver without
     * the counting decorator, bit for bit.
     */
    @Test
    void onlyDenseSolutionsRunTheBlockedGramKernel() {
        for (double lambda : new double[] {0.25, 0.05}) {
            DenseWorkProbe.CountingKernels counting = new DenseWorkProbe.CountingKernels(Kernels.best());
            List<LassoResult> counted = WorkingSetLassoSolver.builder().gramBudget(0).kernels(counting).build()
                    .solve(problem.dictionary, problem.targets, lambda);
            List<LassoResult> plain = WorkingSetLassoSolver.builder().gramBudget(0).build()
                    .solve(problem.dictionary, problem.targets, lambda);
            int largest = 0;
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(plain.get(i).indices(), counted.get(i).indices());
                assertArrayEquals(plain.get(i).weights(), counted.get(i).weights());
                largest = Math.max(largest, plain.get(i).l0());
            }
            if (lambda == 0.25) {
                assertTrue(largest < 40, "largest l0 " + largest);
                assertEquals(0, counting.gramFlops(), "blocked Gram work at λ = 0.25");
            } else {
                assertTrue(largest >= WorkingSetLassoSolver.GRAM_BLOCKS_FROM, "largest l0 " + largest);
                assertTrue(counting.gramFlops() > 0, "no blocked Gram work at λ = 0.05");
            }
        }
    }

    /**
     * The order in which candidates and violators are taken: decreasing product, ties to the lower concept, as a sort of
     * boxed positions with that comparator gives it, for every length from 0 to 300 (runs of eight, merges of unequal
     * halves), with many ties and with -0.0 beside 0.0.
     */
    @Test
    void candidatesAreOrderedByDecreasingProductThenConcept() {
        Random random = new Random(14);
        for (int count = 0; count <= 300; count++) {
            double[] products = new double[count];
            int[] concepts = new int[count];
            int[] shuffled = java.util.stream.IntStream.range(0, 5 * count + 1).toArray();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            for (int p = 0; p < count; p++) {
                products[p] = random.nextInt(4) == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextInt(7) * 0.125;
                concepts[p] = shuffled[p];
            }
            Integer[] expected = new Integer[count];
            for (int p = 0; p < count; p++) {
                expected[p] = p;
            }
            Arrays.sort(expected, (x, y) -> products[x] != products[y] ? Double.compare(products[y], products[x])
                    : Integer.compare(concepts[x], concepts[y]));
            int[] order = WorkingSetLassoSolver.byDecreasingProduct(products, concepts, count);
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), order, "length " + count);
        }
    }

    static TestProblems problem;

    @BeforeAll
    static void setUp() {
        problem = TestProblems.clipLike(1500, 60, 0.8, 3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.02, 0.1, 0.25, 0.5})
    void everyResultCarriesACertifiedGapAndMeetsKkt(double lambda) {
        WorkingSetLassoSolver tight = WorkingSetLassoSolver.builder().tolerance(1e-12).build();
        List<LassoResult> results = tight.solve(problem.dictionary, problem.targets, lambda);
        for (int i = 0; i < results.size(); i++) {
            LassoResult r = results.get(i);
            DualityGap.Certificate c = DualityGap.certify(problem.dictionary, problem.targets[i], r);
            assertTrue(r.converged());
            assertTrue(c.relativeGap() <= 1e-12, "gap " + c.relativeGap());
            // the solver's own gap agrees with the independent one
            assertEquals(c.gap(), r.dualityGap(), 1e-12 * c.objective());
            // KKT: 2⟨d_i, r⟩ = λ on the support, ≤ λ off it
            assertTrue(c.kktViolation() <= 1e-8 * lambda, "KKT violation " + c.kktViolation());
            assertEquals(c.objective(), r.objective(), 1e-12);
        }
    }

    @Test
    void defaultToleranceStopsAtOneInAMillion() {
        for (LassoResult r : WorkingSetLassoSolver.create().solve(problem.dictionary, problem.targets, 0.25)) {
            assertTrue(r.converged());
            assertTrue(r.relativeGap() <= 1e-6);
        }
    }

    @Test
    void resultsAreSparseWithTrueZerosAndSortedIndices() {
        for (LassoResult r : WorkingSetLassoSolver.create().solve(problem.dictionary, problem.targets, 0.25)) {
            int[] idx = r.indices();
            double[] w = r.weights();
            assertTrue(idx.length > 0 && idx.length < 100);
            for (int p = 0; p < idx.length; p++) {
                assertTrue(w[p] > 0);
                assertTrue(p == 0 || idx[p] > idx[p - 1]);
            }
            double[] dense = r.toDense(problem.dictionary.concepts());
            assertEquals(idx.length, Arrays.stream(dense).filter(v -> v != 0).count());
        }
    }

    @Test
    void lambdaAtOrAboveLambdaMaxGivesZerosAtOnce() {
        double[] z = problem.targets[0];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < problem.dictionary.concepts(); i++) {
            max = Math.max(max, problem.dictionary.dot(i, z));
        }
        double lambdaMax = 2 * max;
        LassoResult at = WorkingSetLassoSolver.create().solve(problem.dictionary, z, lambdaMax);
        assertEquals(lambdaMax, at.lambdaMax(), 1e-15);
        assertEquals(0, at.l0());
        assertEquals(0, at.rounds());
        assertEquals(0.0, at.dualityGap());
        assertEquals(1.0, at.objective(), 1e-12);
        LassoResult above = WorkingSetLassoSolver.create().solve(problem.dictionary, z, 2 * lambdaMax);
        assertEquals(0, above.l0());
        LassoResult below = WorkingSetLassoSolver.create().solve(problem.dictionary, z, 0.99 * lambdaMax);
        assertTrue(below.l0() >= 1);
        assertTrue(below.objective() < 1.0);
    }

    /**
     * λ_max comes from the top-k screening alone when every concept near the largest product is among the k, and
     * from a scan of all concepts when more tie at the top than k holds: both give the exact maximum.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 40})
    void lambdaMaxIsExactWhetherOrNotTheTopConceptsFitTheInitialSet(int copies) {
        Random rng = new Random(copies);
        int d = 24;
        double[][] rows = new double[copies + 60][d];
        double[] lead = new double[d];
        for (int j = 0; j < d; j++) {
            lead[j] = rng.nextGaussian();
        }
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                // copies of one concept (all tied at the top), and others well below it
                rows[i][j] = i < copies ? lead[j] : 0.2 * rng.nextGaussian();
            }
        }
        DictionaryMatrix dict = DictionaryMatrix.of(rows, "ties");
        double[] z = lead.clone();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.length; i++) {
            max = Math.max(max, dict.dot(i, z));
        }
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.builder().initialWorkingSet(4).build();
        LassoResult r = solver.solve(dict, z, 0.1);
        assertEquals(2 * max, r.lambdaMax(), 0.0);
        assertTrue(r.converged());
        assertTrue(DualityGap.certify(dict, z, r).relativeGap() <= WorkingSetLassoSolver.DEFAULT_TOLERANCE);
    }

    @Test
    void aTargetNoConceptCorrelatesWithIsZeroForAnyLambda() {
        // −D_0 against a dictionary of D_0 alone and its orthogonal complement
        double[][] rows = {{1, 0, 0}, {0, 1, 0}};
        DictionaryMatrix d = DictionaryMatrix.of(rows, "tiny");
        LassoResult r = WorkingSetLassoSolver.create().solve(d, new double[] {-1, 0, 0.5}, 1e-9);
        assertEquals(0, r.l0());
        assertEquals(0.0, r.lambdaMax());
        assertEquals(0.0, r.dualityGap(), 1e-15);
    }

    /**
     * Another products backend (as the ND4J benchmark plugs in) sums in another order, so its float products differ
     * in their last bits; the certificate must not depend on that: every certified gap stays within tolerance and
     * the objectives match the solver's own to the tolerance.
     */
    @Test
    void anotherProductsBackendStillGivesCertifiedSolutions() {
        int[] calls = {0};
        WorkingSetLassoSolver.Products doubleRounded = new WorkingSetLassoSolver.Products() {
            @Override
            public void multiply(float[] a, int m, DictionaryMatrix dict, float[] out) {
                calls[0]++;
                int c = dict.concepts();
                int d = dict.dimension();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < c; j++) {
                        double s = 0;
                        for (int t = d - 1; t >= 0; t--) {
                            s += a[i * d + t] * (double) (float) dict.data[j * d + t];
                        }
                        out[i * c + j] = (float) s;
                    }
                }
            }

            @Override
            public String name() {
                return "reversed-double";
            }
        };
        List<LassoResult> own = WorkingSetLassoSolver.create().solve(problem.dictionary, problem.targets, 0.1);
        WorkingSetLassoSolver other = WorkingSetLassoSolver.builder().products(doubleRounded).build();
        List<LassoResult> results = other.solve(problem.dictionary, problem.targets, 0.1);
        assertTrue(calls[0] > 0);
        assertTrue(other.describe().contains("products=reversed-double"));
        for (int i = 0; i < results.size(); i++) {
            DualityGap.Certificate c = DualityGap.certify(problem.dictionary, problem.targets[i], results.get(i));
            assertTrue(c.relativeGap() <= WorkingSetLassoSolver.DEFAULT_TOLERANCE, "gap " + c.relativeGap());
            // the approximate products only choose which exact ones to compute: the same bits
            assertSameBits(own.get(i), results.get(i));
        }
    }

    /**
     * The products of one to three targets come from the 16-bit screening copy (once
     * {@link WorkingSetLassoSolver#SCREEN_AFTER} such targets have been solved against the dictionary), those of more
     * from the single-precision dictionary; forcing either for every product gives the same bits, at a λ with one or two
     * rounds and at one with many, and on a dictionary of exact ties (copies of one concept: the initial set takes the
     * lower indices, and more than k candidates tie at the k-th).
     */
    @Test
    void theSolutionsDoNotDependOnWhichCopyScreenedThem() {
        Random rng = new Random(8);
        int d = 32;
        double[][] rows = new double[300][d];
        double[] lead = new double[d];
        for (int j = 0; j < d; j++) {
            lead[j] = rng.nextGaussian();
        }
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = i % 5 == 0 ? lead[j] : rng.nextGaussian();
            }
        }
        double[][] tieTargets = new double[6][];
        for (int i = 0; i < tieTargets.length; i++) {
            tieTargets[i] = new double[d];
            for (int j = 0; j < d; j++) {
                tieTargets[i][j] = lead[j] + 0.5 * rng.nextGaussian();
            }
        }
        DictionaryMatrix ties = DictionaryMatrix.of(rows, "ties");
        WorkingSetLassoSolver floats = WorkingSetLassoSolver.builder().screenedTargets(0).build();
        WorkingSetLassoSolver screened = WorkingSetLassoSolver.builder().screenedTargets(Integer.MAX_VALUE)
                .screenAfter(0).build();
        WorkingSetLassoSolver oneAtATime = WorkingSetLassoSolver.builder().batchSize(1).build();
        for (double lambda : new double[] {0.25, 0.03}) {
            List<LassoResult> a = floats.solve(problem.dictionary, problem.targets, lambda);
            List<LassoResult> b = screened.solve(problem.dictionary, problem.targets, lambda);
            List<LassoResult> c = oneAtATime.solve(problem.dictionary, problem.targets, lambda);
            for (int i = 0; i < a.size(); i++) {
                assertTrue(a.get(i).converged());
                assertSameBits(a.get(i), b.get(i));
                assertSameBits(a.get(i), c.get(i));
            }
        }
        List<LassoResult> a = floats.solve(ties, tieTargets, 0.5);
        List<LassoResult> b = screened.solve(ties, tieTargets, 0.5);
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).converged());
            assertTrue(DualityGap.certify(ties, tieTargets[i], a.get(i)).relativeGap()
                    <= WorkingSetLassoSolver.DEFAULT_TOLERANCE);
            assertSameBits(a.get(i), b.get(i));
        }
    }

    /**
     * Certificate rounds that read Gram columns (targets with at most d / 8 active concepts) and those that take a
     * product over the dictionary give the same bits: one target per call (with the 16-bit copy) and in batches, at a
     * λ with few active concepts and at one where targets end with more than d / 8 and take products again. A budget
     * below the Gram matrix's size makes none.
     */
    @Test
    void theSolutionsDoNotDependOnTheGramMatrix() {
        TestProblems fresh = TestProblems.clipLike(1500, 40, 0.8, 11);
        WorkingSetLassoSolver small = WorkingSetLassoSolver.builder().gramAfter(0).gramBudget(1500L * 1500).build();
        small.solve(fresh.dictionary, fresh.targets[0], 0.25);
        assertNull(fresh.dictionary.gram(), "2·c² bytes do not fit in c² bytes");
        WorkingSetLassoSolver without = WorkingSetLassoSolver.builder().gramBudget(0).build();
        WorkingSetLassoSolver with = WorkingSetLassoSolver.builder().gramAfter(0).build();
        WorkingSetLassoSolver oneAtATime = WorkingSetLassoSolver.builder().gramAfter(0).batchSize(1).screenAfter(0)
                .build();
        assertTrue(with.describe().contains("gramBudget=" + WorkingSetLassoSolver.DEFAULT_GRAM_BUDGET));
        for (double lambda : new double[] {0.25, 0.03}) {
            // without: never uses the Gram matrix, even once another solver has made it
            List<LassoResult> a = without.solve(fresh.dictionary, fresh.targets, lambda);
            List<LassoResult> b = with.solve(fresh.dictionary, fresh.targets, lambda);
            assertNotNull(fresh.dictionary.gram());
            List<LassoResult> c = oneAtATime.solve(fresh.dictionary, fresh.targets, lambda);
            int few = 0;
            for (int i = 0; i < a.size(); i++) {
                assertTrue(a.get(i).converged());
                assertTrue(DualityGap.certify(fresh.dictionary, fresh.targets[i], b.get(i)).relativeGap()
                        <= WorkingSetLassoSolver.DEFAULT_TOLERANCE);
                assertSameBits(a.get(i), b.get(i));
                assertSameBits(a.get(i), c.get(i));
                few += a.get(i).l0() * 8 <= fresh.dictionary.dimension() ? 1 : 0;
            }
            // at λ = 0.25 every round of every target reads Gram columns; at 0.03 the first round (at most 32 active
            // concepts) does and the last ones (more than d / 8) take products
            assertEquals(lambda > 0.1 ? a.size() : 0, few, "targets with at most d / 8 concepts at λ = " + lambda);
        }
    }

    /**
     * A dictionary's 16-bit copy is made by the first batch of one to three targets after
     * {@link WorkingSetLassoSolver#SCREEN_AFTER} such targets, not before (a run that solves one embedding does not
     * pay for it), and larger batches do not count towards it; the solutions are the same bits before and after.
     */
    @Test
    void theSixteenBitCopyIsMadeAfterManySmallBatchesOnly() {
        TestProblems fresh = TestProblems.clipLike(300, 24, 0.8, 12);
        WorkingSetLassoSolver solver = WorkingSetLassoSolver.create();
        WorkingSetLassoSolver alwaysCopied = WorkingSetLassoSolver.builder().screenAfter(0).build();
        TestProblems copied = TestProblems.clipLike(300, 24, 0.8, 12);
        solver.solve(fresh.dictionary, Arrays.copyOf(fresh.targets, 4), 0.25);
        assertFalse(fresh.dictionary.hasScreeningCopy(), "a batch of four takes the single-precision products");
        long solved = 0;
        int t = 0;
        while (solved < WorkingSetLassoSolver.SCREEN_AFTER) {
            int n = (int) Math.min(1 + t % 3, WorkingSetLassoSolver.SCREEN_AFTER - solved);
            double[][] batch = new double[n][];
            for (int k = 0; k < n; k++) {
                batch[k] = fresh.targets[(t + k) % fresh.targets.length];
            }
            List<LassoResult> a = solver.solve(fresh.dictionary, batch, 0.25);
            assertFalse(fresh.dictionary.hasScreeningCopy(), "not after " + (solved + n) + " targets");
            List<LassoResult> b = alwaysCopied.solve(copied.dictionary, batch, 0.25);
            assertTrue(copied.dictionary.hasScreeningCopy());
            for (int k = 0; k < n; k++) {
                assertSameBits(b.get(k), a.get(k));
            }
            solved += n;
            t++;
        }
        LassoResult last = solver.solve(fresh.dictionary, fresh.targets[5], 0.25);
        assertTrue(fresh.dictionary.hasScreeningCopy(), "made by the next batch of one");
        assertSameBits(alwaysCopied.solve(copied.dictionary, fresh.targets[5], 0.25), last);
    }

    private static void assertSameBits(LassoResult expected, LassoResult actual) {
        assertArrayEquals(expected.indices(), actual.indices());
        assertArrayEquals(expected.weights(), actual.weights(), 0.0);
        assertEquals(expected.objective(), actual.objective(), 0.0);
        assertEquals(expected.dualityGap(), actual.dualityGap(), 0.0);
        assertEquals(expected.lambdaMax(), actual.lambdaMax(), 0.0);
        assertEquals(expected.rounds(), actual.rounds());
    }

    /**
     * At λ = 0.25 (a few concepts each) and at 0.02, where targets end with 64 or more active concepts and the
     * solver defers the exact solve of a grown working set to the round that finds no violator.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.25, 0.02})
    void bitIdenticalWhateverTheThreadsAndBatches(double lambda) {
        List<LassoResult> base = WorkingSetLassoSolver.builder().threads(1).batchSize(256).build()
                .solve(problem.dictionary, problem.targets, lambda);
        if (lambda < 0.1) {
            assertTrue(base.stream().filter(r -> r.l0() >= 64).count() >= base.size() / 2, "dense solutions");
        }
        for (int threads : new int[] {2, 3}) {
            for (int batch : new int[] {1, 3, 7, 64}) {
                List<LassoResult> other = WorkingSetLassoSolver.builder().threads(threads).batchSize(batch).build()
                        .solve(problem.dictionary, problem.targets, lambda);
                for (int i = 0; i < base.size(); i++) {
                    assertArrayEquals(base.get(i).indices(), other.get(i).indices());
                    assertArrayEquals(base.get(i).weights(), other.get(i).weights(), 0.0);
                    assertEquals(base.get(i).objective(), other.get(i).objective(), 0.0);
                    assertEquals(base.get(i).dualityGap(), other.get(i).dualityGap(), 0.0);
                }
            }
        }
    }

    @Test
    void noFeasiblePerturbationImprovesTheObjective() {
        Random rng = new Random(5);
        double lambda = 0.1;
        for (int i = 0; i < 10; i++) {
            double[] z = problem.targets[i];
            LassoResult r = WorkingSetLassoSolver.builder().tolerance(1e-12).build().solve(problem.dictionary, z, lambda);
            double[] w = r.toDense(problem.dictionary.concepts());
            double f = ParityTest.objective(problem.dictionary, z, w, lambda);
            for (int trial = 0; trial < 20; trial++) {
                double[] v = w.clone();
                int[] idx = r.indices();
                for (int k = 0; k < 5; k++) {
                    int c = rng.nextBoolean() && idx.length > 0 ? idx[rng.nextInt(idx.length)]
                            : rng.nextInt(v.length);
                    v[c] = Math.max(0, v[c] + 1e-3 * rng.nextGaussian());
                }
                assertTrue(ParityTest.objective(problem.dictionary, z, v, lambda) >= f - 1e-13);
            }
        }
    }

    @Test
    void agreesWithPlainProjectedGradientOnSmallProblems() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            int c = 40;
            int d = 12;
            double[][] rows = new double[c][d];
            for (double[] row : rows) {
                for (int j = 0; j < d; j++) {
                    row[j] = rng.nextGaussian() / Math.sqrt(d);
                }
            }
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
            }
            DictionaryMatrix dm = DictionaryMatrix.of(rows, "random");
            double lambda = 0.3;
            LassoResult r = WorkingSetLassoSolver.builder().initialWorkingSet(3).tolerance(1e-12).build().solve(dm, z, lambda);
            double[] w = projectedGradient(rows, z, lambda, 200_000);
            double ref = ParityTest.objective(dm, z, w, lambda);
            assertTrue(r.objective() <= ref + 1e-10, r.objective() + " vs " + ref);
            assertTrue(r.objective() >= ref - 1e-8, r.objective() + " vs " + ref);
            assertTrue(r.rounds() >= 1);
        }
    }

    private static double[] projectedGradient(double[][] rows, double[] z, double lambda, int iterations) {
        int c = rows.length;
        int d = z.length;
        double frob = 0;
        for (double[] row : rows) {
            for (double v : row) {
                frob += v * v;
            }
        }
        double step = 1 / (2 * frob);
        double[] w = new double[c];
        for (int it = 0; it < iterations; it++) {
            double[] r = z.clone();
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < d; j++) {
                    r[j] -= w[i] * rows[i][j];
                }
            }
            for (int i = 0; i < c; i++) {
                double g = lambda;
                for (int j = 0; j < d; j++) {
                    g -= 2 * rows[i][j] * r[j];
                }
                w[i] = Math.max(0, w[i] - step * g);
            }
        }
        return w;
    }

    @Test
    void badInputIsNamed() {
        WorkingSetLassoSolver s = WorkingSetLassoSolver.create();
        double[] z = problem.targets[0];
        for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(assertThrows(SpliceInputException.class, () -> s.solve(problem.dictionary, z, bad))
                    .getMessage().startsWith("lambda: must be a positive finite number"));
        }
        assertTrue(assertThrows(SpliceInputException.class, () -> s.solve(problem.dictionary, new double[3], 0.25))
                .getMessage().contains("dimension"));
        double[] nan = z.clone();
        nan[4] = Double.NaN;
        assertTrue(assertThrows(SpliceInputException.class, () -> s.solve(problem.dictionary, nan, 0.25))
                .getMessage().contains("column 4"));
        assertThrows(SpliceInputException.class, () -> DictionaryMatrix.of(new double[0][], "empty"));
        assertThrows(SpliceInputException.class, () -> DictionaryMatrix.of(new double[][] {{1, 2}, {3}}, "ragged"));
        assertThrows(SpliceInputException.class, () -> WorkingSetLassoSolver.builder().tolerance(0));
        assertThrows(SpliceInputException.class, () -> WorkingSetLassoSolver.builder().threads(0));
    }

    @Test
    void aRoundLimitIsReportedAsNotConverged() {
        WorkingSetLassoSolver s = WorkingSetLassoSolver.builder().initialWorkingSet(1).maxRounds(1).tolerance(1e-12).build();
        List<LassoResult> results = s.solve(problem.dictionary, problem.targets, 0.02);
        assertTrue(results.stream().anyMatch(r -> !r.converged()));
        for (LassoResult r : results) {
            assertFalse(r.converged() && r.relativeGap() > 1e-12);
        }
    }
}

package io.github.splice4j.solver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelsTest {

    @Test
    void vectorKernelsAreInUseUnderTheBuild() {
        // surefire runs with --add-modules jdk.incubator.vector, as bin/splice does
        assertTrue(Kernels.best().name().startsWith("vector"), Kernels.best().name());
    }

    /**
     * A JVM's first calls take the scalar kernels while they fit in the budget together; the first call that does not
     * fit, and every call after it, however small, the warmed-up ones; work outside calls ({@link Kernels#current})
     * follows. (A state of its own, with a budget of 5: the JVM's own may already be warm.)
     */
    @Test
    void theFirstSmallCallsTakeTheScalarKernelsThenTheWarmedUpOnes() {
        Kernels.ColdStart state = new Kernels.ColdStart(5);
        assertFalse(state.warm());
        assertTrue(state.kernels(2) == Kernels.ColdStart.SCALAR);
        assertTrue(state.kernels(3) == Kernels.ColdStart.SCALAR, "2 + 3 targets fit in 5");
        assertFalse(state.warm());
        assertTrue(state.kernels(1) == Kernels.best(), "a sixth target does not fit");
        assertTrue(state.warm());
        assertTrue(state.kernels(1) == Kernels.best(), "after the warm-up, every call takes the warmed-up kernels");
        Kernels.ColdStart large = new Kernels.ColdStart(5);
        assertTrue(large.kernels(6) == Kernels.best(), "a call larger than the budget warms them up at once");
        assertTrue(large.kernels(1) == Kernels.best());
        assertEquals(16, Kernels.ColdStart.SCALAR_TARGETS);
        assertTrue(Kernels.ColdStart.SCALAR instanceof ScalarKernels);
        // once the JVM's kernels are warm (this test asked for them above), work outside calls takes them too
        assertTrue(Kernels.current() == Kernels.best());
    }

    /**
     * {@code bin/splice} tells C2 not to inline the kernels into their callers (they are compiled on their own, before
     * the first embedding): its list names every kernel of {@link Kernels}, so that a new one is not left out.
     */
    @Test
    void theLauncherNamesEveryKernel() throws IOException {
        Path launcher = Path.of("..", "bin", "splice");
        Optional<String> line = Files.readAllLines(launcher).stream().filter(l -> l.startsWith("KERNELS=")).findFirst();
        assertTrue(line.isPresent(), "no KERNELS= line in " + launcher);
        Set<String> listed = new TreeSet<>(List.of(
                line.get().substring("KERNELS=".length()).replace("\"", "").trim().split("\\s+")));
        Set<String> kernels = new TreeSet<>();
        for (Method m : Kernels.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                    && !m.getName().equals("name")) {
                kernels.add(m.getName());
            }
        }
        assertEquals(kernels, listed);
        Set<String> implemented = new TreeSet<>();
        for (Method m : VectorKernels.class.getDeclaredMethods()) {
            implemented.add(m.getName());
        }
        assertTrue(implemented.containsAll(listed), "VectorKernels declares every kernel the launcher names");
    }

    /**
     * Each Gram column is within its error of the exact products, and the residual products made from the columns
     * ({@link ConceptGram#residualProducts}) are the same bits from the vector and the scalar kernels and within their
     * bound of the exact products with the residual as the solver computes it, for rows of very different norms,
     * zero and one to a dozen active concepts, columns longer than a chunk with a tail.
     */
    @Test
    void gramColumnsAndTheResidualProductsFromThemAreWithinTheirBounds() {
        Random rng = new Random(21);
        int c = 1100;
        int d = 48;
        double[][] rows = new double[c][d];
        for (int j = 0; j < c; j++) {
            double scale = Math.pow(10, rng.nextInt(5) - 2);
            for (int t = 0; t < d; t++) {
                rows[j][t] = j == 1 ? 0 : scale * rng.nextGaussian();
            }
        }
        DictionaryMatrix dict = DictionaryMatrix.of(rows, "rows");
        WorkingSetLassoSolver.builder().gramAfter(0).build().solve(dict, rows[5], 0.1);
        ConceptGram gram = dict.gram();
        assertTrue(gram != null);
        double largest = 0;
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < c; i++) {
                double exact = dict.dot(i, rows[j]);
                double approx = (double) gram.scale[j] * gram.columns[j * c + i];
                assertTrue(Math.abs(approx - exact) <= gram.columnError[j], j + ", " + i);
            }
            if (j != 1) {
                largest = Math.max(largest, gram.columnError[j] / (gram.scale[j] * (double) ConceptGram.LEVELS));
            }
        }
        assertTrue(largest < 1e-3, "each column's error is a small share of its largest entry: " + largest);
        float[] packedProducts = new float[c];
        for (int trial = 0; trial < 40; trial++) {
            double[] z = new double[d];
            float[] zf = new float[d];
            double zz = 0;
            for (int t = 0; t < d; t++) {
                z[t] = rng.nextGaussian();
                zf[t] = (float) z[t];
                zz += z[t] * z[t];
            }
            double zNorm = Math.sqrt(zz);
            int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
            new VectorKernels().gemm(zf, 1, d, dict.packed, 0, panels, packedProducts, c);
            double zBound = WorkingSetLassoSolver.floatErrorPerNorm(dict) * zNorm;
            int count = trial % 13;
            int[] concepts = rng.ints(0, c).distinct().limit(count).toArray();
            double[] weights = new double[count];
            double[] r = z.clone();
            for (int k = 0; k < count; k++) {
                weights[k] = rng.nextDouble() * 3 / Math.max(1e-3, Math.sqrt(dict.rowNormSq()[concepts[k]]));
                for (int t = 0; t < d; t++) {
                    r[t] -= weights[k] * dict.data[concepts[k] * d + t];
                }
            }
            float[] vector = new float[c + 3];
            float[] scalar = new float[c + 3];
            double bound = gram.residualProducts(new VectorKernels(), dict, packedProducts, 0, zNorm, zBound,
                    concepts, weights, count, vector, 3);
            gram.residualProducts(new ScalarKernels(), dict, packedProducts, 0, zNorm, zBound, concepts, weights,
                    count, scalar, 3);
            assertArrayEquals(scalar, vector);
            for (int i = 0; i < c; i++) {
                double exact = dict.dot(i, r);
                assertTrue(Math.abs(vector[3 + i] - exact) <= bound, i + ": " + vector[3 + i] + " vs " + exact);
            }
            assertTrue(bound < 1e-2 * dict.maxRowNorm() * (zNorm + 3 * count), "bound " + bound);
        }
    }

    @Test
    void vectorAndScalarProductsAreBitIdenticalAndAccurate() {
        Random rng = new Random(2);
        for (int[] shape : new int[][] {{9, 101, 512}, {4, 48, 37}, {1, 1, 1}, {13, 250, 1024}}) {
            int m = shape[0];
            int c = shape[1];
            int k = shape[2];
            float[] a = new float[m * k];
            double[] b = new double[c * k];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextGaussian();
            }
            float[] packed = Kernels.pack(b, c, k);
            int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
            float[] v = new float[m * c];
            float[] s = new float[m * c];
            new VectorKernels().gemm(a, m, k, packed, 0, panels, v, c);
            new ScalarKernels().gemm(a, m, k, packed, 0, panels, s, c);
            assertArrayEquals(s, v, Arrays.toString(shape));
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < c; j++) {
                    double exact = 0;
                    double abs = 0;
                    for (int t = 0; t < k; t++) {
                        exact += a[i * k + t] * (double) (float) b[j * k + t];
                        abs += Math.abs(a[i * k + t] * b[j * k + t]);
                    }
                    // the bound the solver relies on: k roundings of at most 2^-24 each
                    assertTrue(Math.abs(v[i * c + j] - exact) <= (k + 1) * 0x1p-24 * abs + 1e-30);
                }
            }
        }
    }

    /**
     * The 16-bit screening copy: the vector and scalar products are the same bits, and every product is within the
     * copy's stated bound of the exact one, on rows of very different scales (a zero row, a row with one large entry,
     * rows of norm 10⁻³ to 10³) and panel shapes with a partial last panel.
     */
    @Test
    void screeningProductsAreBitIdenticalAndWithinTheirBound() {
        Random rng = new Random(12);
        for (int[] shape : new int[][] {{101, 512}, {48, 37}, {1, 1}, {250, 1024}}) {
            int c = shape[0];
            int k = shape[1];
            double[][] rows = new double[c][k];
            for (int j = 0; j < c; j++) {
                double scale = Math.pow(10, rng.nextInt(7) - 3);
                for (int t = 0; t < k; t++) {
                    rows[j][t] = j == 1 ? 0 : scale * rng.nextGaussian();
                }
                if (j == 2 && k > 1) {
                    rows[j][0] = 1e3;
                }
            }
            DictionaryMatrix dict = DictionaryMatrix.of(rows, "rows");
            ScreeningCopy copy = ScreeningCopy.of(dict);
            int panels = (c + Kernels.PANEL - 1) / Kernels.PANEL;
            for (int trial = 0; trial < 5; trial++) {
                double[] v = new double[k];
                float[] a = new float[k + 3];
                double norm = 0;
                for (int t = 0; t < k; t++) {
                    v[t] = rng.nextGaussian() * Math.pow(10, trial - 2);
                    a[t + 3] = (float) v[t];
                    norm += v[t] * v[t];
                }
                norm = Math.sqrt(norm);
                float[] vector = new float[c + 5];
                float[] scalar = new float[c + 5];
                new VectorKernels().screen(a, 3, k, copy.packed, copy.scale, 0, panels, vector, 5, c);
                new ScalarKernels().screen(a, 3, k, copy.packed, copy.scale, 0, panels, scalar, 5, c);
                assertArrayEquals(scalar, vector, Arrays.toString(shape));
                for (int j = 0; j < c; j++) {
                    double exact = dict.dot(j, v);
                    assertTrue(Math.abs(vector[5 + j] - exact) <= copy.errorPerNorm * norm,
                            j + ": " + vector[5 + j] + " vs " + exact + ", bound " + copy.errorPerNorm * norm);
                }
            }
            // the bound is of the order of the quantisation of the largest row, not vacuous
            assertTrue(copy.errorPerNorm < 1e-3 * dict.maxRowNorm(), "bound " + copy.errorPerNorm);
        }
    }

    @Test
    void vectorAndScalarDotsAreBitIdentical() {
        Random rng = new Random(17);
        for (int trial = 0; trial < 500; trial++) {
            int n = rng.nextInt(700);
            double[] x = rng.doubles(n + 9, -1, 1).toArray();
            double[] y = rng.doubles(n + 9, -1, 1).toArray();
            int xo = rng.nextInt(9);
            int yo = rng.nextInt(9);
            assertEquals(Double.doubleToRawLongBits(new ScalarKernels().dot(x, xo, y, yo, n)),
                    Double.doubleToRawLongBits(new VectorKernels().dot(x, xo, y, yo, n)), "n " + n);
        }
    }

    /**
     * The left-looking Cholesky column: vector and scalar kernels the same bits, for sizes that leave every kind of
     * row block (four vectors, one, single rows), each entry the chain of multiply-adds written out here, and nothing
     * else written (with or without the padding the solver gives its matrices).
     */
    @Test
    void choleskyColumnsAreBitIdenticalAndTheChainsTheyAreSaidToBe() {
        Random rng = new Random(43);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(120);
            int j = rng.nextInt(n);
            // half the trials with the padding the solver gives its matrices, holding NaN, which no entry may see
            double[] start = rng.doubles(n * n + (trial % 2) * Cholesky.PADDING, -1, 1).toArray();
            Arrays.fill(start, n * n, start.length, Double.NaN);
            double[] vector = start.clone();
            double[] scalar = start.clone();
            new VectorKernels().choleskyColumn(vector, n, j);
            new ScalarKernels().choleskyColumn(scalar, n, j);
            for (int e = 0; e < start.length; e++) {
                double expected = start[e];
                int col = e / n;
                int row = e % n;
                if (col == j && row >= j) {
                    for (int k = 0; k < j; k++) {
                        expected = Math.fma(start[k * n + row], -start[k * n + j], expected);
                    }
                }
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(scalar[e]),
                        "n " + n + " j " + j + " entry " + e);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(vector[e]),
                        "n " + n + " j " + j + " entry " + e);
            }
        }
    }

    /**
     * Two columns at once: column {@code j} the bits of {@link Kernels#choleskyColumn}, column {@code j + 1} from row
     * {@code j + 1} on the chains over {@code k < j} written out here, in both kernels, and nothing else changed (the
     * padding holds NaN).
     */
    @Test
    void choleskyColumnPairsAreTheChainsTheyAreSaidToBe() {
        Random rng = new Random(53);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rng.nextInt(120);
            int j = rng.nextInt(n - 1);
            double[] start = rng.doubles(n * n + Cholesky.PADDING, -1, 1).toArray();
            Arrays.fill(start, n * n, start.length, Double.NaN);
            for (Kernels kernels : new Kernels[] {new VectorKernels(), new ScalarKernels()}) {
                double[] l = start.clone();
                kernels.choleskyColumnPair(l, n, j);
                for (int e = 0; e < start.length; e++) {
                    double expected = start[e];
                    int col = e / n;
                    int row = e % n;
                    if (col == j && row >= j || col == j + 1 && row >= j + 1) {
                        for (int k = 0; k < j; k++) {
                            expected = Math.fma(start[k * n + row], -start[k * n + col], expected);
                        }
                    }
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(l[e]),
                            kernels.name() + " n " + n + " j " + j + " entry " + e);
                }
            }
        }
    }

    /**
     * Both Cholesky solves, by rows and by columns, solve random positive-definite systems (sizes around the switch
     * between them) to a small residual, and agree; by columns, a padded matrix (two columns at a time) gives the bits
     * of an unpadded one (one at a time); and both refuse a matrix that is not positive definite.
     */
    @Test
    void choleskyByRowsAndByColumnsSolveTheSameSystems() {
        Random rng = new Random(47);
        for (int n : new int[] {1, 2, 7, 8, 9, 31, 63, 64, 65, 100, 203}) {
            // A = Bᵀ B + n·I with B n × n
            double[][] bm = new double[n][n];
            for (double[] row : bm) {
                for (int k = 0; k < n; k++) {
                    row[k] = rng.nextGaussian();
                }
            }
            double[][] am = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = i == j ? n : 0;
                    for (int k = 0; k < n; k++) {
                        v += bm[k][i] * bm[k][j];
                    }
                    am[i][j] = v;
                }
            }
            double[] rhs = rng.doubles(n, -1, 1).toArray();
            double[] byRows = new double[n * n];
            double[] byColumns = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    byRows[i * n + j] = am[i][j];
                    byColumns[j * n + i] = am[i][j];
                }
            }
            for (Kernels kernels : new Kernels[] {new VectorKernels(), new ScalarKernels()}) {
                double[] xr = rhs.clone();
                double[] xc = rhs.clone();
                assertTrue(Cholesky.solveInPlace(byRows.clone(), n, xr, kernels));
                assertTrue(Cholesky.solveColumnMajor(byColumns.clone(), n, xc, kernels));
                // with the padding, two columns at a time: the same factor and solution, bit for bit
                double[] padded = Arrays.copyOf(byColumns, n * n + Cholesky.PADDING);
                double[] single = byColumns.clone();
                double[] xp = rhs.clone();
                assertTrue(Cholesky.solveColumnMajor(padded, n, xp, kernels));
                Cholesky.solveColumnMajor(single, n, rhs.clone(), kernels);
                assertArrayEquals(single, Arrays.copyOf(padded, n * n), "factor, n " + n);
                assertArrayEquals(xc, xp, "solution, n " + n);
                for (int i = 0; i < n; i++) {
                    double ri = -rhs[i];
                    double rc = -rhs[i];
                    for (int j = 0; j < n; j++) {
                        ri += am[i][j] * xr[j];
                        rc += am[i][j] * xc[j];
                    }
                    assertEquals(0, ri, 1e-9, "by rows, n " + n);
                    assertEquals(0, rc, 1e-9, "by columns, n " + n);
                    assertEquals(xr[i], xc[i], 1e-12 * (1 + Math.abs(xr[i])), "n " + n);
                }
            }
            if (n > 1) {
                // make the last pivot negative: not positive definite
                double[] notPd = byColumns.clone();
                notPd[(n - 1) * n + (n - 1)] = -1;
                assertFalse(Cholesky.solveColumnMajor(notPd, n, rhs.clone(), new VectorKernels()));
                assertFalse(Cholesky.solveColumnMajor(Arrays.copyOf(notPd, n * n + Cholesky.PADDING), n, rhs.clone(),
                        new VectorKernels()));
            }
        }
        assertTrue(Cholesky.columnMajor(Cholesky.COLUMNS_FROM) && !Cholesky.columnMajor(Cholesky.COLUMNS_FROM - 1));
    }

    @Test
    void fourDotsAtOnceAreTheBitsOfFourDots() {
        Random rng = new Random(37);
        for (Kernels kernels : new Kernels[] {new VectorKernels(), new ScalarKernels()}) {
            for (int trial = 0; trial < 300; trial++) {
                int n = rng.nextInt(600);
                double[] x = rng.doubles(n + 11, -1, 1).toArray();
                double[] y = rng.doubles(5 * n + 40, -1, 1).toArray();
                int xo = rng.nextInt(11);
                int[] yo = new int[4];
                for (int r = 0; r < 4; r++) {
                    yo[r] = rng.nextInt(4 * n + 40);
                }
                double[] out = new double[6];
                kernels.dot4(x, xo, y, yo[0], yo[1], yo[2], yo[3], n, out, 2);
                for (int r = 0; r < 4; r++) {
                    assertEquals(Double.doubleToRawLongBits(new ScalarKernels().dot(y, yo[r], x, xo, n)),
                            Double.doubleToRawLongBits(out[2 + r]), kernels.name() + " n " + n);
                }
            }
        }
    }

    @Test
    void vectorAndScalarScansFindTheSameMaximumAndIndices() {
        Random rng = new Random(29);
        Kernels vector = new VectorKernels();
        Kernels scalar = new ScalarKernels();
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rng.nextInt(300);
            int off = rng.nextInt(20);
            float[] a = new float[off + n];
            for (int i = 0; i < a.length; i++) {
                // few distinct values, so that ties and values equal to the bound are common
                a[i] = (rng.nextInt(41) - 20) / 8f;
            }
            if (trial % 7 == 0) {
                a[off + rng.nextInt(n)] = -0.0f;
            }
            assertEquals(Float.floatToRawIntBits(scalar.max(a, off, n)), Float.floatToRawIntBits(vector.max(a, off, n)));
            float expectedMax = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                expectedMax = Math.max(expectedMax, a[off + i]);
            }
            assertEquals(expectedMax, vector.max(a, off, n));
            float min = (rng.nextInt(41) - 20) / 8f;
            int[] expected = java.util.stream.IntStream.range(0, n).filter(i -> a[off + i] >= min).toArray();
            for (int room : new int[] {n, 3, 0}) {
                int[] v = new int[room];
                int[] s = new int[room];
                assertEquals(expected.length, vector.atLeast(a, off, n, min, v));
                assertEquals(expected.length, scalar.atLeast(a, off, n, min, s));
                int[] head = Arrays.copyOf(expected, Math.min(room, expected.length));
                assertArrayEquals(head, Arrays.copyOf(v, head.length));
                assertArrayEquals(head, Arrays.copyOf(s, head.length));
            }
            // the first value strictly above the bound, from a random start
            int from = rng.nextInt(n + 1);
            int first = scalar.firstAbove(a, off, from, n, min);
            assertEquals(first, vector.firstAbove(a, off, from, n, min));
            assertTrue(first == n || a[off + first] > min);
            for (int i = from; i < first; i++) {
                assertFalse(a[off + i] > min);
            }
        }
    }

    @Test
    void roundingABoundToFloatKeepsTheComparison() {
        Random rng = new Random(31);
        for (int trial = 0; trial < 100_000; trial++) {
            double x = rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3);
            float a = trial % 3 == 0 ? (float) x : (float) (x * (1 + (rng.nextDouble() - 0.5) * 1e-6));
            for (float probe : new float[] {a, Math.nextUp(a), Math.nextDown(a)}) {
                assertEquals(probe >= x, probe >= Kernels.ceilToFloat(x), () -> probe + " >= " + x);
                assertEquals(probe > x, probe >= Kernels.floatAbove(x), () -> probe + " > " + x);
            }
        }
    }

    @Test
    void theSolverGivesTheSameBitsWithScalarAndVectorKernels() {
        TestProblems p = TestProblems.clipLike(1500, 40, 0.5, 21);
        for (double lambda : new double[] {0.25, 0.05}) {
            var scalar = WorkingSetLassoSolver.builder().kernels(new ScalarKernels()).build()
                    .solve(p.dictionary, p.targets, lambda);
            var vector = WorkingSetLassoSolver.builder().kernels(new VectorKernels()).build()
                    .solve(p.dictionary, p.targets, lambda);
            for (int i = 0; i < p.targets.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(scalar.get(i).indices(), vector.get(i).indices());
                double[] a = scalar.get(i).weights();
                double[] b = vector.get(i).weights();
                for (int k = 0; k < a.length; k++) {
                    assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(b[k]));
                }
                assertEquals(Double.doubleToRawLongBits(scalar.get(i).dualityGap()),
                        Double.doubleToRawLongBits(vector.get(i).dualityGap()));
            }
        }
    }

    @Test
    void doubleDotsAgree() {
        Random rng = new Random(3);
        double[] x = rng.doubles(1027).toArray();
        double[] y = rng.doubles(1027).toArray();
        double exact = 0;
        for (int i = 0; i < x.length; i++) {
            exact += x[i] * y[i];
        }
        assertEquals(exact, new VectorKernels().dot(x, 0, y, 0, x.length), 1e-12);
        assertEquals(exact, new ScalarKernels().dot(x, 0, y, 0, x.length), 1e-12);
        assertEquals(x[5] * y[7] + x[6] * y[8], new VectorKernels().dot(x, 5, y, 7, 2), 1e-15);
    }

    @Test
    void gramBlocksAreBitIdenticalSymmetricAndAccurate() {
        Random rng = new Random(10);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(70);
            int rowsInX = 1 + rng.nextInt(60);
            double[] x = new double[rowsInX * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian();
            }
            int m = 1 + rng.nextInt(45);
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) {
                rows[i] = rng.nextInt(rowsInX);
            }
            int from = rng.nextInt(m);
            int aFrom = trial % 2 == 0 ? 0 : rng.nextInt(m);
            double[][] v = new double[m][m];
            double[][] s = new double[m][m];
            new VectorKernels().gram(x, n, rows, aFrom, m, from, m, v);
            new ScalarKernels().gram(x, n, rows, aFrom, m, from, m, s);
            for (int i = 0; i < aFrom; i++) {
                assertArrayEquals(new double[m], v[i], 0.0, "rows before aFrom are not written");
            }
            for (int i = aFrom; i < m; i++) {
                assertArrayEquals(s[i], v[i], 0.0, "row " + i + " of trial " + trial);
                for (int j = from; j < m; j++) {
                    if (i >= from && j >= aFrom) {
                        assertEquals(v[i][j], v[j][i], 0.0);
                    }
                    double exact = 0;
                    double abs = 0;
                    for (int t = 0; t < n; t++) {
                        exact += x[rows[i] * n + t] * x[rows[j] * n + t];
                        abs += Math.abs(x[rows[i] * n + t] * x[rows[j] * n + t]);
                    }
                    assertEquals(exact, v[i][j], 4 * n * 0x1p-52 * abs + 1e-300);
                    // the same bits as one dot product, whichever row comes first
                    assertEquals(new ScalarKernels().dot(x, rows[i] * n, x, rows[j] * n, n), v[i][j], 0.0);
                    assertEquals(new VectorKernels().dot(x, rows[j] * n, x, rows[i] * n, n), v[i][j], 0.0);
                }
                for (int j = 0; j < from; j++) {
                    assertEquals(0.0, v[i][j], 0.0, "entries before bFrom are not written");
                }
            }
        }
    }

    @Test
    void topKIsTheSameWithEitherKernels() {
        Random rng = new Random(9);
        for (int trial = 0; trial < 200; trial++) {
            float[] values = new float[3 + rng.nextInt(3000)];
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextInt(1 + rng.nextInt(400)) / 7f;
            }
            int k = 1 + rng.nextInt(80);
            assertArrayEquals(TopK.select(values, 2, values.length - 2, k, new ScalarKernels()),
                    TopK.select(values, 2, values.length - 2, k, new VectorKernels()));
        }
    }

    @Test
    void topKMatchesAFullSortOnBothPathsAndKthLargestIsExact() {
        Random rng = new Random(12);
        for (int trial = 0; trial < 400; trial++) {
            int n = 1 + rng.nextInt(4000);
            int k = 1 + rng.nextInt(70);
            float[] values = new float[n + 3];
            int levels = 1 + rng.nextInt(rng.nextBoolean() ? 5 : 3000);
            for (int i = 0; i < values.length; i++) {
                values[i] = rng.nextInt(levels) / 7f - 3;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> values[3 + p] != values[3 + q] ? Float.compare(values[3 + q], values[3 + p])
                    : Integer.compare(p, q));
            for (Kernels kernels : new Kernels[] {new VectorKernels(), new ScalarKernels()}) {
                int[] top = TopK.select(values, 3, n, k, kernels);
                assertEquals(Math.min(k, n), top.length);
                for (int i = 0; i < top.length; i++) {
                    assertEquals((int) order[i], top[i], "trial " + trial + ", place " + i);
                }
            }
            float[] copy = Arrays.copyOfRange(values, 3, 3 + n);
            int kth = 1 + rng.nextInt(n);
            assertEquals(values[3 + order[kth - 1]], TopK.kthLargest(copy, kth), 0f);
        }
    }

    @Test
    void topKIsAPartialSortWithTiesToTheLowerIndex() {
        Random rng = new Random(4);
        float[] values = new float[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextInt(300) / 7f;
        }
        int[] top = TopK.select(values, 0, values.length, 64);
        Integer[] all = new Integer[values.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Arrays.sort(all, (p, q) -> values[p] != values[q] ? Float.compare(values[q], values[p]) : Integer.compare(p, q));
        for (int i = 0; i < 64; i++) {
            assertEquals((int) all[i], top[i]);
        }
        assertEquals(3, TopK.select(values, 10, 3, 64).length);
    }
}

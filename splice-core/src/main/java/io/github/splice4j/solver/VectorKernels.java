package io.github.splice4j.solver;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API. The matrix product broadcasts one element of {@code a} against a
 * vector of concepts, so each output lane is one concept accumulated in order over {@code t}: no
 * horizontal sums. The dot product keeps eight fused multiply-add lanes summed in lane order. Both are the
 * same bits as {@link ScalarKernels}; without 512-bit vectors both fall back to it.
 */
final class VectorKernels implements Kernels {
    /** A panel of 48 floats is three 512-bit vectors. */
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_512;
    /** Without 512-bit hardware vectors the scalar product (same bits) is faster than emulation. */
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    /** Eight double lanes (as {@link ScalarKernels#DOT_LANES}), in one 512-bit vector. */
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_512;
    private static final int DL = DS.length();
    /** Sixteen 16-bit integers, widened to one vector of sixteen floats. */
    private static final VectorSpecies<Short> SS = ShortVector.SPECIES_256;
    private final ScalarKernels fallback = new ScalarKernels();

    @Override
    public void gemm(float[] a, float[] interleaved, int m, int k, float[] packed, int panelFrom, int panelTo,
                     float[] c, int ldc) {
        if (WIDE) {
            gemm512(a, interleaved, m, k, packed, panelFrom, panelTo, c, ldc);
        } else {
            fallback.gemm(a, interleaved, m, k, packed, panelFrom, panelTo, c, ldc);
        }
    }

    private static void gemm512(float[] a, float[] apack, int m, int k, float[] packed, int panelFrom, int panelTo,
                                float[] c, int ldc) {
        float[] tail = new float[4 * PANEL];
        for (int p = panelFrom; p < panelTo; p++) {
            int base = p * k * PANEL;
            int col = p * PANEL;
            int width = Math.min(PANEL, ldc - col);
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4(apack, i * k, k, packed, base, c, i * ldc + col, ldc, width, tail);
            }
            for (; i < m; i++) {
                tile1(a, i * k, k, packed, base, c, i * ldc + col, width, tail);
            }
        }
    }

    /** Four interleaved rows of {@code a} (from {@code ap}) against one panel: twelve accumulators. */
    private static void tile4(float[] ap, int a0, int k, float[] packed, int base, float[] c, int c0, int ldc,
                              int width, float[] tail) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        for (int t = 0; t < k; t++) {
            int off = base + t * PANEL;
            FloatVector b0 = FloatVector.fromArray(FS, packed, off);
            FloatVector b1 = FloatVector.fromArray(FS, packed, off + 16);
            FloatVector b2 = FloatVector.fromArray(FS, packed, off + 32);
            int at = a0 + 4 * t;
            FloatVector x = FloatVector.broadcast(FS, ap[at]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(FS, ap[at + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(FS, ap[at + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(FS, ap[at + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        if (width == PANEL) {
            int o = c0;
            c00.intoArray(c, o);
            c01.intoArray(c, o + 16);
            c02.intoArray(c, o + 32);
            o += ldc;
            c10.intoArray(c, o);
            c11.intoArray(c, o + 16);
            c12.intoArray(c, o + 32);
            o += ldc;
            c20.intoArray(c, o);
            c21.intoArray(c, o + 16);
            c22.intoArray(c, o + 32);
            o += ldc;
            c30.intoArray(c, o);
            c31.intoArray(c, o + 16);
            c32.intoArray(c, o + 32);
        } else {
            c00.intoArray(tail, 0);
            c01.intoArray(tail, 16);
            c02.intoArray(tail, 32);
            c10.intoArray(tail, PANEL);
            c11.intoArray(tail, PANEL + 16);
            c12.intoArray(tail, PANEL + 32);
            c20.intoArray(tail, 2 * PANEL);
            c21.intoArray(tail, 2 * PANEL + 16);
            c22.intoArray(tail, 2 * PANEL + 32);
            c30.intoArray(tail, 3 * PANEL);
            c31.intoArray(tail, 3 * PANEL + 16);
            c32.intoArray(tail, 3 * PANEL + 32);
            for (int r = 0; r < 4; r++) {
                System.arraycopy(tail, r * PANEL, c, c0 + r * ldc, width);
            }
        }
    }

    @Override
    public void screen(float[] a, int aOff, int k, short[] packed, float[] scale, int panelFrom, int panelTo,
                       float[] c, int cOff, int concepts) {
        if (!WIDE) {
            fallback.screen(a, aOff, k, packed, scale, panelFrom, panelTo, c, cOff, concepts);
            return;
        }
        float[] tail = new float[PANEL];
        for (int p = panelFrom; p < panelTo; p++) {
            int base = p * k * PANEL;
            int col = p * PANEL;
            FloatVector c0 = FloatVector.zero(FS);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            for (int t = 0; t < k; t++) {
                int off = base + t * PANEL;
                FloatVector x = FloatVector.broadcast(FS, a[aOff + t]);
                c0 = x.fma(widen(packed, off), c0);
                c1 = x.fma(widen(packed, off + 16), c1);
                c2 = x.fma(widen(packed, off + 32), c2);
            }
            c0 = c0.mul(FloatVector.fromArray(FS, scale, col));
            c1 = c1.mul(FloatVector.fromArray(FS, scale, col + 16));
            c2 = c2.mul(FloatVector.fromArray(FS, scale, col + 32));
            storePanel(c0, c1, c2, c, cOff + col, Math.min(PANEL, concepts - col), tail);
        }
    }

    /** Entries of {@link #subtractColumns} per chunk: the chunk of {@code out} stays in the first-level cache. */
    private static final int SUBTRACT_CHUNK = 1024;

    @Override
    public void subtractColumns(float[] base, int baseOff, short[] columns, int[] col, float[] coef, int count,
                                float[] out, int outOff, int n) {
        if (!WIDE) {
            fallback.subtractColumns(base, baseOff, columns, col, coef, count, out, outOff, n);
            return;
        }
        int lanes = FS.length();
        for (int from = 0; from < n; from += SUBTRACT_CHUNK) {
            int to = Math.min(n, from + SUBTRACT_CHUNK);
            int whole = from + (to - from) / lanes * lanes;
            System.arraycopy(base, baseOff + from, out, outOff + from, to - from);
            int k = 0;
            // four columns per load and store of out, in increasing k
            for (; k + 4 <= count; k += 4) {
                FloatVector m0 = FloatVector.broadcast(FS, -coef[k]);
                FloatVector m1 = FloatVector.broadcast(FS, -coef[k + 1]);
                FloatVector m2 = FloatVector.broadcast(FS, -coef[k + 2]);
                FloatVector m3 = FloatVector.broadcast(FS, -coef[k + 3]);
                int c0 = col[k];
                int c1 = col[k + 1];
                int c2 = col[k + 2];
                int c3 = col[k + 3];
                for (int i = from; i < whole; i += lanes) {
                    FloatVector acc = FloatVector.fromArray(FS, out, outOff + i);
                    acc = m0.fma(widen(columns, c0 + i), acc);
                    acc = m1.fma(widen(columns, c1 + i), acc);
                    acc = m2.fma(widen(columns, c2 + i), acc);
                    acc = m3.fma(widen(columns, c3 + i), acc);
                    acc.intoArray(out, outOff + i);
                }
                for (int i = whole; i < to; i++) {
                    float acc = out[outOff + i];
                    acc = Math.fma(-coef[k], columns[c0 + i], acc);
                    acc = Math.fma(-coef[k + 1], columns[c1 + i], acc);
                    acc = Math.fma(-coef[k + 2], columns[c2 + i], acc);
                    out[outOff + i] = Math.fma(-coef[k + 3], columns[c3 + i], acc);
                }
            }
            for (; k < count; k++) {
                FloatVector m0 = FloatVector.broadcast(FS, -coef[k]);
                int c0 = col[k];
                for (int i = from; i < whole; i += lanes) {
                    m0.fma(widen(columns, c0 + i), FloatVector.fromArray(FS, out, outOff + i)).intoArray(out, outOff + i);
                }
                for (int i = whole; i < to; i++) {
                    out[outOff + i] = Math.fma(-coef[k], columns[c0 + i], out[outOff + i]);
                }
            }
        }
    }

    private static FloatVector widen(short[] packed, int off) {
        return (FloatVector) ShortVector.fromArray(SS, packed, off).convertShape(VectorOperators.S2F, FS, 0);
    }

    /** One row of {@code a} against one panel. */
    private static void tile1(float[] a, int a0, int k, float[] packed, int base, float[] c, int c0, int width,
                              float[] tail) {
        FloatVector c00 = FloatVector.zero(FS);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        for (int t = 0; t < k; t++) {
            int off = base + t * PANEL;
            FloatVector x = FloatVector.broadcast(FS, a[a0 + t]);
            c00 = x.fma(FloatVector.fromArray(FS, packed, off), c00);
            c01 = x.fma(FloatVector.fromArray(FS, packed, off + 16), c01);
            c02 = x.fma(FloatVector.fromArray(FS, packed, off + 32), c02);
        }
        storePanel(c00, c01, c02, c, c0, width, tail);
    }

    /** One panel's three vectors of results into {@code c} from {@code off}: the first {@code width} of them. */
    private static void storePanel(FloatVector v0, FloatVector v1, FloatVector v2, float[] c, int off, int width,
                                   float[] tail) {
        if (width == PANEL) {
            v0.intoArray(c, off);
            v1.intoArray(c, off + 16);
            v2.intoArray(c, off + 32);
        } else {
            v0.intoArray(tail, 0);
            v1.intoArray(tail, 16);
            v2.intoArray(tail, 32);
            System.arraycopy(tail, 0, c, off, width);
        }
    }

    @Override
    public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        if (!WIDE) {
            return fallback.dot(x, xOff, y, yOff, n);
        }
        int nv = DS.loopBound(n);
        DoubleVector acc = DoubleVector.zero(DS);
        for (int t = 0; t < nv; t += DL) {
            acc = DoubleVector.fromArray(DS, x, xOff + t).fma(DoubleVector.fromArray(DS, y, yOff + t), acc);
        }
        return ScalarKernels.fmaTail(sumLanes(acc), x, xOff, y, yOff, nv, n);
    }

    /**
     * The eight lanes of {@code v} summed in lane order from zero, as {@link ScalarKernels#dot} sums its lanes, each
     * lane taken from the register with a constant index. {@link #dot4} used to store its four accumulators to a new
     * scratch array per call to sum them: at λ = 0.05 those arrays were 9 % of the solver's allocation samples
     * (async-profiler), and now there are none; the speed moved within the noise (1.018 at λ = 0.25 and 1.016 at
     * λ = 0.05 in one JVM, {@code SolverAB}).
     */
    private static double sumLanes(DoubleVector v) {
        double s = 0;
        s += v.lane(0);
        s += v.lane(1);
        s += v.lane(2);
        s += v.lane(3);
        s += v.lane(4);
        s += v.lane(5);
        s += v.lane(6);
        s += v.lane(7);
        return s;
    }

    /**
     * Rows in blocks of four vectors (four independent chains of multiply-adds hide their latency), then of one, then
     * one at a time: each entry gets the same chain whichever block it falls in. (A padded matrix goes through {@link
     * #choleskyColumnPair} but for its last column when n is odd.)
     */
    @Override
    public void choleskyColumn(double[] l, int n, int j) {
        if (!WIDE) {
            fallback.choleskyColumn(l, n, j);
            return;
        }
        int jn = j * n;
        int i = j;
        for (; i + 4 * DL <= n; i += 4 * DL) {
            DoubleVector v0 = DoubleVector.fromArray(DS, l, jn + i);
            DoubleVector v1 = DoubleVector.fromArray(DS, l, jn + i + DL);
            DoubleVector v2 = DoubleVector.fromArray(DS, l, jn + i + 2 * DL);
            DoubleVector v3 = DoubleVector.fromArray(DS, l, jn + i + 3 * DL);
            for (int k = 0; k < j; k++) {
                int kn = k * n;
                DoubleVector s = DoubleVector.broadcast(DS, -l[kn + j]);
                v0 = DoubleVector.fromArray(DS, l, kn + i).fma(s, v0);
                v1 = DoubleVector.fromArray(DS, l, kn + i + DL).fma(s, v1);
                v2 = DoubleVector.fromArray(DS, l, kn + i + 2 * DL).fma(s, v2);
                v3 = DoubleVector.fromArray(DS, l, kn + i + 3 * DL).fma(s, v3);
            }
            v0.intoArray(l, jn + i);
            v1.intoArray(l, jn + i + DL);
            v2.intoArray(l, jn + i + 2 * DL);
            v3.intoArray(l, jn + i + 3 * DL);
        }
        for (; i + DL <= n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, l, jn + i);
            for (int k = 0; k < j; k++) {
                int kn = k * n;
                v = DoubleVector.fromArray(DS, l, kn + i).fma(DoubleVector.broadcast(DS, -l[kn + j]), v);
            }
            v.intoArray(l, jn + i);
        }
        ScalarKernels.choleskyRows(l, n, j, i);
    }

    /**
     * Rows from {@code j} on, in blocks of four vectors for both columns (eight independent chains, four loads for eight
     * multiply-adds), the last block's lanes past row {@code n} dropped. Column {@code j + 1}'s row {@code j} (above its
     * diagonal) is computed with the rest of the block and then put back as it was.
     */
    @Override
    public void choleskyColumnPair(double[] l, int n, int j) {
        if (!WIDE || l.length < n * n + Cholesky.PADDING) {
            fallback.choleskyColumnPair(l, n, j);
            return;
        }
        int jn = j * n;
        int next = jn + n;
        double above = l[next + j];
        for (int i = j; i < n; i += 4 * DL) {
            DoubleVector v0 = DoubleVector.fromArray(DS, l, jn + i);
            DoubleVector v1 = DoubleVector.fromArray(DS, l, jn + i + DL);
            DoubleVector v2 = DoubleVector.fromArray(DS, l, jn + i + 2 * DL);
            DoubleVector v3 = DoubleVector.fromArray(DS, l, jn + i + 3 * DL);
            DoubleVector u0 = DoubleVector.fromArray(DS, l, next + i);
            DoubleVector u1 = DoubleVector.fromArray(DS, l, next + i + DL);
            DoubleVector u2 = DoubleVector.fromArray(DS, l, next + i + 2 * DL);
            DoubleVector u3 = DoubleVector.fromArray(DS, l, next + i + 3 * DL);
            for (int k = 0; k < j; k++) {
                int kn = k * n;
                DoubleVector s = DoubleVector.broadcast(DS, -l[kn + j]);
                DoubleVector t = DoubleVector.broadcast(DS, -l[kn + j + 1]);
                DoubleVector x0 = DoubleVector.fromArray(DS, l, kn + i);
                DoubleVector x1 = DoubleVector.fromArray(DS, l, kn + i + DL);
                DoubleVector x2 = DoubleVector.fromArray(DS, l, kn + i + 2 * DL);
                DoubleVector x3 = DoubleVector.fromArray(DS, l, kn + i + 3 * DL);
                v0 = x0.fma(s, v0);
                v1 = x1.fma(s, v1);
                v2 = x2.fma(s, v2);
                v3 = x3.fma(s, v3);
                u0 = x0.fma(t, u0);
                u1 = x1.fma(t, u1);
                u2 = x2.fma(t, u2);
                u3 = x3.fma(t, u3);
            }
            int rows = Math.min(4 * DL, n - i);
            storeRows(v0, v1, v2, v3, l, jn + i, rows);
            storeRows(u0, u1, u2, u3, l, next + i, rows);
        }
        l[next + j] = above;
    }

    /** Four vectors' first {@code rows} lanes (of 32) into {@code l} from {@code off}. */
    private static void storeRows(DoubleVector v0, DoubleVector v1, DoubleVector v2, DoubleVector v3, double[] l,
                                  int off, int rows) {
        if (rows == 4 * DL) {
            v0.intoArray(l, off);
            v1.intoArray(l, off + DL);
            v2.intoArray(l, off + 2 * DL);
            v3.intoArray(l, off + 3 * DL);
            return;
        }
        double[] lanes = new double[4 * DL];
        v0.intoArray(lanes, 0);
        v1.intoArray(lanes, DL);
        v2.intoArray(lanes, 2 * DL);
        v3.intoArray(lanes, 3 * DL);
        System.arraycopy(lanes, 0, l, off, rows);
    }

    @Override
    public void dot4(double[] x, int xOff, double[] y, int y0, int y1, int y2, int y3, int n, double[] out,
                     int outOff) {
        if (!WIDE) {
            fallback.dot4(x, xOff, y, y0, y1, y2, y3, n, out, outOff);
            return;
        }
        int nv = DS.loopBound(n);
        DoubleVector a0 = DoubleVector.zero(DS);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        for (int t = 0; t < nv; t += DL) {
            DoubleVector xv = DoubleVector.fromArray(DS, x, xOff + t);
            a0 = xv.fma(DoubleVector.fromArray(DS, y, y0 + t), a0);
            a1 = xv.fma(DoubleVector.fromArray(DS, y, y1 + t), a1);
            a2 = xv.fma(DoubleVector.fromArray(DS, y, y2 + t), a2);
            a3 = xv.fma(DoubleVector.fromArray(DS, y, y3 + t), a3);
        }
        out[outOff] = ScalarKernels.fmaTail(sumLanes(a0), x, xOff, y, y0, nv, n);
        out[outOff + 1] = ScalarKernels.fmaTail(sumLanes(a1), x, xOff, y, y1, nv, n);
        out[outOff + 2] = ScalarKernels.fmaTail(sumLanes(a2), x, xOff, y, y2, nv, n);
        out[outOff + 3] = ScalarKernels.fmaTail(sumLanes(a3), x, xOff, y, y3, nv, n);
    }

    /**
     * One product's lanes, stored at {@code lanes[at .. at + 8)}, summed in lane order, then the products past
     * {@code nv} fused in: as {@link #dot} finishes. The accumulators of a block are all stored before any is summed,
     * each to its own lanes (in same-JVM runs, a 4 × 4 Gram block took 1.75 times as long when each finish reused one
     * scratch of eight).
     */
    private static double finishLanes(double[] lanes, int at, double[] x, int xOff, double[] y, int yOff, int nv,
                                      int n) {
        double s = 0;
        for (int l = 0; l < DL; l++) {
            s += lanes[at + l];
        }
        return ScalarKernels.fmaTail(s, x, xOff, y, yOff, nv, n);
    }

    /**
     * Four A rows against four B rows at a time: sixteen accumulators of eight lanes, each the lanes of one
     * {@link #dot} (the same loads feed four products each), finished as {@link #dot} finishes; the rows past the
     * last group of four go through {@link #dot4} and {@link #dot}.
     */
    @Override
    public void gram(double[] x, int n, int[] rows, int aFrom, int aTo, int bFrom, int bTo, double[][] out) {
        if (!WIDE) {
            fallback.gram(x, n, rows, aFrom, aTo, bFrom, bTo, out);
            return;
        }
        double[] four = new double[4];
        double[] lanes = new double[16 * DL];
        int i = aFrom;
        for (; i + 4 <= aTo; i += 4) {
            int j = bFrom;
            for (; j + 4 <= bTo; j += 4) {
                gram4x4(x, n, rows, i, j, out, lanes);
            }
            for (; j < bTo; j++) {
                dot4(x, rows[j] * n, x, rows[i] * n, rows[i + 1] * n, rows[i + 2] * n, rows[i + 3] * n, n, four, 0);
                for (int r = 0; r < 4; r++) {
                    out[i + r][j] = four[r];
                }
            }
        }
        for (; i < aTo; i++) {
            int j = bFrom;
            for (; j + 4 <= bTo; j += 4) {
                dot4(x, rows[i] * n, x, rows[j] * n, rows[j + 1] * n, rows[j + 2] * n, rows[j + 3] * n, n, out[i], j);
            }
            for (; j < bTo; j++) {
                out[i][j] = dot(x, rows[i] * n, x, rows[j] * n, n);
            }
        }
    }

    private void gram4x4(double[] x, int n, int[] rows, int i, int j, double[][] out, double[] lanes) {
        int a0 = rows[i] * n;
        int a1 = rows[i + 1] * n;
        int a2 = rows[i + 2] * n;
        int a3 = rows[i + 3] * n;
        int b0 = rows[j] * n;
        int b1 = rows[j + 1] * n;
        int b2 = rows[j + 2] * n;
        int b3 = rows[j + 3] * n;
        DoubleVector c00 = DoubleVector.zero(DS);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c03 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c13 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c23 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c33 = c00;
        int nv = DS.loopBound(n);
        for (int t = 0; t < nv; t += DL) {
            DoubleVector y0 = DoubleVector.fromArray(DS, x, b0 + t);
            DoubleVector y1 = DoubleVector.fromArray(DS, x, b1 + t);
            DoubleVector y2 = DoubleVector.fromArray(DS, x, b2 + t);
            DoubleVector y3 = DoubleVector.fromArray(DS, x, b3 + t);
            DoubleVector v = DoubleVector.fromArray(DS, x, a0 + t);
            c00 = v.fma(y0, c00);
            c01 = v.fma(y1, c01);
            c02 = v.fma(y2, c02);
            c03 = v.fma(y3, c03);
            v = DoubleVector.fromArray(DS, x, a1 + t);
            c10 = v.fma(y0, c10);
            c11 = v.fma(y1, c11);
            c12 = v.fma(y2, c12);
            c13 = v.fma(y3, c13);
            v = DoubleVector.fromArray(DS, x, a2 + t);
            c20 = v.fma(y0, c20);
            c21 = v.fma(y1, c21);
            c22 = v.fma(y2, c22);
            c23 = v.fma(y3, c23);
            v = DoubleVector.fromArray(DS, x, a3 + t);
            c30 = v.fma(y0, c30);
            c31 = v.fma(y1, c31);
            c32 = v.fma(y2, c32);
            c33 = v.fma(y3, c33);
        }
        // all sixteen stored first, each to its own lanes, then summed: no finish waits on the previous one's loads
        c00.intoArray(lanes, 0);
        c01.intoArray(lanes, DL);
        c02.intoArray(lanes, 2 * DL);
        c03.intoArray(lanes, 3 * DL);
        c10.intoArray(lanes, 4 * DL);
        c11.intoArray(lanes, 5 * DL);
        c12.intoArray(lanes, 6 * DL);
        c13.intoArray(lanes, 7 * DL);
        c20.intoArray(lanes, 8 * DL);
        c21.intoArray(lanes, 9 * DL);
        c22.intoArray(lanes, 10 * DL);
        c23.intoArray(lanes, 11 * DL);
        c30.intoArray(lanes, 12 * DL);
        c31.intoArray(lanes, 13 * DL);
        c32.intoArray(lanes, 14 * DL);
        c33.intoArray(lanes, 15 * DL);
        out[i][j] = finishLanes(lanes, 0, x, a0, x, b0, nv, n);
        out[i][j + 1] = finishLanes(lanes, DL, x, a0, x, b1, nv, n);
        out[i][j + 2] = finishLanes(lanes, 2 * DL, x, a0, x, b2, nv, n);
        out[i][j + 3] = finishLanes(lanes, 3 * DL, x, a0, x, b3, nv, n);
        out[i + 1][j] = finishLanes(lanes, 4 * DL, x, a1, x, b0, nv, n);
        out[i + 1][j + 1] = finishLanes(lanes, 5 * DL, x, a1, x, b1, nv, n);
        out[i + 1][j + 2] = finishLanes(lanes, 6 * DL, x, a1, x, b2, nv, n);
        out[i + 1][j + 3] = finishLanes(lanes, 7 * DL, x, a1, x, b3, nv, n);
        out[i + 2][j] = finishLanes(lanes, 8 * DL, x, a2, x, b0, nv, n);
        out[i + 2][j + 1] = finishLanes(lanes, 9 * DL, x, a2, x, b1, nv, n);
        out[i + 2][j + 2] = finishLanes(lanes, 10 * DL, x, a2, x, b2, nv, n);
        out[i + 2][j + 3] = finishLanes(lanes, 11 * DL, x, a2, x, b3, nv, n);
        out[i + 3][j] = finishLanes(lanes, 12 * DL, x, a3, x, b0, nv, n);
        out[i + 3][j + 1] = finishLanes(lanes, 13 * DL, x, a3, x, b1, nv, n);
        out[i + 3][j + 2] = finishLanes(lanes, 14 * DL, x, a3, x, b2, nv, n);
        out[i + 3][j + 3] = finishLanes(lanes, 15 * DL, x, a3, x, b3, nv, n);
    }

    @Override
    public float max(float[] a, int off, int n) {
        if (!WIDE || n < FS.length()) {
            return fallback.max(a, off, n);
        }
        int nv = FS.loopBound(n);
        FloatVector best = FloatVector.fromArray(FS, a, off);
        for (int i = FS.length(); i < nv; i += FS.length()) {
            best = best.max(FloatVector.fromArray(FS, a, off + i));
        }
        return ScalarKernels.max(a, off, nv, n, best.reduceLanes(VectorOperators.MAX));
    }

    @Override
    public int firstAbove(float[] a, int off, int from, int n, float min) {
        if (!WIDE) {
            return fallback.firstAbove(a, off, from, n, min);
        }
        FloatVector bound = FloatVector.broadcast(FS, min);
        int i = from;
        for (; i + FS.length() <= n; i += FS.length()) {
            if (FloatVector.fromArray(FS, a, off + i).compare(VectorOperators.GT, bound).anyTrue()) {
                break;
            }
        }
        return fallback.firstAbove(a, off, i, n, min);
    }

    @Override
    public int atLeast(float[] a, int off, int n, float min, int[] out) {
        if (!WIDE) {
            return fallback.atLeast(a, off, n, min, out);
        }
        int count = 0;
        int nv = FS.loopBound(n);
        // the vector test only says whether a block has a hit; the few blocks that do are scanned in scalar code
        // (on JDK 17 VectorMask.toLong is not intrinsified: using the mask's bits allocated an array per block)
        FloatVector bound = FloatVector.broadcast(FS, min);
        for (int i = 0; i < nv; i += FS.length()) {
            if (FloatVector.fromArray(FS, a, off + i).compare(VectorOperators.GE, bound).anyTrue()) {
                count = ScalarKernels.atLeast(a, off, i, i + FS.length(), min, out, count);
            }
        }
        return ScalarKernels.atLeast(a, off, nv, n, min, out, count);
    }

    @Override
    public String name() {
        return WIDE ? "vector-512bit" : "vector-double-only";
    }
}

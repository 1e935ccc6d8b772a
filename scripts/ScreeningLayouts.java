import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One target's product with a 10,000 × 512 dictionary packed in panels of 48 concepts, as the solver's screening
 * product makes it, from four copies of the dictionary: single precision (20 MB), 16-bit integers with a scale per
 * concept (the solver's {@code ScreeningCopy}, 10 MB), 8-bit integers (5 MB) and bfloat16 pairs in one int (10 MB):
 * <pre>
 * java --add-modules jdk.incubator.vector scripts/ScreeningLayouts.java [threads]
 * </pre>
 * Prints the median and best of 201 products after 400 warm-up products, for each copy, twice over (the machine's
 * drift falls on all). Random contents: only the time is measured.
 */
public class ScreeningLayouts {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static final int P = 48;
    static final int C = 10_000;
    static final int D = 512;
    static final int PANELS = (C + P - 1) / P;

    interface Kernel {
        void run(float[] z, float[] out, int from, int to);
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Random r = new Random(1);
        float[] f32 = new float[PANELS * D * P];
        short[] i16 = new short[f32.length];
        byte[] i8 = new byte[f32.length];
        int[] bf16 = new int[f32.length / 2];
        for (int i = 0; i < f32.length; i++) {
            f32[i] = (float) r.nextGaussian();
            i16[i] = (short) r.nextInt(65536);
            i8[i] = (byte) r.nextInt(256);
        }
        for (int i = 0; i < bf16.length; i++) {
            bf16[i] = r.nextInt();
        }
        float[] z = new float[D];
        for (int i = 0; i < D; i++) {
            z[i] = (float) r.nextGaussian();
        }
        float[] out = new float[PANELS * P];
        String[] names = {"float32", "int16 + scale", "int8 + scale", "bfloat16 pairs"};
        Kernel[] kernels = {
            (v, o, from, to) -> f32(f32, v, o, from, to),
            (v, o, from, to) -> i16(i16, v, o, from, to),
            (v, o, from, to) -> i8(i8, v, o, from, to),
            (v, o, from, to) -> bf16(bf16, v, o, from, to),
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < kernels.length; k++) {
                long[] times = new long[201];
                for (int rep = -400; rep < times.length; rep++) {
                    long t0 = System.nanoTime();
                    List<Future<?>> parts = new ArrayList<>();
                    for (int p = 0; p < threads; p++) {
                        int from = PANELS * p / threads;
                        int to = PANELS * (p + 1) / threads;
                        Kernel kernel = kernels[k];
                        parts.add(pool.submit(() -> kernel.run(z, out, from, to)));
                    }
                    for (Future<?> f : parts) {
                        f.get();
                    }
                    if (rep >= 0) {
                        times[rep] = System.nanoTime() - t0;
                    }
                }
                Arrays.sort(times);
                System.out.printf("%-15s %d threads: median %.3f ms, best %.3f ms%n", names[k], threads,
                        times[100] / 1e6, times[0] / 1e6);
            }
        }
        pool.shutdown();
    }

    static void f32(float[] q, float[] z, float[] out, int from, int to) {
        for (int p = from; p < to; p++) {
            int base = p * D * P;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            for (int t = 0; t < D; t++) {
                int off = base + t * P;
                FloatVector x = FloatVector.broadcast(F, z[t]);
                c0 = x.fma(FloatVector.fromArray(F, q, off), c0);
                c1 = x.fma(FloatVector.fromArray(F, q, off + 16), c1);
                c2 = x.fma(FloatVector.fromArray(F, q, off + 32), c2);
            }
            store(c0, c1, c2, out, p);
        }
    }

    static final VectorSpecies<Short> S = ShortVector.SPECIES_256;

    static void i16(short[] q, float[] z, float[] out, int from, int to) {
        for (int p = from; p < to; p++) {
            int base = p * D * P;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            for (int t = 0; t < D; t++) {
                int off = base + t * P;
                FloatVector x = FloatVector.broadcast(F, z[t]);
                c0 = x.fma((FloatVector) ShortVector.fromArray(S, q, off).convertShape(VectorOperators.S2F, F, 0), c0);
                c1 = x.fma((FloatVector) ShortVector.fromArray(S, q, off + 16).convertShape(VectorOperators.S2F, F, 0),
                        c1);
                c2 = x.fma((FloatVector) ShortVector.fromArray(S, q, off + 32).convertShape(VectorOperators.S2F, F, 0),
                        c2);
            }
            store(c0, c1, c2, out, p);
        }
    }

    static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;

    static void i8(byte[] q, float[] z, float[] out, int from, int to) {
        for (int p = from; p < to; p++) {
            int base = p * D * P;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            for (int t = 0; t < D; t++) {
                int off = base + t * P;
                FloatVector x = FloatVector.broadcast(F, z[t]);
                c0 = x.fma((FloatVector) ByteVector.fromArray(B, q, off).convertShape(VectorOperators.B2F, F, 0), c0);
                c1 = x.fma((FloatVector) ByteVector.fromArray(B, q, off + 16).convertShape(VectorOperators.B2F, F, 0),
                        c1);
                c2 = x.fma((FloatVector) ByteVector.fromArray(B, q, off + 32).convertShape(VectorOperators.B2F, F, 0),
                        c2);
            }
            store(c0, c1, c2, out, p);
        }
    }

    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;

    /** Each int holds coordinate t (high half) and t + 1 (low half) of one concept, both bfloat16. */
    static void bf16(int[] q, float[] z, float[] out, int from, int to) {
        IntVector high = IntVector.broadcast(I, 0xFFFF0000);
        for (int p = from; p < to; p++) {
            int base = p * (D / 2) * P;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            for (int t = 0; t < D; t += 2) {
                int off = base + (t / 2) * P;
                FloatVector x = FloatVector.broadcast(F, z[t]);
                FloatVector y = FloatVector.broadcast(F, z[t + 1]);
                IntVector v0 = IntVector.fromArray(I, q, off);
                IntVector v1 = IntVector.fromArray(I, q, off + 16);
                IntVector v2 = IntVector.fromArray(I, q, off + 32);
                c0 = y.fma(v0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(),
                        x.fma(v0.and(high).reinterpretAsFloats(), c0));
                c1 = y.fma(v1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(),
                        x.fma(v1.and(high).reinterpretAsFloats(), c1));
                c2 = y.fma(v2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats(),
                        x.fma(v2.and(high).reinterpretAsFloats(), c2));
            }
            store(c0, c1, c2, out, p);
        }
    }

    static void store(FloatVector c0, FloatVector c1, FloatVector c2, float[] out, int p) {
        c0.intoArray(out, p * P);
        c1.intoArray(out, p * P + 16);
        c2.intoArray(out, p * P + 32);
    }
}

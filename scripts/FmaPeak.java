import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's single-precision (or, with {@code double}, double-precision) multiply-add ceiling through the Vector
 * API: each of {@code threads} threads runs sixteen independent chains of 512-bit fused multiply-adds on registers (no
 * loads), six times; prints GFLOP/s in all and per thread. The roofline of docs/PERFORMANCE.md sets the batch product's
 * rate against the first, and the working sets' Gram blocks and Cholesky factors (double precision) against the second:
 * <pre>
 * java --add-modules jdk.incubator.vector scripts/FmaPeak.java threads [double]
 * </pre>
 */
public class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_512;
    private static final long ITERATIONS = 50_000_000L;
    private static final int CHAINS = 16;

    private static float chains(long iterations) {
        // each chain starts from its own value (built from a register, not read from an array: vectors read from
        // an array were not kept in registers by C2, and the loop ran at 8 GFLOP/s)
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3), a4 = a0.add(4),
                a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7), a8 = a0.add(8), a9 = a0.add(9), a10 = a0.add(10),
                a11 = a0.add(11), a12 = a0.add(12), a13 = a0.add(13), a14 = a0.add(14), a15 = a0.add(15);
        FloatVector x = FloatVector.broadcast(S, 0.9999f);
        FloatVector y = FloatVector.broadcast(S, 0.0001f);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
            a12 = a12.fma(x, y);
            a13 = a13.fma(x, y);
            a14 = a14.fma(x, y);
            a15 = a15.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }

    /**
     * {@link #chains} in double precision: eight lanes a vector. It repeats {@link #chains} with {@code DoubleVector}
     * on purpose: one method over the generic {@code Vector<E>} (with {@code lanewise(FMA, …)}) kept its vectors boxed
     * and ran at 6.8–6.9 GFLOP/s in single and 3.4–3.6 in double precision (2026-12-03).
     */
    private static double doubleChains(long iterations) {
        DoubleVector a0 = DoubleVector.broadcast(SD, 1.0), a1 = a0.add(1), a2 = a0.add(2), a3 = a0.add(3),
                a4 = a0.add(4), a5 = a0.add(5), a6 = a0.add(6), a7 = a0.add(7), a8 = a0.add(8), a9 = a0.add(9),
                a10 = a0.add(10), a11 = a0.add(11), a12 = a0.add(12), a13 = a0.add(13), a14 = a0.add(14),
                a15 = a0.add(15);
        DoubleVector x = DoubleVector.broadcast(SD, 0.9999);
        DoubleVector y = DoubleVector.broadcast(SD, 0.0001);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
            a12 = a12.fma(x, y);
            a13 = a13.fma(x, y);
            a14 = a14.fma(x, y);
            a15 = a15.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        boolean precise = args.length > 1 && args[1].equals("double");
        double flopsPerThread = 2.0 * ITERATIONS * CHAINS * (precise ? SD.length() : S.length());
        for (int rep = 0; rep < 6; rep++) {
            Thread[] workers = new Thread[threads];
            double[] sink = new double[threads];
            long t = System.nanoTime();
            for (int k = 0; k < threads; k++) {
                int slot = k;
                workers[k] = new Thread(() -> sink[slot] = precise ? doubleChains(ITERATIONS) : chains(ITERATIONS));
                workers[k].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("%d thread(s), %s: %.1f GFLOP/s, %.1f per thread (checksum %s)%n", threads,
                    precise ? "double" : "single",
                    threads * flopsPerThread / seconds / 1e9, flopsPerThread / seconds / 1e9, sink[0]);
        }
    }
}

import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.*;
import java.nio.file.Path;
/**
 * The timeline of a fresh JVM's first solver passes: reads D.npy and Z.npy, then solves all targets at λ = 0.25 three
 * times with the default solver, printing each pass's time and the time of each 2,560 targets (ten batches):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes scripts/PassTimeline.java D.npy Z.npy
 * </pre>
 * The JIT's compilation shows as slow early chunks; the dictionary's Gram matrix, once 4 targets per concept have
 * been solved, as one slow chunk at the start of the pass that makes it.
 */
public class PassTimeline {
    public static void main(String[] a) throws Exception {
        long t0 = System.nanoTime();
        DictionaryMatrix dict = DictionaryMatrix.of(Npy.readMatrix(Path.of(a[0])), a[0]);
        double[][] z = Npy.readMatrix(Path.of(a[1]));
        System.out.printf("read %.2f s%n", (System.nanoTime() - t0) / 1e9);
        WorkingSetLassoSolver s = WorkingSetLassoSolver.create();
        for (int p = 0; p < 3; p++) {
            long t = System.nanoTime();
            long[] last = {t};
            StringBuilder sb = new StringBuilder();
            s.solve(dict, z, fill(z.length, 0.25), null, (done, total) -> {
                if (done % 2560 == 0 || done == total) {
                    long now = System.nanoTime();
                    sb.append(String.format(" %d:%.2f", done, (now - last[0]) / 1e9));
                    last[0] = now;
                }
            });
            System.out.printf("pass %d: %.2f s;%s%n", p, (System.nanoTime() - t) / 1e9, sb);
        }
    }
    static double[] fill(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }
}

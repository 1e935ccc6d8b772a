import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.*;

/**
 * A/B of two builds of splice-core in one JVM, each in its own class loader, their solver passes alternating so that
 * the machine's drift falls on both (on a shared 2-core machine single runs varied by ±15 %):
 * <pre>
 * java --add-modules jdk.incubator.vector scripts/SolverAB.java A.jar|classes-dir B.jar|classes-dir D.npy Z.npy λ passes [single]
 * </pre>
 * Prints each build's embeddings/s over the timed passes (after 3 warm-up passes each) and the ratio B/A per pair.
 * With {@code single}, a pass solves the targets one call each (an online service's case) instead of in one call.
 */
public class SolverAB {
    public static void main(String[] a) throws Exception {
        String[] names = {"A", "B"};
        Object[] solver = new Object[2], dict = new Object[2], targets = new Object[2];
        Method[] solve = new Method[2];
        boolean single = a.length > 6 && a[6].equals("single");
        for (int v = 0; v < 2; v++) {
            ClassLoader cl = new URLClassLoader(new URL[] {Path.of(a[v]).toUri().toURL()}, SolverAB.class.getClassLoader().getParent());
            Class<?> npy = cl.loadClass("io.github.splice4j.npy.Npy");
            Method read = npy.getMethod("readMatrix", Path.class);
            Class<?> dm = cl.loadClass("io.github.splice4j.solver.DictionaryMatrix");
            dict[v] = dm.getMethod("of", double[][].class, String.class).invoke(null, read.invoke(null, Path.of(a[2])), a[2]);
            targets[v] = read.invoke(null, Path.of(a[3]));
            Class<?> ws = cl.loadClass("io.github.splice4j.solver.WorkingSetLassoSolver");
            solver[v] = ws.getMethod("create").invoke(null);
            solve[v] = single ? ws.getMethod("solve", dm, double[].class, double.class)
                    : ws.getMethod("solve", dm, double[][].class, double.class);
        }
        double lambda = Double.parseDouble(a[4]);
        int passes = Integer.parseInt(a[5]);
        int n = ((double[][]) targets[0]).length;
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
        for (int p = -3; p < passes; p++) {
            for (int k = 0; k < 2; k++) {
                int v = (p & 1) == 0 ? k : 1 - k;
                long t = System.nanoTime();
                if (single) {
                    for (double[] target : (double[][]) targets[v]) {
                        solve[v].invoke(solver[v], dict[v], target, lambda);
                    }
                } else {
                    solve[v].invoke(solver[v], dict[v], targets[v], lambda);
                }
                double r = n / ((System.nanoTime() - t) / 1e9);
                if (p >= 0) rates.get(v).add(r);
            }
        }
        for (int v = 0; v < 2; v++) {
            List<Double> r = new ArrayList<>(rates.get(v));
            Collections.sort(r);
            System.out.printf("%s %s: median %.0f/s, best %.0f/s, passes %s%n", names[v], a[v], r.get(r.size() / 2), r.get(r.size() - 1), r.stream().map(x -> String.format("%.0f", x)).toList());
        }
        List<Double> ra = rates.get(0), rb = rates.get(1);
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i < ra.size(); i++) ratio.add(rb.get(i) / ra.get(i));
        Collections.sort(ratio);
        System.out.printf("B/A per pass pair: median %.3f, range %.3f-%.3f%n", ratio.get(ratio.size() / 2), ratio.get(0), ratio.get(ratio.size() - 1));
    }
}

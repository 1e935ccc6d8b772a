import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;

import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The stages of a cold `splice solve` before the solve itself, each timed in a fresh JVM: the kernels' warm-up
 * (`Kernels.best()`), reading the dictionary, packing it (`DictionaryMatrix.of`) and reading the embeddings:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp splice-core/target/classes scripts/StartupStages.java D.npy Z.npy
 * </pre>
 */
public class StartupStages {
    public static void main(String[] args) throws Exception {
        long t = System.nanoTime();
        Method best = Class.forName("io.github.splice4j.solver.Kernels").getDeclaredMethod("best");
        best.setAccessible(true);
        best.invoke(null);
        long warm = System.nanoTime();
        double[][] d = Npy.readMatrix(Path.of(args[0]));
        long read = System.nanoTime();
        DictionaryMatrix.of(d, args[0]);
        long pack = System.nanoTime();
        Npy.readMatrix(Path.of(args[1]));
        long z = System.nanoTime();
        System.out.printf("kernel warm-up %.3f s, read %s %.3f s, DictionaryMatrix.of %.3f s, read %s %.3f s%n",
                (warm - t) / 1e9, args[0], (read - warm) / 1e9, (pack - read) / 1e9, args[1], (z - pack) / 1e9);
    }
}

package io.github.splice4j.probes;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.DecompositionPath;
import io.github.splice4j.decompose.Decomposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sparsity–accuracy sweep (the paper's Tables 3 and 4): probes trained on decompositions at each
 * λ of a grid (one warm-started solution path over train and test), their test accuracy against the
 * mean l0, next to the dense L2 probe.
 */
public final class SparsitySweep {
    /**
     * One λ of the sweep.
     * @param lambda λ
     * @param meanL0 the mean number of concepts per test embedding
     * @param meanCosine the mean reconstruction cosine of the test embeddings
     * @param accuracy the probe's test accuracy
     * @param probeL0 the number of concepts the probe uses
     */
    public record Row(double lambda, double meanL0, double meanCosine, double accuracy, int probeL0) {
    }

    /**
     * The sweep's result.
     * @param rows one per λ, λ descending
     * @param denseAccuracy the dense L2 probe's test accuracy
     */
    public record Result(List<Row> rows, double denseAccuracy) {
        /** @return the table in Markdown */
        public String markdown() {
            StringBuilder sb = new StringBuilder("| λ | mean l0 | mean cosine | probe accuracy | probe l0 |\n|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "| %.4g | %.1f | %.3f | %.4f | %d |%n", r.lambda, r.meanL0,
                        r.meanCosine, r.accuracy, r.probeL0));
            }
            sb.append(String.format(Locale.ROOT, "| dense (L2 probe) | — | 1 | %.4f | — |%n", denseAccuracy));
            return sb.toString();
        }

        /** @return accuracy against mean l0, with the dense baseline, as SVG */
        public String svg() {
            double[] x = rows.stream().mapToDouble(Row::meanL0).toArray();
            double[] y = rows.stream().mapToDouble(Row::accuracy).toArray();
            return new SvgLineChart("Sparsity–accuracy sweep", "mean concepts per embedding (l0)", "test accuracy", true)
                    .series("L1 probe on SpLiCE weights", x, y).reference("dense L2 probe", denseAccuracy).render();
        }
    }

    private SparsitySweep() {
    }

    /**
     * Runs the sweep: one warm-started λ path over train and test ({@link Decomposer#path}), a probe per λ.
     * @param decomposer the decomposer (its dictionary, mean and solver; its penalty is not used)
     * @param trainX training embeddings
     * @param trainY training labels
     * @param testX test embeddings
     * @param testY test labels
     * @param lambdas the λ grid
     * @param c the probes' C
     * @param progress told how many λ are done
     * @return the result
     */
    public static Result run(Decomposer decomposer, double[][] trainX, List<String> trainY, double[][] testX,
                             List<String> testY, double[] lambdas, double c, ProgressListener progress) {
        int n = trainX.length + testX.length;
        double[][] all = new double[n][];
        System.arraycopy(trainX, 0, all, 0, trainX.length);
        System.arraycopy(testX, 0, all, trainX.length, testX.length);
        DecompositionPath path = decomposer.path(all, lambdas, ProgressListener.NONE);
        List<Row> rows = new ArrayList<>();
        double[] ls = path.lambdas();
        for (int k = 0; k < ls.length; k++) {
            List<Decomposition> ds = path.decompositions(k);
            List<Decomposition> train = ds.subList(0, trainX.length);
            List<Decomposition> test = ds.subList(trainX.length, n);
            ConceptProbe probe = ConceptProbe.train(train, trainY, c);
            double acc = probe.score(test, testY, null).accuracy();
            rows.add(new Row(ls[k], test.stream().mapToInt(Decomposition::l0).average().orElse(0),
                    test.stream().mapToDouble(Decomposition::cosine).average().orElse(0), acc, probe.l0()));
            progress.progress(k + 1, ls.length);
        }
        double dense = DenseProbe.train(trainX, trainY, c).score(testX, testY, null).accuracy();
        return new Result(List.copyOf(rows), dense);
    }
}

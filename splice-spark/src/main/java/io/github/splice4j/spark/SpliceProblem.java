package io.github.splice4j.spark;

import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.Penalty;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a worker needs to decompose embeddings, shipped once per job as a broadcast: the dictionary rows as solved
 * against, the concept names, the centring mean (absent for the raw problem), the penalty and the tolerance. The
 * solver and decomposer are built on first use in each executor, with one thread (Spark runs a task per core).
 */
final class SpliceProblem implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[][] rows;
    private final List<String> names;
    private final double[] mean;
    private final String meanName;
    private final String source;
    private final Penalty penalty;
    private final double tolerance;
    private transient DictionaryMatrix matrix;
    private transient Decomposer decomposer;
    private transient NonnegativeLassoSolver solver;

    SpliceProblem(double[][] rows, List<String> names, double[] mean, String meanName, String source, Penalty penalty,
                  double tolerance) {
        this.rows = rows;
        this.names = List.copyOf(names);
        this.mean = mean;
        this.meanName = meanName;
        this.source = source;
        this.penalty = penalty;
        this.tolerance = tolerance;
    }

    /** @return whether embeddings are normalised, centred and scored by cosine (the pipeline form) */
    boolean pipeline() {
        return mean != null;
    }

    int concepts() {
        return rows.length;
    }

    int dimension() {
        return rows[0].length;
    }

    double[][] rows() {
        return rows;
    }

    List<String> names() {
        return names;
    }

    double[] mean() {
        return mean;
    }

    String meanName() {
        return meanName;
    }

    String source() {
        return source;
    }

    Penalty penalty() {
        return penalty;
    }

    double tolerance() {
        return tolerance;
    }

    SpliceProblem with(Penalty p, double tol) {
        return new SpliceProblem(rows, names, mean, meanName, source, p, tol);
    }

    private synchronized void init() {
        if (matrix == null) {
            solver = WorkingSetLassoSolver.builder().threads(1).tolerance(tolerance).build();
            if (pipeline()) {
                ConceptDictionary d = ConceptDictionary.ofPrepared(ConceptVocabulary.of(source, names),
                        DictionaryMatrix.of(rows, source), source);
                decomposer = new Decomposer(d, EmbeddingMean.of(meanName, mean), penalty, solver);
                matrix = d.matrix();
            } else {
                matrix = DictionaryMatrix.of(rows, source);
            }
        }
    }

    /**
     * One solved row.
     * @param weights the sparse weights and certificate
     * @param cosine the reconstruction cosine (NaN for the raw problem)
     */
    record Solved(LassoResult weights, double cosine) {
    }

    /** Decomposes (pipeline) or solves (raw) a batch. */
    List<Solved> solve(double[][] batch) {
        init();
        List<Solved> out = new ArrayList<>(batch.length);
        if (pipeline()) {
            for (Decomposition d : decomposer.decompose(batch)) {
                out.add(new Solved(d.weights(), d.cosine()));
            }
        } else {
            for (LassoResult r : solver.solve(matrix, batch, penalty, io.github.splice4j.ProgressListener.NONE)) {
                out.add(new Solved(r, Double.NaN));
            }
        }
        return out;
    }

    static SpliceProblem pipeline(ConceptDictionary dictionary, EmbeddingMean mean, Penalty penalty, double tolerance) {
        double[][] r = new double[dictionary.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = dictionary.matrix().row(i);
        }
        return new SpliceProblem(r, dictionary.vocabulary().names(), mean.values(), mean.name(), dictionary.source(),
                penalty, tolerance);
    }

    static SpliceProblem raw(DictionaryMatrix dictionary, String source, Penalty penalty, double tolerance) {
        double[][] r = new double[dictionary.concepts()][];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            r[i] = dictionary.row(i);
            names.add("c" + i);
        }
        return new SpliceProblem(r, names, null, null, source, penalty, tolerance);
    }
}

package io.github.splice4j.interventions;

import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.solver.LassoResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes concepts from decompositions and recomposes the dense embeddings (the reference's
 * {@code intervene_image}): any downstream dense model then sees the edit.
 */
public final class RepresentationIntervention {
    /**
     * The edit.
     * @param edited the decompositions without the removed concepts (their cosines are of the edited recomposition)
     * @param recomposed the edited dense embeddings, {@code normalise(normalise(Dᵀw') + μ)}
     * @param weightMassRemoved the removed weight as a share of all weight, over all embeddings
     * @param affected how many embeddings had any removed concept
     * @param meanCosineBefore mean cosine of the unedited recompositions with the embeddings
     * @param meanCosineAfter mean cosine of the edited ones
     */
    public record Result(List<Decomposition> edited, double[][] recomposed, double weightMassRemoved, int affected,
                         double meanCosineBefore, double meanCosineAfter) {
    }

    private RepresentationIntervention() {
    }

    /**
     * @param decomposer the decomposer that made the decompositions
     * @param embeddings the original embeddings
     * @param decompositions their decompositions
     * @param remove the concepts to remove
     * @return the edit
     */
    public static Result apply(Decomposer decomposer, double[][] embeddings, List<Decomposition> decompositions,
                               ResolvedConcepts remove) {
        int[] removed = remove.indices().clone();
        Arrays.sort(removed);
        double total = 0;
        double gone = 0;
        int affected = 0;
        List<LassoResult> kept = new ArrayList<>(decompositions.size());
        for (Decomposition d : decompositions) {
            LassoResult w = d.weights();
            int[] idx = w.indices();
            double[] val = w.weights();
            List<Integer> keepIdx = new ArrayList<>();
            boolean hit = false;
            for (int p = 0; p < idx.length; p++) {
                total += val[p];
                if (Arrays.binarySearch(removed, idx[p]) >= 0) {
                    gone += val[p];
                    hit = true;
                } else {
                    keepIdx.add(p);
                }
            }
            affected += hit ? 1 : 0;
            int[] ni = keepIdx.stream().mapToInt(p -> idx[p]).toArray();
            double[] nv = keepIdx.stream().mapToDouble(p -> val[p]).toArray();
            // the edited weights are no longer a LASSO solution: their certificate fields are not meaningful
            kept.add(new LassoResult(ni, nv, Double.NaN, Double.NaN, w.lambda(), w.lambdaMax(), w.rounds(), false));
        }
        List<Decomposition> edited = decomposer.describe(embeddings, kept);
        double[][] recomposed = new double[kept.size()][];
        for (int i = 0; i < kept.size(); i++) {
            recomposed[i] = decomposer.recompose(kept.get(i));
        }
        double before = decompositions.stream().mapToDouble(Decomposition::cosine).average().orElse(0);
        double after = edited.stream().mapToDouble(Decomposition::cosine).average().orElse(0);
        return new Result(edited, recomposed, total > 0 ? gone / total : 0, affected, before, after);
    }
}

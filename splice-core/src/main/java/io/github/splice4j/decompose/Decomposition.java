package io.github.splice4j.decompose;

import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.solver.LassoResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The decomposition of one embedding: its sparse concept weights (with the solver's certificate),
 * the cosine between the recomposed and the normalised original embedding, and the concepts by name.
 */
public final class Decomposition {
    private final LassoResult weights;
    private final double cosine;
    private final List<ConceptWeight> concepts;

    Decomposition(LassoResult weights, double cosine, ConceptVocabulary vocabulary) {
        this.weights = weights;
        this.cosine = cosine;
        int[] idx = weights.indices();
        double[] w = weights.weights();
        List<ConceptWeight> list = new ArrayList<>(idx.length);
        for (int p = 0; p < idx.length; p++) {
            list.add(new ConceptWeight(idx[p], vocabulary.name(idx[p]), w[p]));
        }
        list.sort(Comparator.comparingDouble(ConceptWeight::weight).reversed()
                .thenComparingInt(ConceptWeight::index));
        this.concepts = List.copyOf(list);
    }

    /** @return the sparse weights and their certificate */
    public LassoResult weights() {
        return weights;
    }

    /** @return cosine similarity of the recomposed embedding with the normalised input */
    public double cosine() {
        return cosine;
    }

    /** @return the number of concepts with a non-zero weight */
    public int l0() {
        return weights.l0();
    }

    /** @return every concept with a non-zero weight, largest weight first */
    public List<ConceptWeight> concepts() {
        return concepts;
    }

    /**
     * @param k how many
     * @return the {@code k} concepts of largest weight, largest first
     */
    public List<ConceptWeight> topConcepts(int k) {
        return concepts.subList(0, Math.min(k, concepts.size()));
    }
}

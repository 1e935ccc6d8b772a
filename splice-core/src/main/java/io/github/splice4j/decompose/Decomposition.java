package io.github.splice4j.decompose;

import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.solver.LassoResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The decomposition of one embedding: its sparse concept weights (with the solver's certificate),
 * the cosine between the recomposed and the normalised original embedding, and the concepts by name.
 * It holds only the sparse weights and a reference to the vocabulary (a few hundred bytes for a typical
 * decomposition), so millions fit in memory; the named list is built when asked for.
 */
public final class Decomposition {
    private final LassoResult weights;
    private final double cosine;
    private final ConceptVocabulary vocabulary;

    Decomposition(LassoResult weights, double cosine, ConceptVocabulary vocabulary) {
        this.weights = weights;
        this.cosine = cosine;
        this.vocabulary = vocabulary;
    }

    /** @return every concept with a non-zero weight, largest weight first (a new list each call) */
    public List<ConceptWeight> concepts() {
        int[] idx = weights.indices();
        double[] w = weights.weights();
        List<ConceptWeight> list = new ArrayList<>(idx.length);
        for (int p = 0; p < idx.length; p++) {
            list.add(new ConceptWeight(idx[p], vocabulary.name(idx[p]), w[p]));
        }
        list.sort(Comparator.comparingDouble(ConceptWeight::weight).reversed()
                .thenComparingInt(ConceptWeight::index));
        return list;
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

    /**
     * @param k how many
     * @return the {@code k} concepts of largest weight, largest first
     */
    public List<ConceptWeight> topConcepts(int k) {
        List<ConceptWeight> all = concepts();
        return all.subList(0, Math.min(k, all.size()));
    }
}

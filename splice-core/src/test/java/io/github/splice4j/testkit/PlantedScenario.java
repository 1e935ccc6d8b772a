package io.github.splice4j.testkit;

import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.solver.WorkingSetLassoSolver;

import java.util.List;

/**
 * The planted-concept scenario the probe and intervention tests share: 2,000 generated laion concepts, the
 * CLIP ViT-B/32 image mean, λ = 0.25, and two targets: "place" (land marked by bamboo, water by beach) and
 * "eyes" (glasses marked by glasses, hat by hat); 300 training and 200 test embeddings.
 * @param vocabulary the vocabulary
 * @param mean the mean
 * @param problem the generated problem
 * @param dictionary the concept dictionary
 * @param decomposer the decomposer
 * @param train the training task
 * @param test the test task
 */
public record PlantedScenario(ConceptVocabulary vocabulary, EmbeddingMean mean, ClipLikeProblem problem,
                              ConceptDictionary dictionary, Decomposer decomposer, PlantedConceptTask train,
                              PlantedConceptTask test) {

    /** @return the scenario (deterministic) */
    public static PlantedScenario placeAndEyes() {
        ConceptVocabulary vocabulary = ConceptVocabulary.bundled("laion", 2000);
        EmbeddingMean mean = EmbeddingMean.bundled("clip:ViT-B-32");
        ClipLikeProblem problem = ClipLikeProblem.generate(2000, 0, mean, 1, 1, 0.5, 3);
        ConceptDictionary dictionary = ConceptDictionary.fromEmbeddings(vocabulary, problem.rawConcepts(), "generated");
        Decomposer decomposer = new Decomposer(dictionary, mean, 0.25, WorkingSetLassoSolver.create());
        List<PlantedConceptTask.Target> targets = List.of(
                new PlantedConceptTask.Target("place", "land", "bamboo", "water", "beach"),
                new PlantedConceptTask.Target("eyes", "glasses", "glasses", "hat", "hat"));
        return new PlantedScenario(vocabulary, mean, problem, dictionary, decomposer,
                PlantedConceptTask.generate(problem, vocabulary, targets, 300, 2, 0.5, 1),
                PlantedConceptTask.generate(problem, vocabulary, targets, 200, 2, 0.5, 2));
    }
}

package io.github.splice4j.cli;

import io.github.splice4j.concepts.ConceptVocabulary;
import picocli.CommandLine.Option;

/** The concept vocabulary: a bundled list (the last k lines) or a user file. */
final class VocabularyOptions {
    @Option(names = "--vocab", defaultValue = "laion",
            description = "laion, laion_bigrams, mscoco, or a file with one concept per line (default ${DEFAULT-VALUE}).")
    String vocab;

    @Option(names = "--vocab-size", defaultValue = "10000",
            description = "Keep the last k lines of the vocabulary; -1 or 'all' for all (default ${DEFAULT-VALUE}).")
    String vocabSize;

    /** Loads it and reports what was read (blank and repeated lines included) on standard error. */
    ConceptVocabulary load() {
        ConceptVocabulary v = ConceptVocabulary.load(vocab, ConceptVocabulary.parseSize(vocabSize));
        System.err.println(v.summary());
        return v;
    }
}

package io.github.splice4j.concepts;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.solver.DictionaryMatrix;

import java.nio.file.Path;

/**
 * A concept dictionary: a vocabulary and one centred, unit-norm embedding per concept, the rows of
 * SpLiCE's {@code D}. Built from raw concept embeddings as the reference builds it: L2-normalise every
 * row, subtract the mean row, L2-normalise again.
 */
public final class ConceptDictionary implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final ConceptVocabulary vocabulary;
    private final DictionaryMatrix matrix;
    private final String source;

    private ConceptDictionary(ConceptVocabulary vocabulary, DictionaryMatrix matrix, String source) {
        this.vocabulary = vocabulary;
        this.matrix = matrix;
        this.source = source;
    }

    /**
     * Builds a dictionary from raw concept embeddings (for example CLIP text embeddings of the
     * vocabulary). There must be one row per concept, or one row per line read (the reference's
     * layout when the vocabulary file has blank or repeated lines, which are then skipped).
     * @param vocabulary the concept names
     * @param embeddings raw concept embeddings, one row each
     * @param source where the embeddings came from, for messages and provenance
     * @return the normalised, centred dictionary
     */
    public static ConceptDictionary fromEmbeddings(ConceptVocabulary vocabulary, double[][] embeddings, String source) {
        double[][] rows;
        if (embeddings.length == vocabulary.size()) {
            rows = new double[embeddings.length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = embeddings[i].clone();
            }
        } else if (embeddings.length == vocabulary.lineCount()) {
            rows = new double[vocabulary.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = embeddings[vocabulary.lineOfConcept(i)].clone();
            }
        } else {
            throw new SpliceInputException(source + ": " + embeddings.length + " concept embeddings, but the vocabulary "
                    + vocabulary.source() + " has " + vocabulary.size() + " concepts"
                    + (vocabulary.lineCount() != vocabulary.size() ? " (" + vocabulary.lineCount() + " lines)" : ""));
        }
        if (rows.length < 2) {
            throw new SpliceInputException(source + ": a dictionary needs at least 2 concepts to be centred");
        }
        int d = rows[0].length;
        double[] mean = new double[d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new SpliceInputException(source + ": row " + i + " has " + rows[i].length + " values, expected " + d);
            }
            if (Vectors.norm(rows[i]) == 0) {
                throw new SpliceInputException(source + ": the embedding of concept " + i + " ('" + vocabulary.name(i)
                        + "') is all zeros");
            }
            Vectors.normalizeInPlace(rows[i]);
            for (int j = 0; j < d; j++) {
                mean[j] += rows[i][j] / rows.length;
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] -= mean[j];
            }
            Vectors.normalizeInPlace(row);
        }
        return new ConceptDictionary(vocabulary, DictionaryMatrix.of(rows, source), source);
    }

    /**
     * Loads raw concept embeddings from a {@code .npy} file and builds the dictionary.
     * @param conceptEmbeddings the file, concepts × dimension, float32 or float64
     * @param vocabulary the concept names
     * @return the dictionary
     */
    public static ConceptDictionary load(Path conceptEmbeddings, ConceptVocabulary vocabulary) {
        return fromEmbeddings(vocabulary, Npy.readMatrix(conceptEmbeddings), conceptEmbeddings.toString());
    }

    /**
     * A dictionary whose rows are used exactly as given (already normalised and centred).
     * @param vocabulary the concept names
     * @param matrix the rows
     * @param source a description for provenance
     * @return the dictionary
     */
    public static ConceptDictionary ofPrepared(ConceptVocabulary vocabulary, DictionaryMatrix matrix, String source) {
        if (matrix.concepts() != vocabulary.size()) {
            throw new SpliceInputException(source + ": " + matrix.concepts() + " rows, but the vocabulary "
                    + vocabulary.source() + " has " + vocabulary.size() + " concepts");
        }
        return new ConceptDictionary(vocabulary, matrix, source);
    }

    /** @return the concept names */
    public ConceptVocabulary vocabulary() {
        return vocabulary;
    }

    /** @return the normalised, centred rows */
    public DictionaryMatrix matrix() {
        return matrix;
    }

    /** @return the number of concepts */
    public int size() {
        return matrix.concepts();
    }

    /** @return the embedding dimension */
    public int dimension() {
        return matrix.dimension();
    }

    /** @return where the concept embeddings came from */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "ConceptDictionary(" + vocabulary.source() + ", " + size() + " × " + dimension() + ", " + source + ")";
    }
}

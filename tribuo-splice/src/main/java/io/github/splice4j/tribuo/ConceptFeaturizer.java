package io.github.splice4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.decompose.Decomposer;
import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.internal.FileDigests;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.tribuo.protos.ConceptFeaturizerProto;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns examples with dense embedding features ({@code clip@0000} …) into examples with sparse,
 * named concept features ({@code concept@bamboo forest}): SpLiCE as a dataset-level conversion, since
 * Tribuo's {@code Transformation}s cannot add or rename features. Whole datasets are decomposed in
 * batches through the core solver. Metadata, weights and outputs are kept.
 *
 * <p>Configurable with OLCUT (concept embeddings file, vocabulary, mean, λ, tolerance, prefixes), or
 * built from a {@link ConceptDictionary} in code. Immutable; its provenance records the dictionary's
 * source, the vocabulary's hash, the mean, λ and the solver.
 */
public final class ConceptFeaturizer implements Configurable, Provenancable<ConfiguredObjectProvenance>, Serializable {
    private static final long serialVersionUID = 1L;

    @Config(description = "Raw concept embeddings (.npy), one row per vocabulary concept.")
    private Path conceptsPath;

    @Config(description = "Vocabulary: laion, laion_bigrams, mscoco or a file.")
    private String vocab = "laion";

    @Config(description = "Vocabulary size: the last k lines; -1 for all.")
    private int vocabSize = ConceptVocabulary.DEFAULT_SIZE;

    @Config(description = "The mean subtracted before decomposing: a bundled name or a .npy file.")
    private String mean = "clip:ViT-B-32";

    @Config(description = "The l1 penalty λ.")
    private double lambda = 0.25;

    @Config(description = "Relative duality gap at which the solver stops.")
    private double tolerance = WorkingSetLassoSolver.DEFAULT_TOLERANCE;

    @Config(description = "Prefix of the dense embedding features.")
    private String embeddingPrefix = EmbeddingFeatures.DEFAULT_PREFIX;

    @Config(description = "Prefix of the concept features produced.")
    private String conceptPrefix = ConceptFeatures.DEFAULT_PREFIX;

    private ConceptDictionary dictionary;
    private Decomposer decomposer;
    private String recordedSha256;

    /** For OLCUT. */
    private ConceptFeaturizer() {
    }

    /**
     * A featurizer over a dictionary built in code. Its configuration (and so its provenance) records what
     * rebuilds it: the concept-embeddings file the dictionary was loaded from (when it was), the vocabulary's
     * name and size, and the mean's name or file.
     * @param dictionary the concept dictionary
     * @param mean the centring mean
     * @param lambda λ
     */
    public ConceptFeaturizer(ConceptDictionary dictionary, EmbeddingMean mean, double lambda) {
        this.dictionary = dictionary;
        Path file = Path.of(dictionary.source());
        this.conceptsPath = Files.isRegularFile(file) ? file : null;
        this.vocab = dictionary.vocabulary().origin();
        this.vocabSize = dictionary.vocabulary().requestedSize();
        this.mean = mean.name();
        this.lambda = lambda;
        this.decomposer = new Decomposer(dictionary, mean, lambda,
                WorkingSetLassoSolver.builder().tolerance(tolerance).build());
    }

    /**
     * @return the protobuf form: the prepared dictionary, vocabulary, mean, penalty, tolerance, prefixes and the
     *     configuration that rebuilds it from files
     */
    ConceptFeaturizerProto toProto() {
        ConceptFeaturizerProto.Builder b = ConceptFeaturizerProto.newBuilder()
                .addAllVocabulary(dictionary.vocabulary().names())
                .setVocabularySource(dictionary.vocabulary().source())
                .setDictionarySource(dictionary.source())
                .setDimension(dictionary.dimension())
                .setMeanName(decomposer.mean().name())
                .setLambda(lambda)
                .setTolerance(tolerance)
                .setEmbeddingPrefix(embeddingPrefix)
                .setConceptPrefix(conceptPrefix)
                .setConceptsPath(conceptsPath == null ? "" : conceptsPath.toString())
                .setVocab(vocab)
                .setVocabSize(vocabSize)
                .setDictionarySha256(dictionarySha256());
        for (int i = 0; i < dictionary.size(); i++) {
            for (double v : dictionary.matrix().row(i)) {
                b.addDictionary(v);
            }
        }
        for (double v : decomposer.mean().values()) {
            b.addMean(v);
        }
        return b.build();
    }

    /**
     * Rebuilds a featurizer from its protobuf form, checking every size against the others.
     * @param p the message
     * @return the featurizer
     * @throws IllegalArgumentException when the message is inconsistent
     */
    static ConceptFeaturizer fromProto(ConceptFeaturizerProto p) {
        int c = p.getVocabularyCount();
        int d = p.getDimension();
        if (c < 1 || d < 1 || (long) c * d != p.getDictionaryCount() || p.getMeanCount() != d) {
            throw new IllegalArgumentException("inconsistent featurizer: " + c + " concepts, dimension " + d + ", "
                    + p.getDictionaryCount() + " dictionary values, " + p.getMeanCount() + " mean values");
        }
        if (p.getPenaltyCase() != ConceptFeaturizerProto.PenaltyCase.LAMBDA) {
            throw new IllegalArgumentException("unsupported penalty " + p.getPenaltyCase());
        }
        double[][] rows = new double[c][d];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = p.getDictionary(i * d + j);
            }
        }
        double[] mu = new double[d];
        for (int j = 0; j < d; j++) {
            mu[j] = p.getMean(j);
        }
        ConceptVocabulary v = ConceptVocabulary.of(p.getVocabularySource(), p.getVocabularyList());
        ConceptDictionary dict = ConceptDictionary.ofPrepared(v, DictionaryMatrix.of(rows, p.getDictionarySource()),
                p.getDictionarySource());
        ConceptFeaturizer f = new ConceptFeaturizer();
        f.dictionary = dict;
        f.conceptsPath = p.getConceptsPath().isEmpty() ? null : Path.of(p.getConceptsPath());
        f.vocab = p.getVocab();
        f.vocabSize = p.getVocabSize();
        f.mean = p.getMeanName();
        f.lambda = p.getLambda();
        f.tolerance = p.getTolerance();
        f.embeddingPrefix = p.getEmbeddingPrefix();
        f.conceptPrefix = p.getConceptPrefix();
        f.recordedSha256 = p.getDictionarySha256();
        f.decomposer = new Decomposer(dict, EmbeddingMean.of(p.getMeanName(), mu), f.lambda,
                WorkingSetLassoSolver.builder().tolerance(f.tolerance).build());
        return f;
    }

    /** @return the SHA-256 of the concept-embeddings file, or "" when the dictionary was not loaded from one */
    String dictionarySha256() {
        if (recordedSha256 == null) {
            recordedSha256 = conceptsPath == null || !Files.isRegularFile(conceptsPath) ? ""
                    : FileDigests.sha256(conceptsPath);
        }
        return recordedSha256;
    }

    @Override
    public void postConfig() {
        if (conceptsPath == null) {
            throw SpliceInputException.forParameter("conceptsPath", "is required (a featurizer whose dictionary was "
                    + "not loaded from a file cannot be rebuilt from its configuration)");
        }
        ConceptVocabulary v = ConceptVocabulary.load(vocab, vocabSize);
        this.dictionary = ConceptDictionary.load(conceptsPath, v);
        this.decomposer = new Decomposer(dictionary, EmbeddingMean.load(mean), lambda,
                WorkingSetLassoSolver.builder().tolerance(tolerance).build());
    }

    /** @return the concept dictionary */
    public ConceptDictionary dictionary() {
        return dictionary;
    }

    /** @return the decomposer */
    public Decomposer decomposer() {
        return decomposer;
    }

    /** @return the prefix of the dense input features */
    public String embeddingPrefix() {
        return embeddingPrefix;
    }

    /** @return the prefix of the concept features produced */
    public String conceptPrefix() {
        return conceptPrefix;
    }

    /**
     * @param concept a concept name
     * @return its feature name, e.g. {@code concept@bamboo}
     */
    public String featureName(String concept) {
        return conceptPrefix + concept;
    }

    /**
     * @param featureName a feature name produced by this featurizer
     * @return the concept name, or the feature name itself if it is not a concept feature
     */
    public String conceptName(String featureName) {
        return featureName.startsWith(conceptPrefix) ? featureName.substring(conceptPrefix.length()) : featureName;
    }

    /**
     * Decomposes the examples' embeddings in one batched solve.
     * @param examples examples with dense embedding features
     * @param progress progress of the solve
     * @return one decomposition per example
     */
    public List<Decomposition> decompose(Collection<? extends Example<?>> examples, ProgressListener progress) {
        double[][] x = new double[examples.size()][];
        int i = 0;
        for (Example<?> e : examples) {
            x[i++] = EmbeddingFeatures.vector(e, embeddingPrefix, dictionary.dimension());
        }
        return decomposer.decompose(x, progress);
    }

    /**
     * A new example with the same output, weight and metadata and the concept features of a decomposition.
     * @param source the original example
     * @param d its decomposition
     * @param removed concept names to leave out (may be empty)
     * @param <T> the output type
     * @return the concept example
     */
    public <T extends Output<T>> Example<T> conceptExample(Example<T> source, Decomposition d, Set<String> removed) {
        return ConceptFeatures.example(source.getOutput(), source.getWeight(), source.getMetadata(), d, removed,
                conceptPrefix);
    }

    /**
     * Transforms one example.
     * @param example an example with dense embedding features
     * @param <T> the output type
     * @return the example with concept features
     */
    public <T extends Output<T>> Example<T> transform(Example<T> example) {
        return conceptExample(example, decompose(List.of(example), ProgressListener.NONE).get(0), Set.of());
    }

    /**
     * Transforms a whole dataset, decomposing all its examples in batches.
     * @param dataset a dataset with dense embedding features
     * @param <T> the output type
     * @return a new dataset with concept features, whose provenance records the source and this featurizer
     */
    public <T extends Output<T>> MutableDataset<T> transform(Dataset<T> dataset) {
        return transform(dataset, Set.of(), ProgressListener.NONE);
    }

    /**
     * Transforms a whole dataset, leaving some concepts out.
     * @param dataset a dataset with dense embedding features
     * @param removed concept names to leave out
     * @param progress progress of the solve
     * @param <T> the output type
     * @return the concept dataset
     */
    public <T extends Output<T>> MutableDataset<T> transform(Dataset<T> dataset, Set<String> removed,
                                                            ProgressListener progress) {
        List<Example<T>> examples = new ArrayList<>();
        dataset.forEach(examples::add);
        List<Decomposition> ds = decompose(examples, progress);
        List<Example<T>> out = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            out.add(conceptExample(examples.get(i), ds.get(i), removed));
        }
        return new MutableDataset<>(out, new ConceptDataProvenance(dataset.getProvenance(), getProvenance()),
                dataset.getOutputFactory());
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new FeaturizerProvenance(this);
    }

    /** Provenance of a {@link ConceptFeaturizer}: its configuration plus the dictionary it holds. */
    public static final class FeaturizerProvenance extends SkeletalConfiguredObjectProvenance {
        private static final long serialVersionUID = 1L;
        private final StringProvenance dictionarySource;
        private final StringProvenance vocabularySha;
        private final StringProvenance dictionarySha;
        private final IntProvenance concepts;
        private final StringProvenance solver;

        FeaturizerProvenance(ConceptFeaturizer host) {
            super(host, "ConceptFeaturizer");
            this.dictionarySource = new StringProvenance("dictionary-source", host.dictionary.source());
            this.vocabularySha = new StringProvenance("vocabulary-sha256", host.dictionary.vocabulary().sha256());
            this.dictionarySha = new StringProvenance("dictionary-sha256", host.dictionarySha256());
            this.concepts = new IntProvenance("concepts", host.dictionary.size());
            this.solver = new StringProvenance("solver", host.decomposer.solver().describe());
        }

        /**
         * For OLCUT's provenance unmarshalling.
         * @param map the provenance fields
         */
        public FeaturizerProvenance(Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> map) {
            super(extractProvenanceInfo(map));
            this.dictionarySource = (StringProvenance) map.get("dictionary-source");
            this.vocabularySha = (StringProvenance) map.get("vocabulary-sha256");
            this.dictionarySha = (StringProvenance) map.get("dictionary-sha256");
            this.concepts = (IntProvenance) map.get("concepts");
            this.solver = (StringProvenance) map.get("solver");
        }

        private static ExtractedInfo extractProvenanceInfo(Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> map) {
            Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> config = new HashMap<>(map);
            String className = ((StringProvenance) config.remove(CLASS_NAME)).getValue();
            String hostType = ((StringProvenance) config.remove(HOST_SHORT_NAME)).getValue();
            Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
            for (String key : List.of("dictionary-source", "vocabulary-sha256", "dictionary-sha256", "concepts", "solver")) {
                instance.put(key, (PrimitiveProvenance<?>) config.remove(key));
            }
            return new ExtractedInfo(className, hostType, config, instance);
        }

        @Override
        public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
            Map<String, PrimitiveProvenance<?>> m = super.getInstanceValues();
            m.put(dictionarySource.getKey(), dictionarySource);
            m.put(vocabularySha.getKey(), vocabularySha);
            m.put(dictionarySha.getKey(), dictionarySha);
            m.put(concepts.getKey(), concepts);
            m.put(solver.getKey(), solver);
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FeaturizerProvenance p && super.equals(o) && dictionarySource.equals(p.dictionarySource)
                    && vocabularySha.equals(p.vocabularySha) && dictionarySha.equals(p.dictionarySha) && concepts.equals(p.concepts) && solver.equals(p.solver);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(super.hashCode(), dictionarySource, vocabularySha, dictionarySha, concepts, solver);
        }
    }
}

package io.github.splice4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.concepts.ConceptDictionary;
import io.github.splice4j.concepts.ConceptVocabulary;
import io.github.splice4j.concepts.EmbeddingMean;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.testkit.ClipLikeProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tribuo plugin on data whose answer is known: the label is whether an image contains the planted
 * concept "bamboo" (class "land") or "beach" (class "water"), on top of random other concepts.
 */
class SplicePluginTest {
    @TempDir
    static Path dir;
    static ConceptDictionary dictionary;
    static EmbeddingMean mean;
    static MutableDataset<Label> train;
    static MutableDataset<Label> test;

    @BeforeAll
    static void setUp() throws IOException {
        mean = EmbeddingMean.bundled("clip:ViT-B-32");
        ConceptVocabulary vocab = ConceptVocabulary.bundled("laion", 2000);
        ClipLikeProblem p = ClipLikeProblem.generate(2000, 0, mean, 1, 1, 0.5, 5);
        dictionary = ConceptDictionary.fromEmbeddings(vocab, p.rawConcepts(), "generated");
        train = dataset(p, vocab, 300, 1, "train");
        test = dataset(p, vocab, 200, 2, "test");
    }

    static MutableDataset<Label> dataset(ClipLikeProblem p, ConceptVocabulary vocab, int n, long seed, String name)
            throws IOException {
        Random rng = new Random(seed);
        int bamboo = vocab.indexOf("bamboo");
        int beach = vocab.indexOf("beach");
        double[][] x = new double[n][];
        List<String> csv = new ArrayList<>(List.of("label,place,note"));
        for (int i = 0; i < n; i++) {
            boolean land = rng.nextBoolean();
            int[] concepts = {land ? bamboo : beach, rng.nextInt(2000), rng.nextInt(2000)};
            x[i] = p.compose(concepts, new double[] {0.8, 0.5 + 0.5 * rng.nextDouble(), 0.5 + 0.5 * rng.nextDouble()},
                    0.4, seed * 100_000 + i);
            csv.add((land ? "land" : "water") + "," + (rng.nextBoolean() ? "A" : "B") + ",\"note, " + i + "\"");
        }
        Path npy = dir.resolve(name + ".npy");
        Npy.write(npy, x, NpyDType.FLOAT32);
        Path labels = Files.write(dir.resolve(name + ".csv"), csv);
        return new MutableDataset<>(new EmbeddingDataSource<>(npy, labels, "label", List.of("place"), new LabelFactory()));
    }

    static SpliceModel<Label> train() {
        ConceptFeaturizer featurizer = new ConceptFeaturizer(dictionary, mean, 0.25);
        LibLinearClassificationTrainer l1 = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L1R_LR), 1.0, 1000, 0.01);
        return new SpliceTrainer<>(l1, featurizer).train(train);
    }

    static double accuracy(Model<Label> model, MutableDataset<Label> data) {
        List<Prediction<Label>> ps = model.predict(data);
        int ok = 0;
        for (Prediction<Label> p : ps) {
            ok += p.getOutput().getLabel().equals(p.getExample().getOutput().getLabel()) ? 1 : 0;
        }
        return ok / (double) ps.size();
    }

    @Test
    void embeddingFeatureNamesHaveAsciiDigitsInEveryLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            // Egyptian Arabic formats integers with Eastern Arabic digits by default
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("ar-EG"));
            assertEquals("clip@0007", EmbeddingFeatures.name(EmbeddingFeatures.DEFAULT_PREFIX, 7));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void dataSourceReadsEmbeddingsLabelsAndGroupsWithProvenance() {
        Example<Label> first = train.getExample(0);
        assertEquals(512, first.size());
        assertTrue(first.lookup("clip@0000") != null && first.lookup("clip@0511") != null);
        assertTrue(first.getMetadataValue("place").isPresent());
        String prov = train.getProvenance().toString();
        assertTrue(prov.contains("embeddings-resource-hash") && prov.contains("label"), prov);
    }

    @Test
    void transformerMakesNamedSparseConceptFeatures() {
        ConceptFeaturizer t = new ConceptFeaturizer(dictionary, mean, 0.25);
        MutableDataset<Label> concepts = t.transform(train);
        assertEquals(train.size(), concepts.size());
        Example<Label> e = concepts.getExample(0);
        assertTrue(e.size() > 0 && e.size() < 40, "sparse: " + e.size());
        e.forEach(f -> assertTrue(f.getName().startsWith("concept@") && f.getValue() > 0));
        assertTrue(e.getMetadataValue("place").isPresent());
        assertTrue(concepts.getFeatureMap().get("concept@bamboo") != null);
        String prov = concepts.getProvenance().toString();
        assertTrue(prov.contains("vocabulary-sha256") && prov.contains("lambda") && prov.contains("solver"), prov);
    }

    @Test
    void trainedModelReadsAsConceptsAndExplainsItself() {
        SpliceModel<Label> model = train();
        assertTrue(accuracy(model, test) > 0.95, "accuracy " + accuracy(model, test));
        List<Pair<String, Double>> top = new ArrayList<>();
        model.getTopFeatures(3).values().forEach(top::addAll);
        Set<String> names = new java.util.HashSet<>();
        top.forEach(pr -> names.add(pr.getA()));
        assertTrue(names.contains("bamboo") && names.contains("beach"), names.toString());
        Example<Label> land = null;
        for (Example<Label> e : test) {
            if (e.getOutput().getLabel().equals("land")) {
                land = e;
                break;
            }
        }
        ConceptExplanation<Label> ex = model.explain(land);
        assertEquals("land", ex.prediction().getOutput().getLabel());
        assertEquals("bamboo", ex.contributions().get(0).concept());
        assertTrue(ex.contributions().get(0).contribution() > 0);
        assertTrue(model.getProvenance().toString().contains("ConceptFeaturizer"));
    }

    @Test
    void explanationsOfLinearModelsAreExactAndOthersSayTheyCannotBe() {
        ConceptFeaturizer featurizer = new ConceptFeaturizer(dictionary, mean, 0.25);
        SpliceModel<Label> lr = train();
        SpliceModel<Label> svc = new SpliceTrainer<>(new LibLinearClassificationTrainer(new LinearClassificationType(
                LinearClassificationType.LinearType.L2R_L2LOSS_SVC), 1.0, 1000, 0.01), featurizer).train(train);
        org.tribuo.transform.TransformationMap scaling = new org.tribuo.transform.TransformationMap(
                List.of(new org.tribuo.transform.transformations.LinearScalingTransformation()));
        SpliceModel<Label> scaled = new SpliceTrainer<>(new org.tribuo.transform.TransformTrainer<>(
                new LibLinearClassificationTrainer(), scaling), featurizer).train(train);
        int checked = 0;
        for (Example<Label> e : test) {
            if (checked++ == 20) {
                break;
            }
            ConceptExplanation<Label> a = lr.explain(e);
            assertTrue(a.linear());
            double sum = a.bias() + a.contributions().stream().mapToDouble(ConceptContribution::contribution).sum();
            assertEquals(a.decisionValue(), sum, 1e-12);
            // logistic regression, two classes: the probability of the predicted label is σ(decision value)
            assertEquals(a.prediction().getOutput().getScore(), 1 / (1 + Math.exp(-a.decisionValue())), 1e-9);
            for (ConceptContribution c : a.contributions()) {
                assertFalse(Double.doubleToRawLongBits(c.contribution()) == Double.doubleToRawLongBits(-0.0), c.toString());
            }
            ConceptExplanation<Label> b = svc.explain(e);
            assertEquals(b.prediction().getOutput().getScore(), b.decisionValue(), 1e-9);
            ConceptExplanation<Label> c = scaled.explain(e);
            assertFalse(c.linear());
            assertTrue(Double.isNaN(c.decisionValue()) && Double.isNaN(c.bias()));
            assertTrue(c.contributions().stream().allMatch(x -> Double.isNaN(x.contribution())));
        }
    }

    @Test
    void droppingTheDecisiveConceptsFallsToChance() {
        SpliceModel<Label> model = train();
        SpliceModel<Label> without = model.withoutConcepts(Set.of("bamboo", "beach"));
        assertEquals(Set.of("bamboo", "beach"), without.removedConcepts());
        double after = accuracy(without, test);
        assertTrue(after < 0.7, "accuracy without the concepts " + after);
        assertTrue(accuracy(model.withoutConcepts(Set.of("car")), test) > 0.95);
        assertTrue(assertThrows(SpliceInputException.class, () -> model.withoutConcepts(Set.of("no such concept")))
                .getMessage().contains("no such concept"));
    }

    @Test
    void roundTripsThroughJavaAndTribuoProtobufSerialisation() throws Exception {
        SpliceModel<Label> model = train().withoutConcepts(Set.of("car"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        @SuppressWarnings("unchecked")
        SpliceModel<Label> java = (SpliceModel<Label>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                .readObject();
        Path file = dir.resolve("model.tribuo");
        model.serializeToFile(file);
        @SuppressWarnings("unchecked")
        SpliceModel<Label> proto = (SpliceModel<Label>) Model.deserializeFromFile(file);
        List<Prediction<Label>> a = model.predict(test);
        List<Prediction<Label>> b = java.predict(test);
        List<Prediction<Label>> c = proto.predict(test);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getOutput().getLabel(), b.get(i).getOutput().getLabel());
            assertEquals(a.get(i).getOutput().getScore(), c.get(i).getOutput().getScore(), 1e-12);
        }
        assertEquals(Set.of("car"), proto.removedConcepts());
        assertEquals(model.getProvenance(), proto.getProvenance());
    }

    /** A class whose deserialisation leaves a marker file: what an attacker's gadget would do. */
    static final class Canary implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String marker;

        Canary(String marker) {
            this.marker = marker;
        }

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.writeString(Path.of(marker), "deserialised");
        }
    }

    @Test
    void modelFilesWithAJavaSerialisedPayloadAreRefusedWithoutRunningIt() throws Exception {
        Path marker = dir.resolve("canary-marker");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Canary(marker.toString()));
        }
        // sanity: the canary does leave its marker when Java-deserialised
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertTrue(Files.exists(marker));
        Files.delete(marker);
        for (int version : new int[] {0, 1}) {
            Path file = dir.resolve("malicious-" + version + ".tribuo");
            try (var out = Files.newOutputStream(file)) {
                org.tribuo.protos.core.ModelProto.newBuilder().setClassName(SpliceModel.class.getName()).setVersion(version)
                        .setSerializedData(com.google.protobuf.Any.pack(com.google.protobuf.BytesValue.of(
                                com.google.protobuf.ByteString.copyFrom(bytes.toByteArray())))).build().writeTo(out);
            }
            Exception e = assertThrows(Exception.class, () -> Model.deserializeFromFile(file));
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.append(t.getMessage()).append(" / ");
            }
            String message = chain.toString();
            assertTrue(message.contains("Java-serialised"), message);
            assertFalse(Files.exists(marker), "the payload was deserialised");
        }
    }

    @Test
    void provenanceRebuildsACodeBuiltModel() throws IOException {
        Path conceptsFile = dir.resolve("concepts-2000.npy");
        ClipLikeProblem p = ClipLikeProblem.generate(2000, 0, mean, 1, 1, 0.5, 5);
        Npy.write(conceptsFile, p.rawConcepts(), NpyDType.FLOAT64);
        ConceptDictionary fromFile = ConceptDictionary.load(conceptsFile, ConceptVocabulary.bundled("laion", 2000));
        LibLinearClassificationTrainer l1 = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L1R_LR), 1.0, 1000, 0.01);
        SpliceModel<Label> model = new SpliceTrainer<>(l1, new ConceptFeaturizer(fromFile, mean, 0.25)).train(train);
        String prov = model.getProvenance().toString();
        assertTrue(prov.contains("dictionary-sha256") && prov.contains(conceptsFile.toString()), prov);

        List<com.oracle.labs.mlrg.olcut.config.ConfigurationData> config =
                com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.extractConfiguration(model.getProvenance());
        com.oracle.labs.mlrg.olcut.config.ConfigurationManager cm = new com.oracle.labs.mlrg.olcut.config.ConfigurationManager();
        cm.addConfiguration(config);
        String trainerName = config.stream().map(com.oracle.labs.mlrg.olcut.config.ConfigurationData::getName)
                .filter(n -> n.startsWith("splicetrainer")).findFirst().orElseThrow(() -> new AssertionError(config.toString()));
        @SuppressWarnings("unchecked")
        SpliceTrainer<Label> rebuilt = (SpliceTrainer<Label>) cm.lookup(trainerName);
        SpliceModel<Label> retrained = rebuilt.train(train);
        List<Prediction<Label>> a = model.predict(test);
        List<Prediction<Label>> b = retrained.predict(test);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getOutput().getLabel(), b.get(i).getOutput().getLabel());
            assertEquals(a.get(i).getOutput().getScore(), b.get(i).getOutput().getScore(), 0.0);
        }
    }

    @Test
    void namedEmbeddingsAreJoinedByNameNeverByRowOrder() throws IOException {
        // embeddings written in another order than the labels, named row by row in X.npy.txt
        Path x = dir.resolve("named.npy");
        Npy.write(x, new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, NpyDType.FLOAT32);
        Files.write(dir.resolve("named.npy.txt"), List.of("/data/img/c.jpg", "/data/img/a.jpg", "/data/img/b.jpg"));
        Path labels = Files.write(dir.resolve("named.csv"), List.of("image,label", "a.jpg,x", "b.jpg,y", "c.jpg,z"));
        MutableDataset<Label> d = new MutableDataset<>(new EmbeddingDataSource<>(x, labels, "label", List.of(),
                new LabelFactory()));
        for (Example<Label> e : d) {
            int hot = e.getOutput().getLabel().charAt(0) - 'x';
            assertEquals(1.0, e.lookup(EmbeddingFeatures.name(EmbeddingFeatures.DEFAULT_PREFIX, hot)).getValue(),
                    e.getOutput().getLabel());
        }
        // named embeddings but no column that holds the names: refused, not joined by row order
        Path unnamed = Files.write(dir.resolve("unnamed.csv"), List.of("label", "x", "y", "z"));
        SpliceInputException e = assertThrows(SpliceInputException.class,
                () -> new EmbeddingDataSource<>(x, unnamed, "label", List.of(), new LabelFactory()));
        assertEquals("idColumn", e.parameter());
        // a name listed twice in the names file
        Files.write(dir.resolve("named.npy.txt"), List.of("a.jpg", "a.jpg", "b.jpg"));
        assertThrows(SpliceInputException.class,
                () -> new EmbeddingDataSource<>(x, labels, "label", List.of(), new LabelFactory()));
    }

    @Test
    void badLabelFilesAreNamed() throws IOException {
        Path npy = dir.resolve("train.npy");
        Path short_ = Files.write(dir.resolve("short.csv"), List.of("label", "land"));
        assertTrue(assertThrows(SpliceInputException.class,
                () -> new EmbeddingDataSource<>(npy, short_, "label", List.of(), new LabelFactory()))
                .getMessage().contains("1 rows, but there are 300 embeddings"));
        Path labels = dir.resolve("train.csv");
        assertTrue(assertThrows(SpliceInputException.class,
                () -> new EmbeddingDataSource<>(npy, labels, "target", List.of(), new LabelFactory()))
                .getMessage().contains("no label column 'target'"));
    }
}

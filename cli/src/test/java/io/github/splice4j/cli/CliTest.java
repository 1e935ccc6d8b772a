package io.github.splice4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    static Path problem;

    @TempDir
    Path work;


    @BeforeAll
    static void generate() {
        CliRunner.Run r = CliRunner.run("generate", "--concepts", "300", "--n", "12", "--seed", "4", "--out", problem.toString());
        assertEquals(0, r.rc(), r.err());
    }

    private String p(String name) {
        return problem.resolve(name).toString();
    }

    /**
     * A command line picocli cannot parse is one line naming the option and the reason (with suggestions for a mistyped
     * option), exit status 2, and no usage message.
     */
    @Test
    void aCommandLineThatDoesNotParseIsOneLine() {
        String[][] lines = {
                {"solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--out", "w.npz", "--concepts", "x"},
                {"solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy")},
                {"solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--out", "w.npz", "--l1", "abc"},
                {"decompose", "--embedings", "z.npy"},
                {"spark", "decompose", "--bogus"},
        };
        String[] expected = {"Unknown options: '--concepts'", "Missing required option: '--out=<out>'",
                "Invalid value for option '--l1': 'abc' is not a double", "did you mean --embeddings?",
                "splice spark decompose: error: "};
        for (int k = 0; k < lines.length; k++) {
            CliRunner.Run r = CliRunner.run(lines[k]);
            assertEquals(2, r.rc(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(expected[k]) && r.err().contains("error:"), r.err());
            assertFalse(r.err().contains("Usage:"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void helpListsTheSubcommands() {
        CliRunner.Run r = CliRunner.run("--help");
        assertEquals(0, r.rc());
        for (String c : List.of("demo", "solve", "decompose", "bench", "generate")) {
            assertTrue(r.out().contains(c), r.out());
        }
    }

    /** A run registers only its own subcommand; help, aliases, nested commands and unknown names still work. */
    @Test
    void eachWayOfNamingACommandStillFindsIt() {
        CliRunner.Run help = CliRunner.run("help", "solve");
        assertEquals(0, help.rc(), help.err());
        assertTrue(help.out().contains("Usage: splice solve"), help.out());
        CliRunner.Run alias = CliRunner.run("report", "--help");
        assertEquals(0, alias.rc(), alias.err());
        assertTrue(alias.out().contains("waterbirds"), alias.out());
        CliRunner.Run nested = CliRunner.run("spark", "decompose", "--help");
        assertEquals(0, nested.rc(), nested.err());
        assertTrue(nested.out().contains("Usage: splice spark decompose"), nested.out());
        CliRunner.Run unknown = CliRunner.run("solv");
        assertEquals(2, unknown.rc());
        assertTrue(unknown.err().contains("did you mean solve?"), unknown.err());
        CliRunner.Run bare = CliRunner.run();
        assertTrue(bare.out().contains("zeroshot") && bare.out().contains("generate"), bare.out());
    }

    @Test
    void benchSavesItsProblemWithoutThePeer() throws IOException {
        Path saved = work.resolve("saved");
        CliRunner.Run r = CliRunner.run("bench", "--concepts", "300", "--n", "20", "--repeats", "1", "--peer-n", "0",
                "--warmup-seconds", "0", "--save", saved.toString());
        assertEquals(0, r.rc(), r.err());
        assertEquals(List.of(300, 512), shape(saved.resolve("D.npy")));
        assertEquals(List.of(20, 512), shape(saved.resolve("Z.npy")));
    }

    private static List<Integer> shape(Path npy) {
        double[][] m = io.github.splice4j.npy.Npy.readMatrix(npy);
        return List.of(m.length, m[0].length);
    }

    @Test
    void solveWritesDenseWeightsAndOneJsonLine() throws IOException {
        Path w = work.resolve("W.npy");
        CliRunner.Run r = CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.25", "--out", w.toString());
        assertEquals(0, r.rc(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out().strip());
        for (String key : List.of("n", "seconds", "per_second", "mean_l0", "mean_objective", "max_rel_gap")) {
            assertTrue(json.has(key), key);
        }
        assertEquals(12, json.get("n").asInt());
        assertTrue(json.get("max_rel_gap").asDouble() <= 1e-6);
        // 12 embeddings against 300 concepts: too few for the Gram matrix to pay, so it is off unless asked for
        assertTrue(json.get("solver").asText().contains("gramBudget=0,"), json.get("solver").asText());
        CliRunner.Run asked = CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1",
                "0.25", "--gram-budget-mb", "16", "--out", work.resolve("W16.npy").toString());
        assertEquals(0, asked.rc(), asked.err());
        assertTrue(new ObjectMapper().readTree(asked.out().strip()).get("solver").asText()
                .contains("gramBudget=" + (16 << 20) + ","));
        double[][] weights = Npy.readMatrix(w);
        assertEquals(12, weights.length);
        assertEquals(300, weights[0].length);
        double l0 = 0;
        for (double[] row : weights) {
            for (double v : row) {
                assertTrue(v >= 0);
                l0 += v > 0 ? 1 : 0;
            }
        }
        assertEquals(json.get("mean_l0").asDouble(), l0 / 12, 1e-12);
    }

    @Test
    void float16EmbeddingsSolveLikeTheirExactFloat64Values() throws IOException {
        double[][] z = Npy.readMatrix(Path.of(p("Z.npy")));
        Path half = work.resolve("Z16.npy");
        try (NpyWriter w = NpyWriter.create(half, NpyDType.FLOAT16, z.length, z[0].length)) {
            for (double[] row : z) {
                w.writeRow(row);
            }
            w.commit();
        }
        double[][] decoded = Npy.readMatrix(half);
        Path exact = work.resolve("Z64.npy");
        try (NpyWriter w = NpyWriter.create(exact, NpyDType.FLOAT64, z.length, z[0].length)) {
            for (double[] row : decoded) {
                w.writeRow(row);
            }
            w.commit();
        }
        Path w16 = work.resolve("W16.npy");
        Path w64 = work.resolve("W64.npy");
        assertEquals(0, CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", half.toString(), "--l1", "0.25",
                "--out", w16.toString()).rc());
        assertEquals(0, CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", exact.toString(), "--l1", "0.25",
                "--out", w64.toString()).rc());
        double[][] a = Npy.readMatrix(w16);
        double[][] b = Npy.readMatrix(w64);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(b[i], a[i], 0.0);
        }
    }

    @Test
    void decomposeReportsConceptsByNameAsJsonOrCsv() throws IOException {
        Path report = work.resolve("report.jsonl");
        Path weights = work.resolve("weights.npy");
        CliRunner.Run r = CliRunner.run("decompose", "--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300",
                "--mean", "clip:ViT-B-32", "--embeddings", p("images.npy"), "--l1", "0.25", "--out", weights.toString(),
                "--top", "5", "--format", "json", "--report", report.toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().contains("laion:300: 300 concepts"), r.err());
        List<String> lines = Files.readAllLines(report);
        assertEquals(12, lines.size());
        List<String> planted = Files.readAllLines(problem.resolve("planted.csv"));
        ObjectMapper m = new ObjectMapper();
        int hits = 0;
        for (int i = 0; i < 12; i++) {
            JsonNode o = m.readTree(lines.get(i));
            assertEquals(i, o.get("row").asInt());
            assertTrue(o.get("cosine").asDouble() > 0.5);
            JsonNode concepts = o.get("concepts");
            assertTrue(concepts.size() <= 5 && concepts.size() >= 1);
            for (int k = 1; k < concepts.size(); k++) {
                assertTrue(concepts.get(k - 1).get("weight").asDouble() >= concepts.get(k).get("weight").asDouble());
            }
            String top = concepts.get(0).get("name").asText();
            hits += Arrays.asList(planted.get(i + 1).split(",", 2)[1].replace("\"", "").split(";")).contains(top) ? 1 : 0;
        }
        assertTrue(hits >= 10, "top concept planted in " + hits + " of 12");
        assertEquals(12, Npy.readMatrix(weights).length);

        CliRunner.Run csv = CliRunner.run("decompose", "--concepts", p("concepts.npy"), "--vocab-size", "300", "--embeddings", p("images.npy"));
        assertEquals(0, csv.rc(), csv.err());
        String[] rows = csv.out().strip().split("\n");
        assertEquals("row,l0,cosine,lambda,objective,relative_gap,concepts", rows[0]);
        assertEquals(13, rows.length);
    }

    @Test
    void demoRecoversThePlantedConcepts() {
        CliRunner.Run r = CliRunner.run("demo", "--synthetic");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("recovered 13 of 13 planted concepts"), r.out());
        assertTrue(r.out().contains("*bamboo"), r.out());
    }

    @Test
    void demoDecomposesSentencesWithARealModel() {
        CliRunner.Run r = CliRunner.run("demo");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("\"a bird standing in a bamboo forest\"") && r.out().contains("bamboo 0."), r.out());
        assertTrue(r.out().contains("glasses 0."), r.out());
    }

    @Test
    void decomposeTextWithTheBundledEncoderPrintsOneJsonObjectPerText() throws IOException {
        CliRunner.Run r = CliRunner.run("decompose", "--encoder", "minilm", "--vocab", "laion", "--vocab-size", "10000", "--l1", "0.25",
                "--top", "10", "--format", "json", "--text", "a bird standing in a bamboo forest",
                "--text", "a woman wearing glasses");
        assertEquals(0, r.rc(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("a bird standing in a bamboo forest", first.get("text").asText());
        assertTrue(first.get("l0").asInt() > 0 && first.get("cosine").asDouble() > 0.7);
        List<String> names = new ArrayList<>();
        first.get("concepts").forEach(c -> names.add(c.get("name").asText()));
        assertTrue(names.containsAll(List.of("bamboo", "bird", "forest")), names.toString());
        failsCleanly("--text or --text-file", "decompose", "--encoder", "minilm");
        failsCleanly("--encoder: unknown encoder 'clip'", "decompose", "--encoder", "clip", "--text", "x");
    }

    static final String TINY = Path.of("..", "splice-djl", "src", "test", "resources", "io", "github", "splice4j",
            "tinyclip").toString();

    @Test
    void embedAndDictionaryUseAClipExport() throws IOException {
        Path images = Files.createDirectory(work.resolve("images"));
        for (int i = 0; i < 3; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
            img.setRGB(5, 5, 0xff0000 * (i + 1));
            javax.imageio.ImageIO.write(img, "png", images.resolve("img" + i + ".png").toFile());
        }
        Path x = work.resolve("x.npy");
        CliRunner.Run r = CliRunner.run("embed", "--model", TINY, "--images", images.toString(), "--out", x.toString(), "--model-device", "cpu");
        assertEquals(0, r.rc(), r.err());
        assertEquals(3, Npy.readMatrix(x).length);
        assertEquals(32, Npy.readMatrix(x)[0].length);
        assertEquals(3, Files.readAllLines(Path.of(x + ".txt")).size());
        Path c = work.resolve("c.npy");
        CliRunner.Run d = CliRunner.run("dictionary", "--model", TINY, "--vocab", "laion", "--vocab-size", "300", "--out", c.toString());
        assertEquals(0, d.rc(), d.err());
        assertEquals(300, Npy.readMatrix(c).length);
        CliRunner.Run again = CliRunner.run("dictionary", "--model", TINY, "--vocab", "laion", "--vocab-size", "300", "--out", c.toString());
        assertTrue(again.out().contains("\"cache_hit\":true"), again.out());
        failsCleanly("holds no CLIP export", "embed", "--model", images.toString(), "--images", images.toString(),
                "--out", work.resolve("y.npy").toString());
        failsCleanly("input-missing.txt: no such file", "embed", "--model", TINY, "--images",
                work.resolve("input-missing.txt").toString(), "--out", work.resolve("y.npy").toString());
    }

    @Test
    void embedDumpsPythonComparablePixelsAndSkipsUnreadableImagesOnlyWhenAsked() throws IOException {
        Path pil = Path.of("..", "splice-djl", "src", "test", "resources", "io", "github", "splice4j", "pil");
        Path images = Files.createDirectory(work.resolve("photos"));
        Files.copy(pil.resolve("rocket.jpg"), images.resolve("rocket.jpg"));
        Files.copy(pil.resolve("logo.png"), images.resolve("logo.png"));
        Files.writeString(images.resolve("broken.jpg"), "not a JPEG");
        Path x = work.resolve("photos.npy");
        failsCleanly("broken.jpg: ", "embed", "--model", TINY, "--images", images.toString(), "--out", x.toString());
        Path dump = work.resolve("pixels");
        CliRunner.Run r = CliRunner.run("embed", "--model", TINY, "--images", images.toString(), "--out", x.toString(), "--skip-unreadable",
                "--dump-pixels", dump.toString());
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.err().contains("skipped ") && r.err().contains("broken.jpg"), r.err());
        assertTrue(r.out().contains("\"crop\":\"torchvision\"") && r.out().contains("\"skipped\":1"), r.out());
        assertEquals(2, Npy.readMatrix(x).length);
        assertEquals(List.of(images.resolve("logo.png").toString(), images.resolve("rocket.jpg").toString()),
                Files.readAllLines(Path.of(x + ".txt")));
        assertTrue(Files.readString(Path.of(x + ".skipped.txt")).startsWith(images.resolve("broken.jpg").toString()));
        double[][] ours = Npy.readMatrix(dump.resolve("rocket.npy"));
        double[][] python = Npy.readMatrix(pil.resolve("rocket.torchvision.npy"));
        for (int y = 0; y < 224; y++) {
            assertArrayEquals(python[y], ours[y], 0.0);
        }
        CliRunner.Run hf = CliRunner.run("embed", "--model", TINY, "--images", images.toString(), "--out", work.resolve("hf.npy").toString(),
                "--skip-unreadable", "--crop", "huggingface", "--dump-pixels", work.resolve("hf-pixels").toString());
        assertEquals(0, hf.rc(), hf.err());
        double[][] hfPixels = Npy.readMatrix(work.resolve("hf-pixels").resolve("rocket.npy"));
        double[][] hfPython = Npy.readMatrix(pil.resolve("rocket.huggingface.npy"));
        for (int y = 0; y < 224; y++) {
            assertArrayEquals(hfPython[y], hfPixels[y], 0.0);
        }
        failsCleanly("--crop: torchvision or huggingface, got 'centre'", "embed", "--model", TINY, "--images",
                images.toString(), "--out", work.resolve("z.npy").toString(), "--crop", "centre");
    }

    @Test
    void sparkDecomposeWritesParquetOnLocalSparkAndNamesBadInput() throws IOException {
        Path out = work.resolve("w.parquet");
        CliRunner.Run r = CliRunner.run("spark", "decompose", "--master", "local[2]", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--embeddings", p("Z.npy"), "--l1", "0.25", "--rows-per-task", "5", "--out", out.toString(), "--summary",
                work.resolve("s.parquet").toString());
        assertEquals(0, r.rc(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out().strip());
        assertEquals(24, json.get("n").asInt());
        assertEquals(6, json.get("tasks").asInt());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
        // solve and decompose write Parquet too, through the same job on local[*]
        Path solved = work.resolve("solved.parquet");
        assertEquals(0, CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.25", "--out",
                solved.toString()).rc());
        assertTrue(Files.exists(solved.resolve("_SUCCESS")));
        Path decomposed = work.resolve("decomposed.parquet");
        CliRunner.Run dr = CliRunner.run("decompose", "--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300",
                "--embeddings", p("Z.npy"), "--out", decomposed.toString());
        assertEquals(0, dr.rc(), dr.err());
        assertTrue(Files.exists(decomposed.resolve("_SUCCESS")));
        failsCleanly("--out: " + out + " exists", "spark", "decompose", "--master", "local[1]", "--dictionary",
                p("D.npy"), "--embeddings", p("Z.npy"), "--out", out.toString());
        failsCleanly("missing.npy: no such file", "spark", "decompose", "--master", "local[1]", "--dictionary",
                p("D.npy"), "--embeddings", work.resolve("missing.npy").toString(), "--out",
                work.resolve("w2.parquet").toString());
    }

    /** A planted-concept task in files: raw concepts, images, and labels with split and group columns. */
    static Path plantedTask(Path dir) throws IOException {
        var vocab = io.github.splice4j.concepts.ConceptVocabulary.bundled("laion", 2000);
        var mean = io.github.splice4j.concepts.EmbeddingMean.bundled("clip:ViT-B-32");
        var problem = io.github.splice4j.testkit.ClipLikeProblem.generate(2000, 0, mean, 1, 1, 0.5, 3);
        var task = io.github.splice4j.testkit.PlantedConceptTask.generate(problem, vocab, List.of(
                new io.github.splice4j.testkit.PlantedConceptTask.Target("place", "land", "bamboo", "water", "beach"),
                new io.github.splice4j.testkit.PlantedConceptTask.Target("eyes", "glasses", "glasses", "hat", "hat")),
                400, 2, 0.5, 1);
        Npy.write(dir.resolve("concepts.npy"), problem.rawConcepts(), NpyDType.FLOAT32);
        Npy.write(dir.resolve("x.npy"), task.embeddings(), NpyDType.FLOAT32);
        List<String> lines = new ArrayList<>(List.of("place,eyes,split,site"));
        for (int i = 0; i < 400; i++) {
            lines.add(task.labels("place").get(i) + "," + task.labels("eyes").get(i) + "," + (i < 250 ? "train" : "test")
                    + "," + (i % 2 == 0 ? "a" : "b"));
        }
        return Files.write(dir.resolve("labels.csv"), lines);
    }

    @Test
    void namedEmbeddingsAreJoinedToLabelsByNameNeverByRowOrder() throws IOException {
        Path data = Files.createDirectory(work.resolve("named"));
        Path labels = plantedTask(data);
        Path x = data.resolve("x.npy");
        String[] common = {"--concepts", data.resolve("concepts.npy").toString(), "--vocab-size", "2000",
                "--embeddings", x.toString(), "--target", "place", "--C", "1"};
        CliRunner.Run plain = CliRunner.run(concat(new String[] {"probe", "--labels", labels.toString(), "--out",
                work.resolve("plain.json").toString()}, common));
        assertEquals(0, plain.rc(), plain.err());
        // the same labels, reversed and keyed by image, with the embeddings named beside them
        List<String> lines = Files.readAllLines(labels);
        List<String> named = new ArrayList<>(List.of("image," + lines.get(0)));
        List<String> names = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 1; i--) {
            named.add("/photos/img" + (i - 1) + ".jpg," + lines.get(i));
        }
        for (int i = 0; i < lines.size() - 1; i++) {
            names.add("/photos/img" + i + ".jpg");
        }
        Path shuffled = Files.write(data.resolve("named.csv"), named);
        Files.write(Path.of(x + ".txt"), names);
        CliRunner.Run joined = CliRunner.run(concat(new String[] {"probe", "--labels", shuffled.toString(), "--out",
                work.resolve("joined.json").toString()}, common));
        assertEquals(0, joined.rc(), joined.err());
        JsonNode a = new ObjectMapper().readTree(Files.readString(work.resolve("plain.json")));
        JsonNode b = new ObjectMapper().readTree(Files.readString(work.resolve("joined.json")));
        assertEquals(a.get("accuracy"), b.get("accuracy"));
        // named embeddings and a labels file without their names: refused, not joined by row order
        failsCleanly("no column of " + labels + " holds those names", concat(new String[] {"probe", "--labels",
                labels.toString(), "--out", work.resolve("refused.json").toString()}, common));
        Files.delete(Path.of(x + ".txt"));
    }

    @Test
    void probeInterveneZeroshotAndSweepOnAPlantedTask() throws IOException {
        Path data = Files.createDirectory(work.resolve("data"));
        Path labels = plantedTask(data);
        String[] common = {"--concepts", data.resolve("concepts.npy").toString(), "--vocab-size", "2000",
                "--embeddings", data.resolve("x.npy").toString(), "--labels", labels.toString()};
        Path probeJson = work.resolve("probe.json");
        CliRunner.Run p = CliRunner.run(concat(new String[] {"probe", "--target", "place", "--group", "site", "--C", "1", "--out",
                probeJson.toString()}, common));
        assertEquals(0, p.rc(), p.err());
        JsonNode probe = new ObjectMapper().readTree(Files.readString(probeJson));
        assertTrue(probe.get("accuracy").get("test").get("accuracy").asDouble() > 0.95);
        assertEquals(2, probe.get("accuracy").get("test").get("groups").size());
        assertTrue(probe.get("l0").asInt() >= 2);
        String top = probe.get("top_concepts").toString();
        assertTrue(top.contains("\"bamboo\"") && top.contains("\"beach\""), top);
        assertTrue(Files.readString(work.resolve("probe.md")).contains("top positive concepts"));

        Path report = work.resolve("report.json");
        CliRunner.Run i = CliRunner.run(concat(new String[] {"intervene", "--target", "place,eyes", "--remove", "bamboo,beach", "--mode", "probe",
                "--out", report.toString()}, common));
        assertEquals(0, i.rc(), i.err());
        JsonNode r = new ObjectMapper().readTree(Files.readString(report));
        assertEquals(List.of("bamboo", "beach"), List.of(r.get("removed").get(0).asText(), r.get("removed").get(1).asText()));
        assertTrue(r.get("before").get("accuracy").asDouble() > 0.95);
        assertTrue(r.get("after").get("accuracy").asDouble() < 0.7);
        assertTrue(r.get("targets").get(1).get("after").get("accuracy").asDouble() > 0.95, "eyes keeps its accuracy");

        CliRunner.Run w = CliRunner.run(concat(new String[] {"intervene", "--target", "eyes", "--remove", "glasses", "--related", "hat",
                "--mode", "weights", "--out", report.toString()}, common));
        assertEquals(0, w.rc(), w.err());
        JsonNode rw = new ObjectMapper().readTree(Files.readString(report));
        assertTrue(rw.get("after").get("accuracy").asDouble() < 0.7, rw.toString());
        assertTrue(rw.get("weight_mass_removed").asDouble() > 0);

        Path classes = Files.write(work.resolve("classes.txt"), List.of("land", "water"));
        double[][] raw = Npy.readMatrix(data.resolve("concepts.npy"));
        var vocab = io.github.splice4j.concepts.ConceptVocabulary.bundled("laion", 2000);
        Npy.write(work.resolve("class_emb.npy"), new double[][] {raw[vocab.indexOf("bamboo")], raw[vocab.indexOf("beach")]},
                NpyDType.FLOAT32);
        CliRunner.Run z = CliRunner.run(concat(new String[] {"zeroshot", "--target", "place", "--classes", classes.toString(),
                "--class-embeddings", work.resolve("class_emb.npy").toString(), "--out", work.resolve("zs.json").toString()},
                common));
        assertEquals(0, z.rc(), z.err());
        JsonNode zs = new ObjectMapper().readTree(Files.readString(work.resolve("zs.json")));
        assertTrue(zs.get("dense").get("accuracy").asDouble() > 0.8 && zs.get("splice").get("accuracy").asDouble() > 0.8);

        Path sweep = work.resolve("sweep");
        CliRunner.Run sw = CliRunner.run(concat(new String[] {"sweep", "--target", "place", "--grid", "0.4,0.1", "--out", sweep.toString()}, common));
        assertEquals(0, sw.rc(), sw.err());
        assertTrue(Files.readString(sweep.resolve("sweep.svg")).startsWith("<svg"));
        assertTrue(Files.readString(sweep.resolve("sweep.md")).contains("dense (L2 probe)"));

        failsCleanly("unknown concept 'bambo'", concat(new String[] {"intervene", "--target", "place", "--remove", "bambo",
                "--out", work.resolve("bad.json").toString()}, common));
        failsCleanly("has no column 'colour'", concat(new String[] {"probe", "--target", "colour", "--out",
                work.resolve("bad.json").toString()}, common));
        Path shortLabels = Files.write(work.resolve("short.csv"), List.of("place", "land"));
        failsCleanly("1 label rows, but there are 400 embeddings", "probe", "--target", "place", "--labels",
                shortLabels.toString(), "--concepts", data.resolve("concepts.npy").toString(), "--vocab-size", "2000",
                "--embeddings", data.resolve("x.npy").toString(), "--out", work.resolve("bad.json").toString());
    }

    @Test
    void evalWaterbirdsAndCelebAWriteReportsWhereWorstGroupRises() throws IOException {
        Path wb = work.resolve("wb");
        assertEquals(0, CliRunner.run("benchmark-data", "waterbirds", "--out", wb.toString()).rc());
        Path out = work.resolve("wb-report");
        CliRunner.Run r = CliRunner.run("eval", "waterbirds", "--metadata", wb.resolve("metadata.csv").toString(), "--concepts",
                wb.resolve("concepts.npy").toString(), "--vocab-size", "2000", "--embeddings",
                wb.resolve("embeddings.npy").toString(), "--embedding-names", wb.resolve("embeddings.npy.txt").toString(),
                "--remove-discovered", "2", "--bootstrap", "200", "--prevalence", "owl", "--sweep-grid", "0.4,0.1",
                "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        JsonNode rep = new ObjectMapper().readTree(Files.readString(out.resolve("report.json")));
        for (String k : List.of("groups", "worst_group", "average", "weighted_average", "before", "after", "discovered")) {
            assertTrue(rep.has(k), k);
        }
        assertEquals(2, rep.get("worst_group").get("ci").size());
        assertTrue(rep.get("after").get("worst_group").get("value").asDouble()
                > rep.get("before").get("worst_group").get("value").asDouble());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<svg") && html.contains("Sparsity–accuracy sweep") && html.contains("Prevalence of \"owl\""));
        assertTrue(rep.has("sweep") && rep.get("prevalence_by_split").has("owl"));
        assertTrue(Files.exists(out.resolve("groups.svg")));

        Path cb = work.resolve("cb");
        assertEquals(0, CliRunner.run("benchmark-data", "celeba", "--out", cb.toString()).rc());
        CliRunner.Run c = CliRunner.run("eval", "celeba", "--attrs", cb.resolve("list_attr_celeba.txt").toString(), "--partition",
                cb.resolve("list_eval_partition.txt").toString(), "--target", "Blond_Hair", "--group", "Male", "--concepts",
                cb.resolve("concepts.npy").toString(), "--vocab-size", "2000", "--embeddings",
                cb.resolve("embeddings.npy").toString(), "--remove", "hat,woman", "--bootstrap", "100", "--out",
                work.resolve("cb-report").toString());
        assertEquals(0, c.rc(), c.err());
        assertTrue(c.out().contains("worst-group accuracy"), c.out());
        failsCleanly("--target: ", "eval", "celeba", "--attrs", cb.resolve("list_attr_celeba.txt").toString(), "--partition",
                cb.resolve("list_eval_partition.txt").toString(), "--target", "Blond", "--concepts",
                cb.resolve("concepts.npy").toString(), "--vocab-size", "2000", "--embeddings",
                cb.resolve("embeddings.npy").toString(), "--out", work.resolve("bad-report").toString());
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void benchRunsWithoutThePeer() throws IOException {
        CliRunner.Run r = CliRunner.run("bench", "--concepts", "500", "--n", "40", "--peer-n", "0", "--repeats", "1",
                "--warmup-seconds", "0");
        assertEquals(0, r.rc(), r.err());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode json = new ObjectMapper().readTree(last);
        assertTrue(json.get("per_second").asDouble() > 0);
        assertEquals(0, json.get("unconverged").asInt());
        // the Gram matrix is made by the pass that starts after 4 × 500 targets (the 51st of 40), then 3 more passes
        assertEquals(2000, json.get("gram_after").asInt());
        assertEquals(54, json.get("warmup_passes").asInt());
        CliRunner.Run without = CliRunner.run("bench", "--concepts", "500", "--n", "40", "--peer-n", "0", "--repeats",
                "1", "--warmup-seconds", "0", "--gram-budget-mb", "0");
        assertEquals(0, without.rc(), without.err());
        JsonNode plain = new ObjectMapper().readTree(without.out().strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(-1, plain.get("gram_after").asInt());
        assertEquals(3, plain.get("warmup_passes").asInt());
    }

    @Test
    void solveAtATargetSparsityReportsTheLambdaPerRow() throws IOException {
        Path w = work.resolve("W.npy");
        Path lambdas = work.resolve("lambdas.npy");
        CliRunner.Run r = CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l0", "5", "--out", w.toString(),
                "--lambda-out", lambdas.toString());
        assertEquals(0, r.rc(), r.err());
        double[][] weights = Npy.readMatrix(w);
        double[][] l = Npy.readMatrix(lambdas);
        assertEquals(12, l.length);
        int exact = 0;
        for (int i = 0; i < 12; i++) {
            exact += Arrays.stream(weights[i]).filter(v -> v > 0).count() == 5 ? 1 : 0;
            assertTrue(l[i][0] > 0);
        }
        assertTrue(exact >= 11, exact + " rows with l0 = 5");
        JsonNode json = new ObjectMapper().readTree(r.out().strip());
        assertEquals(5.0, json.get("mean_l0").asDouble(), 0.2);
        assertTrue(json.get("mean_lambda").asDouble() > 0);
    }

    @Test
    void djlSolverAgreesWithTheCpuSolver() throws IOException {
        CliRunner.Run cpu = CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.2",
                "--out", work.resolve("Wc.npy").toString());
        CliRunner.Run djl = CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.2",
                "--out", work.resolve("Wd.npy").toString(), "--solver", "djl", "--device", "cpu");
        assertEquals(0, djl.rc(), djl.err());
        ObjectMapper m = new ObjectMapper();
        double a = m.readTree(cpu.out().strip()).get("mean_objective").asDouble();
        double b = m.readTree(djl.out().strip()).get("mean_objective").asDouble();
        assertTrue(b >= a - 1e-12 && b <= a * (1 + 1e-6), a + " vs " + b);
        assertTrue(m.readTree(djl.out().strip()).get("solver").asText().startsWith("ndarray-fista(device=cpu()"));
    }

    @Test
    void pathWritesOneSolutionPerLambda() throws IOException {
        Path dir = work.resolve("path");
        CliRunner.Run r = CliRunner.run("path", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.1,0.4,0.2", "--out",
                dir.toString());
        assertEquals(0, r.rc(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(3, lines.size());
        ObjectMapper m = new ObjectMapper();
        double previous = -1;
        for (String line : lines) {
            JsonNode o = m.readTree(line);
            assertTrue(Files.exists(dir.resolve(o.get("file").asText())));
            assertTrue(o.get("mean_l0").asDouble() >= previous);
            previous = o.get("mean_l0").asDouble();
        }
        assertEquals(0.4, m.readTree(lines.get(0)).get("l1").asDouble());
        assertTrue(Files.exists(dir.resolve("path.json")));
    }

    @Test
    void conflictingPenaltiesAndSolversAreNamed() throws IOException {
        String out = work.resolve("W.npy").toString();
        failsCleanly("--l1 and --l0", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.2",
                "--l0", "4", "--out", out);
        failsCleanly("--l1 or --l0", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--out", out);
        failsCleanly("--l1: must be a positive finite number, got -0.5", "solve", "--dictionary", p("D.npy"),
                "--embeddings", p("Z.npy"), "--l1", "-0.5", "--out", out);
        failsCleanly("--l0: must be between 1 and the number of concepts", "solve", "--dictionary", p("D.npy"),
                "--embeddings", p("Z.npy"), "--l0", "100000", "--out", out);
        failsCleanly("--grid: must be a positive finite number", "sweep", "--concepts", p("D.npy"), "--vocab", "laion",
                "--embeddings", p("Z.npy"), "--labels", p("D.npy"), "--target", "y", "--grid", "0.2,0", "--out",
                work.resolve("sweep").toString());
        // a target l0 on the DJL solver: the solver interface takes per-row λ and warm starts
        assertEquals(0, SpliceCommand.execute("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l0", "4", "--solver", "djl", "--out", out));
        Files.delete(Path.of(out));
        failsCleanly("--solver: cpu or djl", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l1", "0.2", "--solver", "gpu", "--out", out);
    }

    /** Runs a command that must fail on bad input: exit 2, a message with {@code expected}, no output left. */
    private void failsCleanly(String expected, String... args) throws IOException {
        CliRunner.failsCleanly(work, expected, args);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        return CliRunner.filesIn(dir);
    }

    @Test
    void aRunTooBigForTheHeapIsRefusedUpFrontWithTheHeapToAskFor(@TempDir Path inputs) throws IOException {
        // 50 million 300-d embeddings: a sparse file of the right length (60 GB that take no disk), never read
        byte[] header = CliRunner.float32NpyHeader("(50000000, 300)");
        Path huge = Files.write(inputs.resolve("huge.npy"), header);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(header.length + 50_000_000L * 300 * 4);
        }
        Path labels = Files.write(inputs.resolve("labels.csv"), List.of("y,g,split", "1,a,train"));
        failsCleanly("not enough memory: this run needs about", "eval", "table", "--labels", labels.toString(),
                "--target", "y", "--group", "g", "--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size",
                "300", "--embeddings", huge.toString(), "--out", work.resolve("eval").toString());
        CliRunner.Run r = CliRunner.run("probe", "--labels", labels.toString(), "--target", "y", "--concepts", p("concepts.npy"), "--vocab",
                "laion", "--vocab-size", "300", "--embeddings", huge.toString(), "--out", work.resolve("p.json").toString());
        assertEquals(2, r.rc());
        assertTrue(r.err().contains("dense probe") && r.err().contains("SPLICE_JAVA_OPTS=-Xmx"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("error:")).count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badInputExitsWithANamedErrorAndNoOutput() throws IOException {
        String out = work.resolve("W.npy").toString();
        Path missing = work.resolve("input-missing.npy");
        failsCleanly("input-missing.npy: no such file",
                "solve", "--dictionary", missing.toString(), "--embeddings", p("Z.npy"), "--l1", "0.25", "--out", out);
        failsCleanly("--l1", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0", "--out", out);
        failsCleanly("--l1", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "-0.5", "--out", out);
        failsCleanly("--gram-budget-mb: must be ≥ 0", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l1", "0.25", "--gram-budget-mb", "-1", "--out", out);

        // NaN in the last row, found after earlier chunks were already written
        double[][] z = Npy.readMatrix(problem.resolve("Z.npy"));
        z[11][3] = Double.NaN;
        Path nan = work.resolve("input-nan.npy");
        Npy.write(nan, z, NpyDType.FLOAT32);
        failsCleanly("row 11, column 3", "solve", "--dictionary", p("D.npy"), "--embeddings", nan.toString(),
                "--l1", "0.25", "--out", out, "--chunk", "4");

        Path wrongDim = work.resolve("input-dim.npy");
        Npy.write(wrongDim, new double[][] {{1, 2, 3}}, NpyDType.FLOAT32);
        failsCleanly("dimension 3", "solve", "--dictionary", p("D.npy"), "--embeddings", wrongDim.toString(),
                "--l1", "0.25", "--out", out);

        Path empty = Files.createFile(work.resolve("input-empty.npy"));
        failsCleanly("input-empty.npy: empty", "solve", "--dictionary", p("D.npy"), "--embeddings", empty.toString(),
                "--l1", "0.25", "--out", out);

        byte[] bytes = Files.readAllBytes(problem.resolve("Z.npy"));
        Path truncated = work.resolve("input-truncated.npy");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
        failsCleanly("truncated", "solve", "--dictionary", p("D.npy"), "--embeddings", truncated.toString(),
                "--l1", "0.25", "--out", out);

        failsCleanly("output directory", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l1", "0.25", "--out", work.resolve("no/such/W.npy").toString());
    }

    @Test
    void badDecomposeInputExitsWithANamedErrorAndNoOutput() throws IOException {
        String report = work.resolve("r.csv").toString();
        String weights = work.resolve("w.npy").toString();
        failsCleanly("--vocab: 'laoin'", "decompose", "--concepts", p("concepts.npy"), "--vocab", "laoin",
                "--embeddings", p("images.npy"), "--report", report, "--out", weights);
        failsCleanly("300 concept embeddings, but the vocabulary laion:200 has 200 concepts", "decompose",
                "--concepts", p("concepts.npy"), "--vocab-size", "200", "--embeddings", p("images.npy"),
                "--report", report, "--out", weights);
        failsCleanly("--mean: clip:RN50 is 1024-dimensional", "decompose", "--concepts", p("concepts.npy"),
                "--vocab-size", "300", "--mean", "clip:RN50", "--embeddings", p("images.npy"), "--report", report);
        failsCleanly("--vocab-size", "decompose", "--concepts", p("concepts.npy"), "--vocab-size", "0",
                "--embeddings", p("images.npy"), "--report", report);
        double[][] x = Npy.readMatrix(problem.resolve("images.npy"));
        x[5] = new double[x[5].length];
        Path zero = work.resolve("input-zero.npy");
        Npy.write(zero, x, NpyDType.FLOAT32);
        failsCleanly("row 5 is all zeros", "decompose", "--concepts", p("concepts.npy"), "--vocab-size", "300",
                "--embeddings", zero.toString(), "--report", report, "--out", weights);
        assertFalse(Files.exists(Path.of(report)));
    }
}

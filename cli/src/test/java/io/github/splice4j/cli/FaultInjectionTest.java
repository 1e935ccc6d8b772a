package io.github.splice4j.cli;

import io.github.splice4j.internal.InputFiles;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.npy.NpyWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults and bad input, as a careful user meets them: full and read-only file systems (small tmpfs mounts,
 * where the machine allows them: CI runs as root), a directory as a target, SIGTERM and SIGKILL during a write,
 * byte-order marks, mixed number formats, duplicate keys, wrong counts, out-of-range options. Every case must
 * exit 2 with one line naming the file or option and the reason, and leave no output behind.
 */
class FaultInjectionTest {
    @TempDir
    static Path inputs;
    @TempDir
    Path work;
    private final List<Path> mounts = new ArrayList<>();


    @BeforeAll
    static void generate() {
        assertEquals(0, CliRunner.run("generate", "--concepts", "300", "--n", "12", "--seed", "4", "--out", inputs.toString()).rc());
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            new ProcessBuilder("umount", "-l", m.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static String p(String name) {
        return inputs.resolve(name).toString();
    }

    /** A tmpfs of the given size (optionally read-only), or the test is skipped where mounting is not allowed. */
    private Path tmpfs(String name, String size, boolean readOnly) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        int rc;
        try {
            rc = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + (readOnly ? ",ro" : ""), "tmpfs",
                    dir.toString()).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            rc = -1;
        }
        assumeTrue(rc == 0, "mounting a tmpfs needs root (CI has it)");
        mounts.add(dir);
        return dir;
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        return CliRunner.filesIn(dir);
    }

    private void failsCleanly(String expected, String... args) throws IOException {
        CliRunner.failsCleanly(work, expected, args);
    }

    @Test
    void aFullDiskFailsTheRunAndLeavesNothing() throws Exception {
        Path small = tmpfs("full", "4k", false);
        failsCleanly("no space left on device", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l1", "0.25", "--out", small.resolve("W.npy").toString());
        // the weights fit, the report does not: neither remains
        failsCleanly("no space left on device", "decompose", "--concepts", p("concepts.npy"), "--vocab", "laion",
                "--vocab-size", "300", "--embeddings", p("Z.npy"), "--l1", "0.1", "--top", "300", "--format", "json",
                "--out", work.resolve("W.npy").toString(), "--report", small.resolve("report.jsonl").toString());
        // a λ path: the first W_λ.npy fits, a later one does not
        failsCleanly("no space left on device", "path", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l1", "0.4,0.1", "--out", small.resolve("path").toString());
        // the evaluation's report.json fits, its index.html does not
        Path labels = Files.writeString(inputs.resolve("full.csv"), "y,g,split\n"
                + "1,a,train\n0,b,train\n1,a,test\n0,b,test\n".repeat(3));
        failsCleanly("no space left on device", "eval", "table", "--labels", labels.toString(), "--target", "y",
                "--group", "g", "--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300",
                "--embeddings", p("Z.npy"), "--out", small.resolve("eval").toString());
        assertTrue(filesIn(small).size() == 1, "the full file system is empty again: " + filesIn(small));
    }

    @Test
    void aReadOnlyTargetIsAnErrorWithItsReason() throws Exception {
        Path ro = tmpfs("ro", "1m", true);
        failsCleanly("read-only file system", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"),
                "--l1", "0.25", "--out", ro.resolve("W.npy").toString());
        failsCleanly("read-only file system", "generate", "--concepts", "300", "--n", "4", "--out",
                ro.resolve("gen").toString());
    }

    @Test
    void aDirectoryAsTargetIsFoundBeforeAnyWork() throws IOException {
        Path dir = Files.createDirectories(work.resolve("W.npy"));
        failsCleanly("--out: " + dir + " is a directory", "solve", "--dictionary", p("D.npy"), "--embeddings",
                p("Z.npy"), "--l1", "0.25", "--out", dir.toString());
        failsCleanly("--lambda-out: ", "solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l0", "3",
                "--out", work.resolve("W2.npy").toString(), "--lambda-out", dir.toString());
        failsCleanly("--report: output directory", "decompose", "--concepts", p("concepts.npy"), "--vocab", "laion",
                "--vocab-size", "300", "--embeddings", p("Z.npy"), "--out", work.resolve("W3.npy").toString(),
                "--report", work.resolve("missing/report.csv").toString());
    }

    @Test
    void sigtermDuringAWriteRemovesTheTemporariesAndTheNextRunRemovesThoseOfAKilledOne() throws Exception {
        // a job of a few seconds: 20,000 embeddings against the 2,000-concept parity dictionary, one thread
        Path parity = Path.of("..", "splice-core", "src", "test", "resources", "io", "github", "splice4j", "parity", "c2000");
        double[][] z = Npy.readMatrix(parity.resolve("Z.npy"));
        Path big = inputs.resolve("Z20000.npy");
        if (!Files.exists(big)) {
            try (NpyWriter w = NpyWriter.create(big, NpyDType.FLOAT32, 20_000, z[0].length)) {
                for (int i = 0; i < 20_000; i++) {
                    w.writeRow(z[i % z.length]);
                }
                w.commit();
            }
        }
        for (boolean kill : new boolean[] {false, true}) {
            Path out = Files.createDirectories(work.resolve(kill ? "killed" : "terminated"));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    SpliceCommand.class.getName(), "solve", "--dictionary", parity.resolve("D.npy").toString(),
                    "--embeddings", big.toString(), "--l1", "0.05", "--threads", "1", "--chunk", "256",
                    "--out", out.resolve("W.npy").toString(), "--lambda-out", out.resolve("L.npy").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (filesIn(out).stream().noneMatch(f -> f.getFileName().toString().endsWith(".tmp"))
                    && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "the solve was still writing when signalled");
            if (kill) {
                child.destroyForcibly();   // SIGKILL: no hook runs, the temporaries stay
            } else {
                child.destroy();           // SIGTERM: the shutdown hook removes them
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            List<Path> left = filesIn(out);
            if (!kill) {
                assertEquals(List.of(out), left, "left after SIGTERM");
            } else {
                assertTrue(left.size() > 1, "SIGKILL leaves the temporaries: " + left);
                // the next run that writes there recognises them by name and dead pid, and removes them
                assertEquals(0, CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.25",
                        "--out", out.resolve("W.npy").toString()).rc());
                assertEquals(List.of(out, out.resolve("W.npy")), filesIn(out));
            }
        }
    }

    @Test
    void outputsGetTheUmaskModeNotTheTemporaryFilesMode() throws IOException {
        Path w = work.resolve("W.npy");
        Path probe = Files.createFile(work.resolve("mode-probe"));
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        Files.writeString(w, "old");
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, CliRunner.run("solve", "--dictionary", p("D.npy"), "--embeddings", p("Z.npy"), "--l1", "0.25", "--out",
                w.toString()).rc());
        assertEquals(usual, Files.getPosixFilePermissions(w));
        assertFalse(PosixFilePermissions.toString(usual).equals("rw-------"), "the umask here would hide the test");
    }

    @Test
    void byteOrderMarksAndCrlfAreRead() throws IOException {
        // a labels CSV saved by a spreadsheet: BOM, CRLF, split as the first column
        int n = 12;
        StringBuilder csv = new StringBuilder("\ufeffsplit,y\r\n");
        for (int i = 0; i < n; i++) {
            csv.append(i < 8 ? "train" : "test").append(',').append(i % 2).append("\r\n");
        }
        Path labels = Files.writeString(inputs.resolve("bom.csv"), csv.toString());
        Path out = work.resolve("p.json");
        CliRunner.Run r = CliRunner.run("probe", "--labels", labels.toString(), "--target", "y", "--concepts", p("concepts.npy"), "--vocab",
                "laion", "--vocab-size", "300", "--embeddings", p("Z.npy"), "--C", "10", "--out", out.toString());
        assertEquals(0, r.rc(), r.err());
        assertFalse(r.err().contains("no split column"), r.err());
        assertTrue(Files.readString(out).contains("\"test\":{\"accuracy\""), Files.readString(out));
        assertTrue(Files.readString(out).contains("\"count\":4"), "4 test rows: " + Files.readString(out));
        // a vocabulary with a BOM: the first concept has no U+FEFF
        Path vocab = Files.writeString(inputs.resolve("vocab.txt"), "\ufefftrees\r\nbeach\r\n");
        assertEquals("trees", io.github.splice4j.concepts.ConceptVocabulary.fromFile(vocab, -1).name(0));
    }

    @Test
    void labelValuesAreComparedAsValuesAndBadTablesAreNamed() throws IOException {
        Path mixed = Files.writeString(inputs.resolve("mixed.csv"), "y,g,split\n1,a,train\n1.0,a,train\n0,b,test\n0.0,b,test\n"
                + "1,a,test\n0,b,train\n1,a,train\n0,b,train\n0,b,train\n1,a,train\n0,b,test\n1,a,test\n");
        var t = io.github.splice4j.probes.LabelTable.read(mixed, "y", List.of("g"), 12);
        assertEquals(Set.of("0", "1"), t.labelCounts().keySet());
        Path blank = Files.writeString(inputs.resolve("blank.csv"), "y,g\n1,a\n0, \n");
        failsCleanly("blank.csv: line 3: empty value in column g", "probe", "--labels", blank.toString(), "--target", "y",
                "--group", "g", "--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300",
                "--embeddings", p("Z.npy"), "--out", work.resolve("p.json").toString());
    }

    @Test
    void celebaFilesAreCheckedLineByLine() throws IOException {
        String header = "Blond_Hair Male\n";
        StringBuilder rows = new StringBuilder();
        StringBuilder parts = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            rows.append(String.format("%06d.jpg %2d %2d%n", i, i % 3 == 0 ? 1 : -1, i % 2 == 0 ? 1 : -1));
            parts.append(String.format("%06d.jpg %d%n", i, i <= 8 ? 0 : 2));
        }
        Path partition = Files.writeString(inputs.resolve("part.txt"), parts.toString());
        for (String[] c : new String[][] {{"13\n", "line 1 says 13 images, the file has 12"},
                {"hello world\n", "line 1 is 'hello world', not the number of images"},
                {"", "line 1 is 'Blond_Hair Male', not the number of images"}}) {
            Path attrs = Files.writeString(inputs.resolve("attrs.txt"), c[0] + header + rows);
            failsCleanly(c[1], "probe", "--celeba-attrs", attrs.toString(), "--celeba-partition", partition.toString(),
                    "--target", "Blond_Hair", "--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300",
                    "--embeddings", p("Z.npy"), "--out", work.resolve("p.json").toString());
        }
        Path attrs = Files.writeString(inputs.resolve("attrs.txt"), "12\n" + header + rows);
        Path twice = Files.writeString(inputs.resolve("twice.txt"), parts + "000003.jpg 1\n");
        failsCleanly("twice.txt: line 13: 000003.jpg is listed twice", "probe", "--celeba-attrs", attrs.toString(),
                "--celeba-partition", twice.toString(), "--target", "Blond_Hair", "--concepts", p("concepts.npy"),
                "--vocab", "laion", "--vocab-size", "300", "--embeddings", p("Z.npy"), "--out",
                work.resolve("p.json").toString());
    }

    @Test
    void numericOptionsAreRangeChecked() throws IOException {
        String[] common = {"--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300", "--embeddings",
                p("Z.npy")};
        Path labels = Files.writeString(inputs.resolve("l.csv"), "y,g,split\n" + "1,a,train\n0,b,test\n".repeat(6));
        failsCleanly("--related-threshold: a cosine in (-1, 1], got NaN", concat(new String[] {"intervene", "--labels",
                labels.toString(), "--target", "y", "--remove", "beach", "--related-threshold", "NaN", "--out",
                work.resolve("i.json").toString()}, common));
        failsCleanly("--alpha: must be in (0, 1), got 2.0", concat(new String[] {"eval", "table", "--labels",
                labels.toString(), "--target", "y", "--group", "g", "--alpha", "2", "--out",
                work.resolve("e").toString()}, common));
        failsCleanly("--C: must be a positive finite number, got Infinity", concat(new String[] {"probe", "--labels",
                labels.toString(), "--target", "y", "--C", "Infinity", "--out", work.resolve("p.json").toString()}, common));
        failsCleanly("--min-prevalence: must be in [0, 1], got -0.1", concat(new String[] {"eval", "table", "--labels",
                labels.toString(), "--target", "y", "--group", "g", "--min-prevalence", "-0.1", "--out",
                work.resolve("e").toString()}, common));
    }

    @Test
    void evaluationInputsAreJoinedAndNamedCarefully() throws IOException {
        String[] common = {"--concepts", p("concepts.npy"), "--vocab", "laion", "--vocab-size", "300", "--embeddings",
                p("Z.npy")};
        Path noTest = Files.writeString(inputs.resolve("notest.csv"), "y,g,split\n" + "1,a,train\n0,b,train\n".repeat(6));
        failsCleanly("notest.csv: no rows in the test split", concat(new String[] {"eval", "table", "--labels",
                noTest.toString(), "--target", "y", "--group", "g", "--out", work.resolve("e").toString()}, common));
        Path labels = Files.writeString(inputs.resolve("l2.csv"), "y,g,split\n" + "1,a,train\n0,b,train\n1,a,test\n0,b,test\n".repeat(3));
        failsCleanly("--prevalence: unknown concept 'no-such-concept'", concat(new String[] {"eval", "table", "--labels",
                labels.toString(), "--target", "y", "--group", "g", "--prevalence", "no-such-concept", "--out",
                work.resolve("e").toString()}, common));
        Path classes = Files.writeString(inputs.resolve("classes.txt"), "1\nbird\n");
        failsCleanly("--classes: 'bird' is not a value of the target y", concat(new String[] {"zeroshot", "--labels",
                labels.toString(), "--target", "y", "--classes", classes.toString(), "--class-embeddings",
                p("D.npy"), "--out", work.resolve("z.json").toString()}, common));
    }

    @Test
    void brokenFilesAreNamedWithTheirReason() throws IOException {
        Path overflow = Files.write(inputs.resolve("overflow.npy"), CliRunner.float32NpyHeader("(9223372036854775807, 4)"));
        failsCleanly("overflow.npy: impossible .npy shape", "solve", "--dictionary", p("D.npy"), "--embeddings",
                overflow.toString(), "--l1", "0.25", "--out", work.resolve("W.npy").toString());
        Path loop = inputs.resolve("loop.npy");
        if (!Files.exists(loop, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(loop, loop);
        }
        failsCleanly("loop.npy: too many levels of symbolic links", "solve", "--dictionary", p("D.npy"),
                "--embeddings", loop.toString(), "--l1", "0.25", "--out", work.resolve("W.npy").toString());
        assertEquals("x: permission denied", InputFiles.describe(Path.of("x"), new AccessDeniedException("x")));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.github.splice4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the {@code splice} command in this JVM with its output captured, for the CLI's tests. */
final class CliRunner {
    private CliRunner() {
    }

    /**
     * A finished run.
     * @param rc the exit status
     * @param out standard output
     * @param err standard error
     */
    record Run(int rc, String out, String err) {
        /** @return the first line that reports an error, or "" */
        String errorLine() {
            return err.lines().filter(l -> l.contains("error:")).findFirst().orElse("");
        }
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = SpliceCommand.execute(args);
            System.out.flush();
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Runs a command that must fail on bad input: exit 2, one error line with {@code expected} and no stack trace or
     * temporary name, and nothing left behind in {@code work}.
     */
    static void failsCleanly(Path work, String expected, String... args) throws IOException {
        List<Path> before = filesIn(work);
        Run r = run(args);
        assertEquals(2, r.rc(), "exit status for " + String.join(" ", args) + "\n" + r.err());
        assertTrue(r.errorLine().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("error:")).count(), r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains(OutputTransaction.MARK), "a temporary name in the message: " + r.err());
        assertEquals(before, filesIn(work), "files left behind");
    }

    /**
     * The header of a version 1.0 little-endian float32 {@code .npy} file of any shape, possible or not,
     * with no data after it: for tests of files that lie about their size.
     * @param shape the shape tuple as Python writes it, say {@code (50000000, 300)}
     * @return the header's bytes (magic, version, length, padded dictionary)
     */
    static byte[] float32NpyHeader(String shape) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length() & 0xff),
                (byte) (header.length() >> 8)});
        bytes.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        return bytes.toByteArray();
    }

    static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }
}

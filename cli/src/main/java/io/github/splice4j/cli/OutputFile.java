package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A text output written to a temporary file beside its target and moved into place by
 * {@link #commit()}; closing without committing removes the temporary file. Without a target path it
 * writes to standard output.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final PrintWriter writer;
    private boolean committed;

    OutputFile(Path target, String option) {
        this.target = target == null ? null : target.toAbsolutePath();
        try {
            if (this.target == null) {
                temp = null;
                writer = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            } else {
                Path dir = this.target.getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new SpliceInputException(option + ": output directory " + dir + " does not exist");
                }
                temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".tmp");
                BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                writer = new PrintWriter(w);
            }
        } catch (IOException e) {
            throw new SpliceInputException(option + ": cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    PrintWriter writer() {
        return writer;
    }

    void commit() {
        writer.flush();
        if (target == null) {
            committed = true;
            return;
        }
        writer.close();
        if (writer.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write " + target));
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (target == null) {
            writer.flush();
            return;
        }
        if (!committed) {
            writer.close();
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}

package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputFiles;
import io.github.splice4j.internal.OutputFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text output written to a temporary file beside its target and moved into place by
 * {@link #commit()}; closing without committing removes the temporary file. Without a target path it
 * writes to standard output.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final PrintWriter writer;
    private final FailureRecordingWriter failures;
    private boolean committed;

    /** Keeps the first I/O error, which PrintWriter would swallow, so that the message can say what it was. */
    private static final class FailureRecordingWriter extends java.io.FilterWriter {
        private IOException failure;

        FailureRecordingWriter(java.io.Writer out) {
            super(out);
        }

        IOException failure() {
            return failure;
        }

        private IOException record(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }

        @Override
        public void write(int c) throws IOException {
            try {
                super.write(c);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            try {
                super.write(cbuf, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            try {
                super.write(str, off, len);
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                throw record(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                throw record(e);
            }
        }
    }

    OutputFile(Path target, String option) {
        this.target = target == null ? null : target.toAbsolutePath();
        try {
            if (this.target == null) {
                temp = null;
                failures = null;
                writer = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            } else {
                Path dir = this.target.getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new SpliceInputException(option + ": output directory " + dir + " does not exist");
                }
                temp = OutputFiles.createTemp(dir, "." + this.target.getFileName() + ".");
                failures = new FailureRecordingWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8));
                writer = new PrintWriter(failures);
            }
        } catch (IOException e) {
            throw new SpliceInputException(option + ": cannot write " + InputFiles.describe(target, e), e);
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
            IOException e = failures.failure();
            throw e == null ? new SpliceInputException(target + ": cannot write: write error")
                    : OutputFiles.cannotWrite(target, e);
        }
        OutputFiles.publish(temp, target);
        committed = true;
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

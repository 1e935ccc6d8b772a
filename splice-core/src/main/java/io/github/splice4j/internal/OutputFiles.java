package io.github.splice4j.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Temporary files for atomic writes. Internal: not part of Splice4J's API. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Creates a new, empty temporary file beside its target with the permissions any new file gets (the
     * process's umask), unlike {@code Files.createTempFile}, whose 0600 would end up on the output.
     * @param dir the directory of the target
     * @param prefix the name's start (the target's hidden name, say)
     * @return the file
     * @throws IOException if it cannot be created
     */
    public static Path createTemp(Path dir, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}

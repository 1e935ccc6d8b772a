package io.github.splice4j.internal;

import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * Puts a finished temporary file in place of its target in one atomic rename, replacing any file there.
     * @param temp the finished file, beside the target
     * @param target where it goes
     * @throws SpliceInputException naming the target and the reason, if it cannot be moved
     */
    public static void publish(Path temp, Path target) {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /**
     * @param target the output being written
     * @param e why writing it failed
     * @return the one-line error for it: the target, then the reason without the exception's class
     */
    public static SpliceInputException cannotWrite(Path target, IOException e) {
        return new SpliceInputException(target + ": cannot write: " + InputFiles.reason(e), e);
    }
}

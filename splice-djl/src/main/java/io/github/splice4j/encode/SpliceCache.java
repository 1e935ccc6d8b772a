package io.github.splice4j.encode;

import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Splice4J's on-disk cache: {@code $SPLICE_CACHE}, else the system property {@code splice4j.cache},
 * else {@code ~/.cache/splice4j}. Files are written to a temporary name and moved into place.
 */
final class SpliceCache {
    private SpliceCache() {
    }

    /** @return the cache directory (created if missing) */
    static Path directory() {
        String env = System.getenv("SPLICE_CACHE");
        String prop = System.getProperty("splice4j.cache");
        Path dir = env != null && !env.isBlank() ? Path.of(env)
                : prop != null ? Path.of(prop) : Path.of(System.getProperty("user.home"), ".cache", "splice4j");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SpliceInputException("cache directory " + dir + " cannot be created: " + e.getMessage(), e);
        }
    }

    /**
     * Copies a class-path resource into the cache once (atomically) and returns its path.
     * @param resource the absolute resource name
     * @param relative where in the cache
     * @return the cached file
     */
    static Path extractResource(String resource, Path relative) {
        Path target = directory().resolve(relative);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = SpliceCache.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SpliceInputException("resource " + resource + " is not on the class path");
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new SpliceInputException("cannot extract " + resource + " to " + target + ": " + e.getMessage(), e);
        }
    }
}

package io.github.splice4j.encode;

import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Splice4J's on-disk cache: {@code $SPLICE_CACHE}, else the system property {@code splice4j.cache},
 * else {@code ~/.cache/splice4j}. Files are written to a temporary name and moved into place.
 */
public final class SpliceCache {
    private SpliceCache() {
    }

    /** @return the cache directory (created if missing) */
    public static Path directory() {
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
     * @param file a file
     * @return the hex SHA-256 of its bytes
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new SpliceInputException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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

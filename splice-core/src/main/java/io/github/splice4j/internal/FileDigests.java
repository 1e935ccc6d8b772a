package io.github.splice4j.internal;

import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, for provenance and cache keys. Internal: not part of Splice4J's API. */
public final class FileDigests {
    private FileDigests() {
    }

    /**
     * @param file a file
     * @return the hex SHA-256 of its bytes
     * @throws SpliceInputException naming the file when it cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new SpliceInputException(InputFiles.describe(file, e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

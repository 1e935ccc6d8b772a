package io.github.splice4j.internal;

import io.github.splice4j.SpliceInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opening and reading users' files with messages that name the file and the reason (no such file, permission
 * denied, a loop of symbolic links, …), and text read the way people save it: UTF-8 with or without a byte-order
 * mark, LF or CRLF line ends. Internal: not part of Splice4J's API.
 */
public final class InputFiles {
    private static final char BOM = '\ufeff';

    private InputFiles() {
    }

    /**
     * @param file the file that failed
     * @param e the failure
     * @return {@code file: reason}, e.g. {@code labels.csv: permission denied}
     */
    public static String describe(Path file, IOException e) {
        return file + ": " + reason(e);
    }

    /**
     * @param e an I/O failure
     * @return its reason in words, without a stack trace
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lower(f.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : lower(e.getMessage());
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Checks that a file can be read: it exists (following links), is a regular file and can be opened.
     * @param file the file
     * @param what what it should be, for the message (e.g. "a labels file")
     * @throws SpliceInputException naming the file and the reason
     */
    public static void requireReadable(Path file, String what) {
        try (var in = Files.newInputStream(file)) {
            // opened: it exists and can be read
        } catch (IOException e) {
            throw new SpliceInputException(describe(file, e), e);
        }
        if (Files.isDirectory(file)) {
            throw new SpliceInputException(file + ": is a directory, " + what + " was expected");
        }
    }

    /**
     * Reads a text file's lines: UTF-8, a leading byte-order mark dropped, CR before LF dropped.
     * @param file the file
     * @return its lines
     * @throws SpliceInputException naming the file and the reason
     */
    public static List<String> readLines(Path file) {
        requireReadable(file, "a text file");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readLines(r);
        } catch (IOException e) {
            throw new SpliceInputException(describe(file, e), e);
        }
    }

    /**
     * Reads lines from a reader: a leading byte-order mark dropped; {@code readLine} already ends lines at LF, CR or CRLF.
     * @param r the reader
     * @return the lines
     * @throws IOException if reading fails
     */
    public static List<String> readLines(BufferedReader r) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = r.readLine()) != null; ) {
            lines.add(lines.isEmpty() ? withoutBom(line) : line);
        }
        return lines;
    }

    /**
     * @param firstLine the first line of a text
     * @return it without a leading byte-order mark
     */
    public static String withoutBom(String firstLine) {
        return !firstLine.isEmpty() && firstLine.charAt(0) == BOM ? firstLine.substring(1) : firstLine;
    }
}

package io.github.splice4j.concepts;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ordered list of unique, human-readable concept names.
 *
 * <p>A vocabulary is read from lines, one concept per line. Like the reference, a bundled list such as
 * {@code laion} (sorted from the rarest to the most frequent concept) keeps its last {@code k} lines.
 * Blank lines and repeated names are dropped and counted; {@link #lineOfConcept(int)} remembers which
 * of the kept lines each concept came from, so that concept embeddings computed one per line (as the
 * reference computes them) still line up.
 */
public final class ConceptVocabulary implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The vocabularies bundled with Splice4J, from the SpLiCE reference implementation. */
    public static final List<String> BUNDLED = List.of("laion", "laion_bigrams", "mscoco");
    /** The default number of concepts taken from a bundled vocabulary, as in the reference. */
    public static final int DEFAULT_SIZE = 10_000;

    private final String source;
    private final String origin;
    private final int requestedSize;
    private final List<String> names;
    private final int[] lineOfConcept;
    private final int lineCount;
    private final int blankLines;
    private final List<String> duplicates;
    private final Map<String, Integer> index;
    private final String sha256;

    private ConceptVocabulary(String source, String origin, int requestedSize, List<String> lines) {
        this.source = source;
        this.origin = origin;
        this.requestedSize = requestedSize;
        List<String> kept = new ArrayList<>();
        List<Integer> lineIdx = new ArrayList<>();
        Set<String> dup = new LinkedHashSet<>();
        Map<String, Integer> idx = new HashMap<>();
        int blanks = 0;
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                blanks++;
            } else if (idx.containsKey(name)) {
                dup.add(name);
            } else {
                idx.put(name, kept.size());
                kept.add(name);
                lineIdx.add(i);
            }
        }
        if (kept.isEmpty()) {
            throw new SpliceInputException(source + ": the vocabulary has no concepts");
        }
        this.names = Collections.unmodifiableList(kept);
        this.lineOfConcept = lineIdx.stream().mapToInt(Integer::intValue).toArray();
        this.lineCount = lines.size();
        this.blankLines = blanks;
        this.duplicates = List.copyOf(dup);
        this.index = Collections.unmodifiableMap(idx);
        this.sha256 = hash(kept);
    }

    /**
     * A vocabulary of the given names, in order.
     * @param source a description for messages and provenance
     * @param names the concept names
     * @return the vocabulary
     */
    public static ConceptVocabulary of(String source, List<String> names) {
        return new ConceptVocabulary(source, source, -1, names);
    }

    /**
     * A bundled vocabulary by name, or a user file by path.
     * @param nameOrPath {@code laion}, {@code laion_bigrams}, {@code mscoco}, or a file path
     * @param size how many of the last lines to keep; -1 keeps all
     * @return the vocabulary
     */
    public static ConceptVocabulary load(String nameOrPath, int size) {
        if (BUNDLED.contains(nameOrPath)) {
            return bundled(nameOrPath, size);
        }
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path)) {
            throw SpliceInputException.forParameter("vocabulary", "'" + nameOrPath + "' is neither a bundled vocabulary "
                    + BUNDLED + " nor an existing file");
        }
        return fromFile(path, size);
    }

    /**
     * A bundled vocabulary.
     * @param name {@code laion}, {@code laion_bigrams} or {@code mscoco}
     * @param size how many of the last lines to keep; -1 keeps all
     * @return the vocabulary
     */
    public static ConceptVocabulary bundled(String name, int size) {
        if (!BUNDLED.contains(name)) {
            throw SpliceInputException.forParameter("vocabulary", "unknown bundled vocabulary '" + name + "', expected one of "
                    + BUNDLED);
        }
        try (InputStream in = ConceptVocabulary.class.getResourceAsStream("/io/github/splice4j/vocab/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("bundled vocabulary " + name + " is missing from the jar");
            }
            List<String> lines = InputFiles.readLines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            return new ConceptVocabulary(name + (size < 0 ? "" : ":" + size), name, size, lastLines(lines, size, "size"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled vocabulary " + name, e);
        }
    }

    /**
     * A vocabulary from a user file, one concept per line (UTF-8).
     * @param path the file
     * @param size how many of the last lines to keep; -1 keeps all
     * @return the vocabulary
     */
    public static ConceptVocabulary fromFile(Path path, int size) {
        InputFiles.requireReadable(path, "a vocabulary file");
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            List<String> lines = InputFiles.readLines(r);
            if (lines.stream().allMatch(String::isBlank)) {
                throw new SpliceInputException(path + ": the vocabulary file is empty");
            }
            return new ConceptVocabulary(path.toString() + (size < 0 ? "" : ":" + size), path.toString(), size,
                    lastLines(lines, size, "size"));
        } catch (IOException e) {
            throw new SpliceInputException(InputFiles.describe(path, e), e);
        }
    }

    /**
     * Parses a vocabulary size argument: a positive number, or {@code -1} / {@code all} for all lines.
     * @param text the argument
     * @return the size, -1 for all
     */
    public static int parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all") || t.equals("-1")) {
            return -1;
        }
        try {
            int v = Integer.parseInt(t);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw SpliceInputException.forParameter("size", "expected a positive number, -1 or 'all', got '" + text + "'");
        }
    }

    private static List<String> lastLines(List<String> lines, int size, String argument) {
        if (size == 0 || size < -1) {
            throw SpliceInputException.forParameter(argument, "expected a positive size or -1, got " + size);
        }
        if (size < 0 || size >= lines.size()) {
            return lines;
        }
        return lines.subList(lines.size() - size, lines.size());
    }

    private static String hash(List<String> names) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String n : names) {
                md.update(n.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return where the vocabulary came from, e.g. {@code laion:10000}, or a file path (with {@code :size}) */
    public String source() {
        return source;
    }

    /**
     * @return the bundled name or the file path it was loaded from ({@link #load(String, int)}'s first argument),
     *     or its description when it was built in code
     */
    public String origin() {
        return origin;
    }

    /** @return the size it was loaded with ({@link #load(String, int)}'s second argument): the last k lines, or -1 for all */
    public int requestedSize() {
        return requestedSize;
    }

    /** @return the number of concepts */
    public int size() {
        return names.size();
    }

    /**
     * @param i a concept index
     * @return its name
     */
    public String name(int i) {
        return names.get(i);
    }

    /** @return the concept names, in order (unmodifiable) */
    public List<String> names() {
        return names;
    }

    /**
     * @param name a concept name (exact match)
     * @return its index, or -1 if the vocabulary does not have it
     */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /**
     * @param i a concept index
     * @return the index, among the lines that were read, of the line it came from
     */
    public int lineOfConcept(int i) {
        return lineOfConcept[i];
    }

    /** @return the number of lines read (blank and repeated lines included) */
    public int lineCount() {
        return lineCount;
    }

    /** @return the number of blank lines dropped */
    public int blankLines() {
        return blankLines;
    }

    /** @return the names that occurred more than once (each kept once, at its first line) */
    public List<String> duplicates() {
        return duplicates;
    }

    /** @return the SHA-256 of the concept names, one per line: identifies the vocabulary in caches */
    public String sha256() {
        return sha256;
    }

    /** @return a one-line account of what was read, blank and repeated lines included */
    public String summary() {
        String s = source + ": " + size() + " concepts from " + lineCount + " lines";
        if (blankLines > 0) {
            s += ", " + blankLines + " blank line" + (blankLines == 1 ? "" : "s") + " dropped";
        }
        if (!duplicates.isEmpty()) {
            s += ", " + (lineCount - blankLines - size()) + " repeated line(s) dropped (e.g. '" + duplicates.get(0) + "')";
        }
        return s;
    }

    @Override
    public String toString() {
        return "ConceptVocabulary(" + source + ", " + size() + " concepts)";
    }
}

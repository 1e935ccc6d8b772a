package io.github.splice4j.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's Java examples are quoted from test sources, so that they compile and run: a region of a source file
 * between {@code // README:NAME-begin} and {@code // README:NAME-end} must stand, dedented, as a fenced
 * {@code java} block of the README (several regions in a row make one block, separated by blank lines).
 */
public final class ReadmeQuotes {
    private ReadmeQuotes() {
    }

    /**
     * @param source a source file
     * @param names the regions, in the order the README block shows them
     * @return the block they make
     * @throws IOException if the file cannot be read
     */
    public static String block(Path source, String... names) throws IOException {
        List<String> lines = Files.readAllLines(source);
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            int begin = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// README:" + name + "-begin"))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(source + ": no region " + name)));
            int end = begin + 1;
            while (!lines.get(end).strip().equals("// README:" + name + "-end")) {
                end++;
            }
            List<String> region = lines.subList(begin + 1, end);
            int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                    .min().orElse(0);
            parts.add(String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()));
        }
        return String.join("\n\n", parts);
    }

    /**
     * @param readme the README
     * @return the bodies of its fenced {@code java} blocks
     * @throws IOException if it cannot be read
     */
    public static List<String> javaBlocks(Path readme) throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(readme)) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString().stripTrailing());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }
}

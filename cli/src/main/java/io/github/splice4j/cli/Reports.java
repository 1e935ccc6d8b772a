package io.github.splice4j.cli;

import io.github.splice4j.probes.Accuracy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writing a JSON report and its Markdown summary beside it, atomically; selecting rows for the commands that score. */
final class Reports {
    private Reports() {
    }

    static void write(Path json, Map<String, Object> report, String markdown) {
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        Path md = json.resolveSibling(base + ".md");
        try (OutputFile j = new OutputFile(json, "--out"); OutputFile m = new OutputFile(md, "--out")) {
            j.writer().println(Json.line(report));
            m.writer().print(markdown);
            j.commit();
            m.commit();
        }
        System.err.println("wrote " + json + " and " + md);
    }

    /** The given rows of a list, in the order given. */
    static <T> List<T> select(List<T> all, int[] rows) {
        return java.util.Arrays.stream(rows).mapToObj(all::get).toList();
    }

    /** The given rows of a matrix, in the order given. */
    static double[][] select(double[][] all, int[] rows) {
        return java.util.Arrays.stream(rows).mapToObj(r -> all[r]).toArray(double[][]::new);
    }

    static String accuracyLine(String what, Accuracy a) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %.4f | %d |", what, a.accuracy(), a.count()));
        a.perGroup().forEach((g, c) -> sb.append(String.format(Locale.ROOT, " %s: %.4f (%d);", g, c.accuracy(), c.count())));
        return sb.append('\n').toString();
    }
}

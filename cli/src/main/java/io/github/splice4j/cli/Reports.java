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

    /**
     * A JSON report and the Markdown summary beside it ({@code NAME.json}, {@code NAME.md}), staged in a
     * transaction before any work.
     * @param json the staged path of the JSON report
     * @param markdown the staged path of the summary
     * @param targets the two final paths, for the message
     */
    record Files(Path json, Path markdown, String targets) {
        /** Writes both (into their staged paths; the transaction moves them into place). */
        void write(Map<String, Object> report, String summary) {
            Reports.write(json, markdown, report, summary);
        }
    }

    /**
     * Stages {@code json} and its summary before any work, runs the command's work, and moves both into place only
     * when it succeeded.
     * @param json the report's path (--out)
     * @param work writes the report into the staged files
     */
    static void inTransaction(Path json, java.util.function.Consumer<Files> work) {
        try (OutputTransaction tx = new OutputTransaction()) {
            Files files = stage(tx, json);
            work.accept(files);
            tx.commit();
            System.err.println("wrote " + files.targets());
        }
    }

    static Files stage(OutputTransaction tx, Path json) {
        Path md = markdownBeside(json);
        return new Files(tx.file(json, "--out"), tx.file(md, "--out"), json + " and " + md);
    }

    /** Writes a report and its summary to the given paths (inside a staged directory, say). */
    static void write(Path json, Map<String, Object> report, String markdown) {
        write(json, markdownBeside(json), report, markdown);
    }

    private static void write(Path json, Path md, Map<String, Object> report, String markdown) {
        try (OutputFile j = new OutputFile(json, "--out"); OutputFile m = new OutputFile(md, "--out")) {
            j.writer().println(Json.line(report));
            m.writer().print(markdown);
            j.commit();
            m.commit();
        }
    }

    private static Path markdownBeside(Path json) {
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        return json.resolveSibling(base + ".md");
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

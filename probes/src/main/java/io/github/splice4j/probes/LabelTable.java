package io.github.splice4j.probes;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.tribuo.EmbeddingDataSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels for embeddings, row for row: a CSV file with a header, a target column, optional group
 * columns (a row's group is the combination of their values, e.g. {@code place=1}) and an optional
 * {@code split} column (train/val/test or 0/1/2). Without a split column every row is used for both
 * fitting and scoring, and the results say so.
 *
 * <p>Values are compared as values: a number is read as one ({@code 1}, {@code 1.0} and {@code +1} are the
 * same class, written {@code 1}); a blank label or group value is an error naming its line, and so is an id
 * that appears twice. Text may be UTF-8 with a byte-order mark and CRLF line ends.
 */
public final class LabelTable {
    private final Path file;
    private final String target;
    private final String[] labels;
    private final String[] groups;
    private final Split[] splits;
    private final String[] ids;

    private LabelTable(Path file, String target, String[] labels, String[] groups, Split[] splits, String[] ids) {
        this.file = file;
        this.target = target;
        this.labels = labels;
        this.groups = groups;
        this.splits = splits;
        this.ids = ids;
    }

    /**
     * Reads a labels file.
     * @param file the CSV file
     * @param target the target column
     * @param groupColumns group columns (may be empty)
     * @param rows the number of embeddings the file must match
     * @return the table
     */
    public static LabelTable read(Path file, String target, List<String> groupColumns, int rows) {
        LabelTable t = read(file, target, groupColumns, null);
        if (t.size() != rows) {
            throw new SpliceInputException(file + ": " + t.size() + " label rows, but there are " + rows + " embeddings");
        }
        return t;
    }

    /**
     * Labels in the embeddings' row order, joined by name when the embeddings are named: the column of the table
     * whose values all name embeddings (an image path, a file name) says which embedding each row labels; without
     * such a column the table is refused rather than joined by row order.
     * @param table a table read in its own row order (CSV or CelebA)
     * @param embeddingNames each embedding row's name, or null when the embeddings are not named
     * @param rows the number of embeddings
     * @return the table, one row per embedding, in the embeddings' order
     */
    public static LabelTable joinedTo(LabelTable table, List<String> embeddingNames, int rows) {
        if (embeddingNames == null) {
            if (table.size() != rows) {
                throw new SpliceInputException(table.file + ": " + table.size() + " label rows, but there are " + rows
                        + " embeddings");
            }
            return table;
        }
        List<String> ids = table.ids();
        int[] embeddingRow = io.github.splice4j.internal.EmbeddingJoin.rows(ids, embeddingNames, rows, table.file, 2);
        int[] labelRow = new int[rows];
        java.util.Arrays.fill(labelRow, -1);
        for (int r = 0; r < embeddingRow.length; r++) {
            labelRow[embeddingRow[r]] = r;
        }
        for (int e = 0; e < rows; e++) {
            if (labelRow[e] < 0) {
                throw new SpliceInputException(table.file + ": no row labels embedding " + embeddingNames.get(e));
            }
        }
        String[] l = new String[rows];
        String[] g = new String[rows];
        String[] i = new String[rows];
        Split[] s = table.splits == null ? null : new Split[rows];
        for (int e = 0; e < rows; e++) {
            int r = labelRow[e];
            l[e] = table.labels[r];
            g[e] = table.groups[r];
            i[e] = table.ids[r];
            if (s != null) {
                s[e] = table.splits[r];
            }
        }
        return new LabelTable(table.file, table.target, l, g, s, i);
    }

    /**
     * Reads a labels CSV in the embeddings' order: by row order when the embeddings are not named, else by the
     * column whose values all name embeddings (refused when there is none).
     * @param file the CSV file
     * @param target the target column
     * @param groupColumns group columns (may be empty)
     * @param embeddingNames each embedding row's name, or null
     * @param rows the number of embeddings
     * @return the table, one row per embedding
     */
    public static LabelTable read(Path file, String target, List<String> groupColumns, List<String> embeddingNames,
                                  int rows) {
        if (embeddingNames == null) {
            return read(file, target, groupColumns, rows);
        }
        List<String[]> csv = EmbeddingDataSource.readCsv(file);
        String[] header = csv.get(0);
        for (int c = 0; c < header.length; c++) {
            int col = c;
            List<String> values = csv.subList(1, csv.size()).stream()
                    .map(r -> col < r.length ? r[col] : "").toList();
            if (io.github.splice4j.internal.EmbeddingJoin.allNamed(values, embeddingNames)) {
                return joinedTo(read(file, target, groupColumns, header[c].strip()), embeddingNames, rows);
            }
        }
        throw SpliceInputException.forParameter("embeddingNames", "the embeddings are named, but no column of " + file
                + " holds those names: it cannot be joined to them by row order");
    }

    /**
     * Reads a labels file whose rows will be joined to embeddings by an id column.
     * @param file the CSV file
     * @param target the target column
     * @param groupColumns group columns (may be empty)
     * @param idColumn the column of image ids (e.g. {@code img_filename}), or null
     * @return the table
     */
    public static LabelTable read(Path file, String target, List<String> groupColumns, String idColumn) {
        List<String[]> csv = EmbeddingDataSource.readCsv(file);
        String[] header = csv.get(0);
        int t = column(file, header, target, "target");
        int[] g = groupColumns.stream().mapToInt(c -> column(file, header, c, "groupColumns")).toArray();
        int s = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equals("split")) {
                s = i;
            }
        }
        int id = idColumn == null ? -1 : column(file, header, idColumn, "id column");
        int rows = csv.size() - 1;
        String[] ids = new String[rows];
        String[] labels = new String[rows];
        String[] groups = new String[rows];
        Split[] splits = s < 0 ? null : new Split[rows];
        for (int r = 0; r < rows; r++) {
            String[] row = csv.get(r + 1);
            String where = file + ": line " + (r + 2);
            if (row.length != header.length) {
                throw new SpliceInputException(where + " has " + row.length + " fields, the header has " + header.length);
            }
            labels[r] = canonical(row[t], where, target);
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < g.length; k++) {
                key.append(k == 0 ? "" : ",").append(groupColumns.get(k)).append('=')
                        .append(canonical(row[g[k]], where, groupColumns.get(k)));
            }
            groups[r] = key.toString();
            if (splits != null) {
                splits[r] = Split.parse(row[s], where);
            }
            ids[r] = id < 0 ? Integer.toString(r) : row[id].strip();
        }
        if (id >= 0) {
            requireUnique(ids, file, idColumn, 2);
        }
        return new LabelTable(file, target, labels, groups, splits, ids);
    }

    /**
     * Reads CelebA's {@code list_attr_celeba.txt} (a count line, a header line of 40 attribute names, then
     * {@code file.jpg} and ±1 per attribute, separated by runs of spaces) and, optionally,
     * {@code list_eval_partition.txt} ({@code file.jpg 0|1|2}). Rows are in the attribute file's order, which
     * the embeddings must follow; labels are the attribute values {@code 1} and {@code -1}.
     * @param attributes list_attr_celeba.txt
     * @param partition list_eval_partition.txt, or null
     * @param target the target attribute, e.g. Eyeglasses
     * @param groupAttributes group attributes, e.g. Male
     * @param rows the number of embeddings the file must match, or -1 when rows are joined by image id
     * @return the table
     */
    public static LabelTable readCelebA(Path attributes, Path partition, String target, List<String> groupAttributes,
                                        int rows) {
        List<String> lines = lines(attributes);
        if (lines.size() < 2) {
            throw new SpliceInputException(attributes + ": truncated CelebA attribute file (no header line)");
        }
        long declared;
        try {
            declared = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            throw new SpliceInputException(attributes + ": line 1 is '" + abbreviate(lines.get(0))
                    + "', not the number of images (CelebA's attribute file starts with the count, then the names)");
        }
        if (declared != lines.size() - 2) {
            throw new SpliceInputException(attributes + ": line 1 says " + declared + " images, the file has "
                    + (lines.size() - 2) + " image lines");
        }
        String[] names = lines.get(1).strip().split("\\s+");
        int t = column(attributes, names, target, "target");
        int[] g = groupAttributes.stream().mapToInt(c -> column(attributes, names, c, "groupAttributes")).toArray();
        int n = lines.size() - 2;
        Map<String, Split> parts = new java.util.HashMap<>();
        if (partition != null) {
            List<String> pl = lines(partition);
            for (int i = 0; i < pl.size(); i++) {
                String[] f = pl.get(i).strip().split("\\s+");
                if (f.length != 2) {
                    throw new SpliceInputException(partition + ": line " + (i + 1) + ": expected 'file.jpg 0|1|2'");
                }
                if (parts.put(f[0], Split.parse(f[1], partition + ": line " + (i + 1))) != null) {
                    throw new SpliceInputException(partition + ": line " + (i + 1) + ": " + f[0] + " is listed twice");
                }
            }
        }
        String[] labels = new String[n];
        String[] groups = new String[n];
        String[] ids = new String[n];
        Split[] splits = partition == null ? null : new Split[n];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int r = 0; r < n; r++) {
            String[] f = lines.get(r + 2).strip().split("\\s+");
            String where = attributes + ": line " + (r + 3);
            if (f.length != names.length + 1) {
                throw new SpliceInputException(where + ": " + (f.length - 1) + " attribute values, the header has " + names.length);
            }
            labels[r] = value(f[t + 1], where);
            ids[r] = f[0];
            if (!seen.add(f[0])) {
                throw new SpliceInputException(where + ": " + f[0] + " is listed twice");
            }
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < g.length; k++) {
                key.append(k == 0 ? "" : ",").append(groupAttributes.get(k)).append('=').append(value(f[g[k] + 1], where));
            }
            groups[r] = key.toString();
            if (splits != null) {
                splits[r] = parts.get(f[0]);
                if (splits[r] == null) {
                    throw new SpliceInputException(partition + ": no partition for " + f[0] + " (" + where + ")");
                }
            }
        }
        if (rows >= 0 && n != rows) {
            throw new SpliceInputException(attributes + ": " + n + " images, but there are " + rows + " embeddings");
        }
        return new LabelTable(attributes, target, labels, groups, splits, ids);
    }

    /**
     * A label or group value as a value: stripped, and a number written canonically ({@code 1.0} and {@code +1}
     * become {@code 1}), so that one class is not split in two by how a program wrote it.
     */
    /**
     * @param raw a label value as written
     * @return it as this table stores it: stripped, and a number written canonically ({@code 1.0} → {@code 1})
     */
    public static String canonicalValue(String raw) {
        return raw.isBlank() ? raw.strip() : canonical(raw, "value", "value");
    }

    static String canonical(String raw, String where, String column) {
        String v = raw.strip();
        if (v.isEmpty()) {
            throw new SpliceInputException(where + ": empty value in column " + column);
        }
        char c = v.charAt(0);
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
            try {
                java.math.BigDecimal d = new java.math.BigDecimal(v).stripTrailingZeros();
                return d.scale() <= 0 ? d.toBigIntegerExact().toString() : d.toPlainString();
            } catch (NumberFormatException | ArithmeticException e) {
                return v;
            }
        }
        return v;
    }

    private static void requireUnique(String[] ids, Path file, String column, int firstLine) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int r = 0; r < ids.length; r++) {
            Integer before = seen.put(ids[r], r);
            if (before != null) {
                throw new SpliceInputException(file + ": line " + (r + firstLine) + ": " + column + " '" + ids[r]
                        + "' also on line " + (before + firstLine));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String value(String v, String where) {
        if (!v.equals("1") && !v.equals("-1")) {
            throw new SpliceInputException(where + ": attribute value '" + v + "' is not 1 or -1");
        }
        return v;
    }

    private static List<String> lines(Path file) {
        return io.github.splice4j.internal.InputFiles.readLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    private static int column(Path file, String[] header, String name, String option) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equals(name)) {
                return i;
            }
        }
        throw SpliceInputException.forParameter(option, file + " has no column '" + name + "' (columns: "
                + String.join(", ", header) + ")");
    }

    /** @return each row's image id (the id column, CelebA's file name, or the row number) */
    public List<String> ids() {
        return List.of(ids);
    }

    /** @return the file it was read from */
    public Path file() {
        return file;
    }

    /** @return the target column's name */
    public String target() {
        return target;
    }

    /** @return the number of rows */
    public int size() {
        return labels.length;
    }

    /** @return whether the file has a split column */
    public boolean hasSplits() {
        return splits != null;
    }

    /**
     * @param split a split
     * @return the rows in it (every row when the file has no split column)
     */
    public int[] rows(Split split) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < labels.length; r++) {
            if (splits == null || splits[r] == split) {
                out.add(r);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param rows row indices
     * @return their labels
     */
    public List<String> labels(int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(labels[r]);
        }
        return out;
    }

    /**
     * @param rows row indices
     * @return their groups ("" when no group column was given)
     */
    public List<String> groups(int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(groups[r]);
        }
        return out;
    }

    /** @return the number of rows per label, sorted by label */
    public Map<String, Integer> labelCounts() {
        Map<String, Integer> m = new TreeMap<>();
        for (String l : labels) {
            m.merge(l, 1, Integer::sum);
        }
        return m;
    }

    @Override
    public String toString() {
        return "LabelTable(" + file + ", target=" + target + ", rows=" + labels.length + ")";
    }
}

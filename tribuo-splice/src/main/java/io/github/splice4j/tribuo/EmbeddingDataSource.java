package io.github.splice4j.tribuo;

import io.github.splice4j.internal.FileDigests;
import io.github.splice4j.internal.EmbeddingJoin;
import io.github.splice4j.internal.InputFiles;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import org.tribuo.ConfigurableDataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.DataSourceProvenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Tribuo {@code DataSource} of precomputed embeddings: the rows of a {@code .npy} file as dense
 * features ({@code clip@0000} …, see {@link EmbeddingFeatures}) and, row for row, a CSV file with a
 * header giving the label column and optional group columns, which are stored in each example's
 * metadata (for group metrics). Provenance records both files' paths and SHA-256 hashes.
 *
 * @param <T> the output type
 */
public final class EmbeddingDataSource<T extends Output<T>> implements ConfigurableDataSource<T> {

    @Config(mandatory = true, description = "Embeddings (.npy, n × dim).")
    private Path embeddingsPath;

    @Config(mandatory = true, description = "Labels (CSV with a header), one row per embedding.")
    private Path labelsPath;

    @Config(mandatory = true, description = "The label column.")
    private String labelColumn;

    @Config(description = "Columns copied into each example's metadata (e.g. group attributes).")
    private List<String> groupColumns = new ArrayList<>();

    @Config(description = "The embeddings' names, one per row (default: the embeddings file's name plus '.txt', as "
            + "'splice embed' writes it, when that file exists).")
    private Path namesPath;

    @Config(description = "The labels column that names each row's embedding (default: found when names exist).")
    private String idColumn;

    @Config(description = "Prefix of the embedding feature names.")
    private String featurePrefix = EmbeddingFeatures.DEFAULT_PREFIX;

    @Config(mandatory = true, description = "Makes outputs from label strings.")
    private OutputFactory<T> outputFactory;

    private List<Example<T>> examples;
    private OffsetDateTime created;

    /** For OLCUT. */
    private EmbeddingDataSource() {
    }

    /**
     * @param embeddingsPath the embeddings
     * @param labelsPath the labels CSV
     * @param labelColumn its label column
     * @param groupColumns columns to keep as metadata
     * @param outputFactory makes outputs from label strings
     */
    public EmbeddingDataSource(Path embeddingsPath, Path labelsPath, String labelColumn, List<String> groupColumns,
                               OutputFactory<T> outputFactory) {
        this.embeddingsPath = embeddingsPath;
        this.labelsPath = labelsPath;
        this.labelColumn = labelColumn;
        this.groupColumns = new ArrayList<>(groupColumns);
        this.outputFactory = outputFactory;
        postConfig();
    }

    /**
     * Labels and embeddings, joined by name whenever the embeddings are named (a names file given, or the
     * {@code X.npy.txt} beside {@code X.npy}): by {@code idColumn}, or else by the one labels column whose values
     * all name embeddings; a named table with no such column is refused rather than joined by row order.
     */
    @Override
    public void postConfig() {
        double[][] x = Npy.readMatrix(embeddingsPath);
        List<String[]> rows = readCsv(labelsPath);
        String[] header = rows.get(0);
        int label = column(header, labelColumn, "label column");
        int[] groups = groupColumns.stream().mapToInt(g -> column(header, g, "group column")).toArray();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).length != header.length) {
                throw new SpliceInputException(labelsPath + ": line " + (i + 1) + " has " + rows.get(i).length
                        + " fields, the header has " + header.length);
            }
        }
        int[] embeddingRow = join(rows, header, x.length);
        String[] names = EmbeddingFeatures.names(featurePrefix, x.length == 0 ? 0 : x[0].length);
        List<Example<T>> list = new ArrayList<>(rows.size() - 1);
        for (int r = 0; r < rows.size() - 1; r++) {
            int i = embeddingRow[r];
            String[] row = rows.get(r + 1);
            String value = row[label].strip();
            if (value.isEmpty()) {
                throw new SpliceInputException(labelsPath + ": line " + (r + 2) + ": empty label in column " + labelColumn);
            }
            Map<String, Object> metadata = new HashMap<>();
            metadata.put("row", Integer.toString(i));
            if (embeddingRow.length > 0 && joinColumn >= 0) {
                metadata.put("id", row[joinColumn].strip());
            }
            for (int k = 0; k < groups.length; k++) {
                metadata.put(groupColumns.get(k), row[groups[k]].strip());
            }
            list.add(new ArrayExample<>(outputFactory.generateOutput(value), names, x[i], metadata));
        }
        this.examples = Collections.unmodifiableList(list);
        this.created = OffsetDateTime.now();
    }

    private int joinColumn = -1;

    /** For each labels row, its embedding row. */
    private int[] join(List<String[]> rows, String[] header, int embeddings) {
        Path names = namesPath;
        if (names == null) {
            Path beside = Path.of(embeddingsPath + ".txt");
            names = Files.isRegularFile(beside) ? beside : null;
        }
        List<String> ids = new ArrayList<>();
        if (names == null) {
            if (idColumn != null) {
                throw SpliceInputException.forParameter("idColumn", "the embeddings " + embeddingsPath
                        + " have no names file to join " + idColumn + " with (namesPath)");
            }
            for (int r = 1; r < rows.size(); r++) {
                ids.add(Integer.toString(r - 1));
            }
            return EmbeddingJoin.rows(ids, null, embeddings, labelsPath, 2);
        }
        List<String> embeddingNames = InputFiles.readLines(names).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        joinColumn = idColumn != null ? column(header, idColumn, "id column") : -1;
        if (joinColumn < 0) {
            for (int c = 0; c < header.length && joinColumn < 0; c++) {
                int col = c;
                List<String> values = rows.subList(1, rows.size()).stream().map(row -> row[col]).toList();
                if (EmbeddingJoin.allNamed(values, embeddingNames)) {
                    joinColumn = c;
                }
            }
            if (joinColumn < 0) {
                throw SpliceInputException.forParameter("idColumn", "the embeddings are named (" + names + ") but no "
                        + "column of " + labelsPath + " holds those names: name the id column, rather than join by row order");
            }
        }
        for (int r = 1; r < rows.size(); r++) {
            ids.add(rows.get(r)[joinColumn].strip());
        }
        return EmbeddingJoin.rows(ids, embeddingNames, embeddings, labelsPath, 2);
    }

    private int column(String[] header, String name, String what) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equals(name)) {
                return i;
            }
        }
        throw new SpliceInputException(labelsPath + ": no " + what + " '" + name + "' (columns: "
                + String.join(", ", header) + ")");
    }

    /**
     * Reads a CSV file: a header and rows, fields separated by commas, double quotes for fields that hold
     * commas or quotes; UTF-8 with or without a byte-order mark, LF or CRLF line ends.
     * @param file the file
     * @return the header and the rows
     */
    public static List<String[]> readCsv(Path file) {
        List<String> lines = InputFiles.readLines(file);
        List<String[]> rows = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            rows.add(parseLine(lines.get(n), file, n + 1));
        }
        if (rows.isEmpty()) {
            throw new SpliceInputException(file + ": empty CSV file (a header line is required)");
        }
        return rows;
    }

    private static String[] parseLine(String line, Path file, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new SpliceInputException(file + ": line " + lineNumber + ": unterminated quoted field");
        }
        fields.add(cur.toString());
        return fields.toArray(new String[0]);
    }

    @Override
    public OutputFactory<T> getOutputFactory() {
        return outputFactory;
    }

    @Override
    public Iterator<Example<T>> iterator() {
        return examples.iterator();
    }

    /** @return the number of examples */
    public int size() {
        return examples.size();
    }

    @Override
    public DataSourceProvenance getProvenance() {
        return new EmbeddingDataSourceProvenance(this);
    }

    @Override
    public String toString() {
        return "EmbeddingDataSource(" + embeddingsPath + ", " + labelsPath + ", label=" + labelColumn + ")";
    }

    /** Provenance of an {@link EmbeddingDataSource}: its configuration, the files' hashes and its creation time. */
    public static final class EmbeddingDataSourceProvenance extends SkeletalConfiguredObjectProvenance
            implements DataSourceProvenance {
        private static final long serialVersionUID = 1L;
        private static final String EMBEDDINGS_HASH = "embeddings-" + RESOURCE_HASH;
        private static final String LABELS_HASH = "labels-" + RESOURCE_HASH;
        private final HashProvenance embeddingsHash;
        private final HashProvenance labelsHash;
        private final DateTimeProvenance creationTime;

        <T extends Output<T>> EmbeddingDataSourceProvenance(EmbeddingDataSource<T> host) {
            super(host, "DataSource");
            this.embeddingsHash = new HashProvenance(com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.HashType.SHA256,
                    EMBEDDINGS_HASH, FileDigests.sha256(host.embeddingsPath));
            this.labelsHash = new HashProvenance(com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil.HashType.SHA256,
                    LABELS_HASH, FileDigests.sha256(host.labelsPath));
            this.creationTime = new DateTimeProvenance(DATASOURCE_CREATION_TIME, host.created);
        }

        /**
         * For OLCUT's provenance unmarshalling.
         * @param map the fields
         */
        public EmbeddingDataSourceProvenance(Map<String, Provenance> map) {
            super(extract(map));
            this.embeddingsHash = (HashProvenance) map.get(EMBEDDINGS_HASH);
            this.labelsHash = (HashProvenance) map.get(LABELS_HASH);
            this.creationTime = (DateTimeProvenance) map.get(DATASOURCE_CREATION_TIME);
        }

        private static ExtractedInfo extract(Map<String, Provenance> map) {
            Map<String, Provenance> config = new HashMap<>(map);
            String className = ((StringProvenance) config.remove(CLASS_NAME)).getValue();
            String hostType = ((StringProvenance) config.remove(HOST_SHORT_NAME)).getValue();
            Map<String, PrimitiveProvenance<?>> instance = new HashMap<>();
            for (String key : List.of(EMBEDDINGS_HASH, LABELS_HASH, DATASOURCE_CREATION_TIME)) {
                instance.put(key, (PrimitiveProvenance<?>) config.remove(key));
            }
            return new ExtractedInfo(className, hostType, config, instance);
        }

        @Override
        public Map<String, PrimitiveProvenance<?>> getInstanceValues() {
            Map<String, PrimitiveProvenance<?>> m = super.getInstanceValues();
            m.put(EMBEDDINGS_HASH, embeddingsHash);
            m.put(LABELS_HASH, labelsHash);
            m.put(DATASOURCE_CREATION_TIME, creationTime);
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EmbeddingDataSourceProvenance p && super.equals(o) && embeddingsHash.equals(p.embeddingsHash)
                    && labelsHash.equals(p.labelsHash) && creationTime.equals(p.creationTime);
        }

        @Override
        public int hashCode() {
            return Objects.hash(super.hashCode(), embeddingsHash, labelsHash, creationTime);
        }
    }
}

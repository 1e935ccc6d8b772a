package io.github.splice4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splice4j.SpliceInputException;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import io.github.splice4j.solver.DictionaryMatrix;
import io.github.splice4j.solver.LassoResult;
import io.github.splice4j.solver.NonnegativeLassoSolver;
import io.github.splice4j.solver.WorkingSetLassoSolver;
import io.github.splice4j.solver.djl.NDArrayLassoSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code splice bench}: our solver against the reference's on the same generated CLIP-like problem.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the solver on a generated CLIP-like problem (real bundled image mean) and, where",
                "/usr/bin/python3 with scikit-learn is present, the reference solvers on the same arrays.",
                "Prints both throughputs, their ratio and the objective difference, then one JSON line."})
final class BenchCommand implements Runnable {
    /**
     * Warm-up passes before the timed ones: at least this many (after the one that makes the cpu solver's Gram matrix),
     * and for at least {@code --warmup-seconds}.
     */
    private static final int WARMUP_PASSES = 3;
    /** The warm-up goes on past the cpu solver's Gram matrix only while it has taken less than this. */
    private static final int GRAM_WARMUP_LIMIT_SECONDS = 60;
    /** Calls of one embedding before the timed ones. */
    private static final int SINGLE_WARMUP_CALLS = 2000;

    @Mixin
    GeneratedProblemOptions generated;

    @Option(names = "--l1", defaultValue = "0.25", description = "λ (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--peer-n", defaultValue = "40",
            description = "Embeddings (the first ones) solved by the reference sklearn loop; 0 skips it (default ${DEFAULT-VALUE}).")
    int peerN;

    @Option(names = "--peer-admm-n", defaultValue = "0",
            description = "Embeddings solved by the reference ADMM (forms a c × c matrix); 0 skips it (default ${DEFAULT-VALUE}).")
    int peerAdmmN;

    @Option(names = "--peer", description = "Path of splice_reference.py (default: ../shared/peer/splice_reference.py "
            + "from the current or the project directory, or $SPLICE_PEER).")
    Path peer;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python for the peer (default ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "Warm-up passes over the first 2,000"
            + " embeddings go on for at least this long and 3 passes; for the cpu solver, also for as long again after"
            + " the pass that makes its Gram matrix (after 4 embeddings per concept), unless the warm-up has taken 60 s"
            + " (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs after the warm-up passes (at least 3 over"
            + " the first 2,000 embeddings, and --warmup-seconds); the median is reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--save", description = "Keep the generated D.npy and Z.npy in this directory.")
    Path save;

    @Mixin
    SolverOptions solverOptions;

    @Override
    public void run() {
        Checks.lambda("--l1", lambda);
        Checks.positive("--repeats", repeats);
        Checks.nonNegative("--warmup-seconds", warmupSeconds);
        Checks.nonNegative("--peer-n", peerN);
        Checks.nonNegative("--peer-admm-n", peerAdmmN);
        if (peerN < 0 || peerAdmmN < 0) {
            throw new SpliceInputException("--peer-n/--peer-admm-n: must be ≥ 0");
        }
        GeneratedProblemOptions.Generated g = generated.generate(false);
        int n = generated.n;
        double[][] targets = g.targets();
        NonnegativeLassoSolver solver = solverOptions.build();
        String where = solver instanceof WorkingSetLassoSolver ws ? ws.threads() + " threads"
                : "device " + ((NDArrayLassoSolver) solver).device();
        int warmupN = Math.min(n, solver instanceof WorkingSetLassoSolver ? 2000 : 64);
        DictionaryMatrix d = g.dictionary().matrix();

        // warm-up passes over the first embeddings, apart from the timed ones: the first includes the JIT's compilation
        // of the kernels (reported on its own); on a 2-core machine the JIT went on compiling and recompiling the
        // solver for several seconds more, so the passes go on for at least --warmup-seconds and WARMUP_PASSES
        long t0 = System.nanoTime();
        double[][] warmupTargets = Arrays.copyOf(targets, warmupN);
        solver.solve(d, warmupTargets, lambda);
        double coldSeconds = (System.nanoTime() - t0) / 1e9;
        // the cpu solver makes the dictionary's Gram matrix at the start of a call once it has solved gramAfter
        // targets (4 per concept, within its budget), and the JIT then recompiles its code for the other path: after
        // that call, at least WARMUP_PASSES more passes and --warmup-seconds more, unless the warm-up has taken
        // GRAM_WARMUP_LIMIT_SECONDS (slow passes: small λ, where few targets read the Gram matrix)
        long gramAfter = solver instanceof WorkingSetLassoSolver ws ? ws.gramAfter(d) : -1;
        long solved = warmupN;
        long gramMade = gramAfter < 0 ? t0 : -1;
        int warmupPasses = 1;
        int passesSinceGram = WARMUP_PASSES;
        while (true) {
            long now = System.nanoTime();
            boolean warm = warmupPasses >= WARMUP_PASSES && now - t0 >= warmupSeconds * 1e9;
            boolean gramWarm = gramMade >= 0 && passesSinceGram >= WARMUP_PASSES && now - gramMade >= warmupSeconds * 1e9;
            if (warm && (gramWarm || now - t0 >= GRAM_WARMUP_LIMIT_SECONDS * 1e9)) {
                break;
            }
            boolean makesGram = gramMade < 0 && solved >= gramAfter;
            solver.solve(d, warmupTargets, lambda);
            warmupPasses++;
            solved += warmupN;
            passesSinceGram++;
            if (makesGram) {
                gramMade = System.nanoTime();
                passesSinceGram = 0;
            }
        }
        double warmupSeconds = (System.nanoTime() - t0) / 1e9;
        resetPeaks();
        List<LassoResult> ours = null;
        double[] times = new double[repeats];
        // (the warm-up above compiled the kernels / loaded the engine)
        for (int rep = 0; rep < repeats; rep++) {
            t0 = System.nanoTime();
            ours = solver.solve(d, targets, lambda, new StderrProgress("splice4j run " + (rep + 1) + "/" + repeats));
            times[rep] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        double seconds = times[repeats / 2];
        double oursRate = n / seconds;
        double meanL0 = ours.stream().mapToInt(LassoResult::l0).average().orElse(0);
        double maxGap = ours.stream().mapToDouble(LassoResult::relativeGap).max().orElse(0);
        long unconverged = ours.stream().filter(r -> !r.converged()).count();

        // one embedding per call (an online service's case): warm up, then the median and 90th percentile
        int singles = Math.min(n, 1000);
        for (int i = 0; i < SINGLE_WARMUP_CALLS; i++) {
            solver.solve(d, targets[i % n], lambda);
        }
        double[] singleMs = new double[singles];
        for (int i = 0; i < singles; i++) {
            long s0 = System.nanoTime();
            solver.solve(d, targets[i], lambda);
            singleMs[i] = (System.nanoTime() - s0) / 1e6;
        }
        Arrays.sort(singleMs);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("single_ms_median", Json.round(singleMs[singles / 2], 4));
        json.put("single_ms_p90", Json.round(singleMs[(int) (singles * 0.9)], 4));
        json.put("concepts", generated.concepts);
        json.put("dim", generated.dim);
        json.put("n", n);
        json.put("l1", lambda);
        json.put("where", where);
        json.put("solver", solver.describe());
        json.put("mean_rounds", ours.stream().mapToInt(LassoResult::rounds).average().orElse(0));
        if (solver instanceof NDArrayLassoSolver djl) {
            // all rows of a batch iterate together until the last one is done
            int b = djl.batchSizeFor(d.concepts());
            long iterations = 0;
            for (int s = 0; s < n; s += b) {
                iterations += ours.subList(s, Math.min(n, s + b)).stream().mapToInt(LassoResult::rounds).max().orElse(0);
            }
            json.put("iterations", iterations);
            json.put("ms_per_iteration", Json.round(1000 * seconds / Math.max(1, iterations), 4));
            json.put("batch", b);
        }
        json.put("per_second", Json.round(oursRate, 5));
        json.put("seconds", Json.round(seconds, 5));
        json.put("repeats", repeats);
        json.put("warmup_seconds_incl_jit", Json.round(coldSeconds, 4));
        json.put("warmup_n", warmupN);
        json.put("warmup_passes", warmupPasses);
        json.put("gram_after", gramAfter);
        json.put("warmup_seconds", Json.round(warmupSeconds, 4));
        json.put("mean_l0", meanL0);
        json.put("max_rel_gap", maxGap);
        json.put("unconverged", unconverged);
        json.put("peak_heap_mb", Json.round(peakHeapBytes() / 1048576.0, 4));
        json.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576);

        System.out.printf("splice4j   %,10.1f embeddings/s  (n = %d, %s, %s, mean l0 %.2f, max relative gap %.1e)%n",
                oursRate, n, solverOptions.solver, where, meanL0, maxGap);
        System.out.printf("splice4j   %10.3f ms per single embedding (median of %d calls; 90th percentile %.3f ms)%n",
                singleMs[singles / 2], singles, singleMs[(int) (singles * 0.9)]);
        Path script = findPeer();
        boolean peerReady = false;
        if (script == null) {
            System.out.println("peer       skipped: splice_reference.py not found (use --peer)");
            json.put("peer", "not found");
        } else if (!pythonHasSklearn()) {
            System.out.println("peer       skipped: " + python + " with scikit-learn not available "
                    + "(apt-get install -y python3-sklearn)");
            json.put("peer", "no sklearn");
        } else {
            peerReady = true;
        }
        if (save != null || peerReady && (peerN > 0 || peerAdmmN > 0)) {
            Path dir = null;
            OutputTransaction tx = save != null ? new OutputTransaction() : null;
            try {
                dir = tx != null ? tx.directory(save, "--save") : Files.createTempDirectory("splice-bench");
                Path dPath = dir.resolve("D.npy");
                Path zPath = dir.resolve("Z.npy");
                double[][] rows = new double[d.concepts()][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = d.row(i);
                }
                Npy.write(dPath, rows, NpyDType.FLOAT64);
                Npy.write(zPath, targets, NpyDType.FLOAT64);
                if (peerReady && peerN > 0) {
                    json.put("sklearn", runPeer(script, dir, "skl", Math.min(peerN, n), ours, oursRate, d, targets));
                }
                if (peerReady && peerAdmmN > 0) {
                    json.put("admm", runPeer(script, dir, "admm", Math.min(peerAdmmN, n), ours, oursRate, d, targets));
                }
                if (tx != null) {
                    tx.commit();
                }
            } catch (IOException e) {
                throw new SpliceInputException("bench: cannot write the problem files: " + e.getMessage(), e);
            } finally {
                if (tx != null) {
                    tx.close();
                } else if (dir != null) {
                    deleteTree(dir);
                }
            }
        }
        System.out.println(Json.line(json));
    }

    private Map<String, Object> runPeer(Path script, Path dir, String which, int count, List<LassoResult> ours,
                                       double oursRate, DictionaryMatrix d, double[][] targets) throws IOException {
        Path wPath = dir.resolve("W_" + which + ".npy");
        List<String> cmd = List.of(python, script.toString(), "--dictionary", dir.resolve("D.npy").toString(),
                "--embeddings", dir.resolve("Z.npy").toString(), "--l1", Double.toString(lambda), "--solver", which,
                "--limit", Integer.toString(count), "--out", wPath.toString());
        System.err.println("running the reference " + which + " solver on " + count + " embeddings: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (rc != 0) {
            throw new IllegalStateException("the reference " + which + " solver failed (exit " + rc + "): " + out);
        }
        JsonNode peerJson = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
        double peerRate = peerJson.get("per_second").asDouble();
        double[][] w = Npy.readMatrix(wPath);
        double maxRel = Double.NEGATIVE_INFINITY;
        double sumRel = 0;
        double oursMean = 0;
        for (int i = 0; i < count; i++) {
            LassoResult r = ours.get(i);
            double peerObjective = objective(d, targets[i], w[i]);
            double rel = (r.objective() - peerObjective) / peerObjective;
            maxRel = Math.max(maxRel, rel);
            sumRel += rel;
            oursMean += r.objective() / count;
        }
        double ratio = oursRate / peerRate;
        System.out.printf("%-10s %,10.2f embeddings/s  (n = %d)   splice4j is %,.0f× faster%n", which, peerRate, count, ratio);
        System.out.printf("           objective on these %d: splice4j mean %.9f, %s mean %.9f; (ours − peer) / peer per "
                + "embedding: max %.2e, mean %.2e (negative: ours lower)%n", count, oursMean, which,
                peerJson.get("mean_objective").asDouble(), maxRel, sumRel / count);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", count);
        m.put("per_second", peerRate);
        m.put("speedup", Json.round(ratio, 5));
        m.put("mean_objective", peerJson.get("mean_objective").asDouble());
        m.put("ours_mean_objective", oursMean);
        m.put("max_rel_objective_diff", maxRel);
        m.put("mean_rel_objective_diff", sumRel / count);
        m.put("mean_l0", peerJson.get("mean_l0").asDouble());
        return m;
    }

    /** The objective {@code ||Dᵀw − z||² + λ||w||₁} of a dense weight vector (the peer's). */
    private double objective(DictionaryMatrix d, double[] z, double[] w) {
        int nnz = 0;
        for (double v : w) {
            nnz += v != 0 ? 1 : 0;
        }
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        double l1 = 0;
        for (int i = 0, k = 0; i < w.length; i++) {
            if (w[i] != 0) {
                idx[k] = i;
                val[k++] = w[i];
                l1 += Math.abs(w[i]);
            }
        }
        double[] dw = d.combine(idx, val);
        double rr = 0;
        for (int j = 0; j < z.length; j++) {
            double r = z[j] - dw[j];
            rr += r * r;
        }
        return rr + lambda * l1;
    }

    private Path findPeer() {
        if (peer != null) {
            if (!Files.isRegularFile(peer)) {
                throw new SpliceInputException("--peer: " + peer + " does not exist");
            }
            return peer;
        }
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("SPLICE_PEER");
        if (env != null) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("..", "shared", "peer", "splice_reference.py"));
        String home = System.getProperty("splice.home");
        if (home != null) {
            candidates.add(Path.of(home, "..", "shared", "peer", "splice_reference.py"));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private boolean pythonHasSklearn() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sklearn, scipy, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}

package io.github.splice4j.solver;

import io.github.splice4j.ProgressListener;
import io.github.splice4j.SpliceInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Solves each target at the λ that gives a chosen number of non-zero concepts (l0 = k), or the nearest
 * achievable count. From a first solve at λ = 0.25 it doubles or halves λ until l0 is bracketed
 * (never below {@code λ_max·1e-4}), then bisects on log λ; all targets step together in one batched
 * solve, each warm-started from its previous solution. The λ used is in each result's
 * {@link LassoResult#lambda()}.
 */
public final class TargetSparsity {
    /** The most bisection steps per target. */
    public static final int MAX_STEPS = 40;

    private TargetSparsity() {
    }

    /**
     * @param solver the solver (warm-started at each step)
     * @param dictionary {@code D}
     * @param targets the targets
     * @param k the wanted number of non-zero weights (≥ 1)
     * @param progress told how many targets are settled after each step
     * @return per target, the solution whose l0 is k, or else the closest found (the sparser one on a tie)
     */
    public static List<LassoResult> solveForL0(NonnegativeLassoSolver solver, DictionaryMatrix dictionary,
                                                double[][] targets, int k, ProgressListener progress) {
        if (k < 1 || k > dictionary.concepts()) {
            throw SpliceInputException.forParameter("targetL0", "must be between 1 and the number of concepts ("
                    + dictionary.concepts() + "), got " + k);
        }
        int n = targets.length;
        // λ_max of every target, from a first solve at half of a typical λ
        double[] start = new double[n];
        Arrays.fill(start, 0.25);
        LassoResult[] current = solver.solve(dictionary, targets, start, null, ProgressListener.NONE)
                .toArray(new LassoResult[0]);
        LassoResult[] best = current.clone();
        double[] logHi = new double[n];
        double[] logLo = new double[n];
        boolean[] settled = new boolean[n];
        boolean[] bracketedHi = new boolean[n];
        boolean[] bracketedLo = new boolean[n];
        for (int i = 0; i < n; i++) {
            double lambdaMax = current[i].lambdaMax();
            if (!(lambdaMax > 0)) {
                settled[i] = true;
                continue;
            }
            logHi[i] = Math.log(lambdaMax);
            logLo[i] = Math.log(lambdaMax * 1e-4);
            narrow(i, current[i], k, logHi, logLo, bracketedHi, bracketedLo);
            settled[i] = current[i].l0() == k;
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!settled[i]) {
                    open.add(i);
                }
            }
            progress.progress(n - open.size(), n);
            if (open.isEmpty()) {
                break;
            }
            double[][] rows = new double[open.size()][];
            double[] lambdas = new double[open.size()];
            LassoResult[] warm = new LassoResult[open.size()];
            for (int t = 0; t < open.size(); t++) {
                int i = open.get(t);
                rows[t] = targets[i];
                lambdas[t] = next(current[i], k, logHi[i], logLo[i], bracketedHi[i], bracketedLo[i]);
                warm[t] = current[i];
            }
            List<LassoResult> results = solver.solve(dictionary, rows, lambdas, warm, ProgressListener.NONE);
            for (int t = 0; t < open.size(); t++) {
                int i = open.get(t);
                LassoResult r = results.get(t);
                current[i] = r;
                if (closer(r, best[i], k)) {
                    best[i] = r;
                }
                narrow(i, r, k, logHi, logLo, bracketedHi, bracketedLo);
                settled[i] = r.l0() == k || logHi[i] - logLo[i] < 1e-9;
            }
        }
        progress.progress(n, n);
        return Arrays.asList(best);
    }

    private static void narrow(int i, LassoResult r, int k, double[] logHi, double[] logLo, boolean[] bracketedHi,
                               boolean[] bracketedLo) {
        double logLambda = Math.log(r.lambda());
        if (r.l0() > k) {
            logLo[i] = Math.max(logLo[i], logLambda);
            bracketedLo[i] = true;
        } else if (r.l0() < k) {
            logHi[i] = Math.min(logHi[i], logLambda);
            bracketedHi[i] = true;
        }
    }

    /** Doubles or halves λ until both sides of k have been seen, then bisects on log λ. */
    private static double next(LassoResult current, int k, double logHi, double logLo, boolean bracketedHi,
                               boolean bracketedLo) {
        double logLambda = Math.log(current.lambda());
        if (bracketedHi && bracketedLo) {
            return Math.exp((logHi + logLo) / 2);
        }
        double step = current.l0() < k ? -Math.log(2) : Math.log(2);
        return Math.exp(Math.min(logHi, Math.max(logLo, logLambda + step)));
    }

    private static boolean closer(LassoResult candidate, LassoResult best, int k) {
        int dc = Math.abs(candidate.l0() - k);
        int db = Math.abs(best.l0() - k);
        return dc < db || (dc == db && candidate.l0() < best.l0());
    }
}

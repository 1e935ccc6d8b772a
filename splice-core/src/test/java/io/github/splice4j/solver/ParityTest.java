package io.github.splice4j.solver;

import io.github.splice4j.npy.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with the SpLiCE reference solvers on committed fixtures made by
 * {@code scripts/make-parity-fixtures.sh} (the exact peer command is stored beside each fixture).
 */
class ParityTest {

    static Path fixture(String name) {
        try {
            return Path.of(ParityTest.class.getResource("/io/github/splice4j/parity/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double objective(DictionaryMatrix d, double[] z, double[] w, double lambda) {
        double[] r = z.clone();
        double l1 = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                l1 += Math.abs(w[i]);
                for (int j = 0; j < r.length; j++) {
                    r[j] -= w[i] * d.get(i, j);
                }
            }
        }
        double rr = 0;
        for (double v : r) {
            rr += v * v;
        }
        return rr + lambda * l1;
    }

    @ParameterizedTest(name = "{0} {1} λ={2}")
    @CsvSource({"c2000, skl, 0.25", "c2000, skl, 0.1", "c2000, admm, 0.25",
            "c300, skl, 0.25", "c300, skl, 0.05", "c300, admm, 0.25"})
    void objectiveIsWithinOneInTenThousandOfTheReferenceOrLower(String problem, String peer, double lambda) throws Exception {
        Path dir = fixture(problem);
        DictionaryMatrix d = DictionaryMatrix.of(Npy.readMatrix(dir.resolve("D.npy")), "D.npy");
        double[][] z = Npy.readMatrix(dir.resolve("Z.npy"));
        String tag = peer + "_" + lambda;
        double[][] ref = Npy.readMatrix(dir.resolve("W_" + tag + ".npy"));
        assertEquals(d.concepts(), ref[0].length);
        double[][] targets = Arrays.copyOf(z, ref.length);
        List<LassoResult> ours = WorkingSetLassoSolver.create().solve(d, targets, lambda);

        double refMean = 0;
        double oursMean = 0;
        for (int i = 0; i < ref.length; i++) {
            LassoResult r = ours.get(i);
            double refObjective = objective(d, targets[i], ref[i], lambda);
            // the task's parity bar: within 1e-5 (relative) of the reference, or lower
            assertTrue(r.objective() <= refObjective * (1 + 1e-5),
                    "row " + i + ": ours " + r.objective() + " vs reference " + refObjective);
            assertTrue(r.relativeGap() <= 1e-6, "row " + i + " gap " + r.relativeGap());
            DualityGap.Certificate cert = DualityGap.certify(d, targets[i], r);
            assertTrue(cert.relativeGap() <= 1e-6, "independent gap " + cert.relativeGap());
            assertEquals(r.objective(), cert.objective(), 1e-12);
            // every concept the reference weights clearly is in our support too
            for (int c = 0; c < ref[i].length; c++) {
                if (ref[i][c] > 1e-3) {
                    assertTrue(r.weight(c) > 0, "row " + i + ": reference concept " + c + " (" + ref[i][c] + ") missing");
                }
            }
            refMean += refObjective / ref.length;
            oursMean += r.objective() / ref.length;
        }
        // the reference's own report of its mean objective (float64 weights) matches what we recompute
        String json = Files.readString(dir.resolve("W_" + tag + ".json"));
        Matcher m = Pattern.compile("\"mean_objective\": ([0-9.eE+-]+)").matcher(json);
        assertTrue(m.find());
        double reported = Double.parseDouble(m.group(1));
        assertEquals(reported, refMean, 1e-5 * reported);
        assertTrue(oursMean <= reported * (1 + 1e-6), "mean objective " + oursMean + " vs reference " + reported);
    }
}

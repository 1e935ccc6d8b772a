package io.github.splice4j.solver;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * The solver's batch products through ND4J: one {@code sgemm} (OpenBLAS) of the m × d targets against the
 * c × d dictionary, held off-heap in single precision, then a copy of the m × c result back into the solver's
 * array. For the comparison in {@link Nd4jProductsProbe} only.
 */
final class Nd4jProducts implements WorkingSetLassoSolver.Products {
    private final INDArray dictionary;
    private final int concepts;
    private final int dimension;
    private final Map<Integer, INDArray> outputs = new HashMap<>();

    Nd4jProducts(DictionaryMatrix dict) {
        this.concepts = dict.concepts();
        this.dimension = dict.dimension();
        float[] rows = new float[concepts * dimension];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) dict.data[i];
        }
        this.dictionary = Nd4j.create(rows, new long[] {concepts, dimension}, 'c');
    }

    @Override
    public void multiply(float[] a, int m, DictionaryMatrix dict, float[] out) {
        float[] rows = a.length == m * dimension ? a : java.util.Arrays.copyOf(a, m * dimension);
        INDArray targets = Nd4j.create(rows, new long[] {m, dimension}, 'c');
        INDArray result = outputs.computeIfAbsent(m, k -> Nd4j.create(DataType.FLOAT, k, concepts).dup('c'));
        Nd4j.gemm(targets, dictionary, result, false, true, 1.0, 0.0);
        new FloatPointer(result.data().addressPointer()).get(out, 0, m * concepts);
        targets.close();
    }

    @Override
    public String name() {
        return "nd4j-" + Nd4j.factory().blas().getBlasVendor();
    }
}

package io.github.splice4j.internal;

/** Small dense-vector helpers in double precision: norms, normalising, cosine. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * @param a a vector
     * @param b a vector of the same length
     * @return {@code ⟨a, b⟩}
     */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * @param a a vector
     * @return its Euclidean norm
     */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /**
     * L2-normalises a vector in place; a zero vector stays zero (as {@code torch.nn.functional.normalize}).
     * @param a the vector
     * @return {@code a}
     */
    public static double[] normalizeInPlace(double[] a) {
        double n = norm(a);
        if (n > 0) {
            for (int i = 0; i < a.length; i++) {
                a[i] /= n;
            }
        }
        return a;
    }

    /**
     * @param a a vector
     * @return a normalised copy
     */
    public static double[] normalized(double[] a) {
        return normalizeInPlace(a.clone());
    }

    /**
     * @param a a vector
     * @param b a vector of the same length
     * @return the cosine similarity, 0 when either is zero
     */
    public static double cosine(double[] a, double[] b) {
        double na = norm(a);
        double nb = norm(b);
        return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0.0;
    }
}

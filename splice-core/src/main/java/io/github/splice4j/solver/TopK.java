package io.github.splice4j.solver;

/** Partial selection of the largest values in O(n log k), nearly O(n) when k ≪ n. */
final class TopK {
    private TopK() {
    }

    /**
     * The indices of the {@code k} largest of {@code values[off .. off + n)}, largest first, ties to the
     * lower index.
     */
    static int[] select(float[] values, int off, int n, int k) {
        return select(values, off, n, k, Kernels.current());
    }

    /**
     * As {@link #select(float[], int, int, int)}, with {@code kernels} for the scans. Where there are at least
     * 64 values for each one wanted, the k-th largest maximum of blocks of 16 is a floor that at least k values
     * reach, and only the values that reach it (one {@link Kernels#atLeast} scan) go through the heap. Otherwise
     * the scan skips the values that cannot enter the full heap: an index past every kept one is stronger than
     * the weakest kept entry only if its value is strictly greater, so the next candidate is
     * {@link Kernels#firstAbove} the weakest value.
     */
    static int[] select(float[] values, int off, int n, int k, Kernels kernels) {
        k = Math.min(k, n);
        if (k <= 0) {
            return new int[0];
        }
        // min-heap on (value, -index): the root is the weakest kept entry
        int[] heap = new int[k];
        int size = 0;
        int blocks = n / BLOCK;
        if (blocks >= 4 * k) {
            // the k-th largest of the blocks' maxima: at least k values reach it, so the k largest are among
            // the values that do, found by one scan; they come in increasing index, so a later one enters the
            // heap only if strictly stronger in value
            float[] maxima = new float[blocks];
            for (int b = 0; b < blocks; b++) {
                maxima[b] = kernels.max(values, off + b * BLOCK, BLOCK);
            }
            float floor = kthLargest(maxima, k);
            int[] candidates = new int[4 * k];
            int count = kernels.atLeast(values, off, n, floor, candidates);
            if (count > candidates.length) {
                candidates = new int[count];
                kernels.atLeast(values, off, n, floor, candidates);
            }
            for (int p = 0; p < count; p++) {
                int i = candidates[p];
                if (size < k) {
                    heap[size] = i;
                    siftUp(values, off, heap, size++);
                } else if (values[off + i] > values[off + heap[0]]) {
                    heap[0] = i;
                    siftDown(values, off, heap, size);
                }
            }
        } else {
            for (int i = 0; i < k; i++) {
                heap[size] = i;
                siftUp(values, off, heap, size++);
            }
            for (int i = kernels.firstAbove(values, off, k, n, values[off + heap[0]]); i < n;
                 i = kernels.firstAbove(values, off, i + 1, n, values[off + heap[0]])) {
                heap[0] = i;
                siftDown(values, off, heap, size);
            }
        }
        int[] out = new int[size];
        for (int p = size - 1; p >= 0; p--) {
            out[p] = heap[0];
            heap[0] = heap[p];
            siftDown(values, off, heap, p);
        }
        return out;
    }

    /** Values per block whose maximum bounds the selection from below. */
    private static final int BLOCK = 16;

    /** @return the k-th largest of {@code a} (1 ≤ k ≤ a.length), reordering {@code a} (quickselect) */
    static float kthLargest(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1;
        while (lo < hi) {
            float pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] > pivot) {
                    i++;
                }
                while (a[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    private static boolean stronger(float[] v, int off, int a, int b) {
        float va = v[off + a];
        float vb = v[off + b];
        return va > vb || (va == vb && a < b);
    }

    private static void siftUp(float[] v, int off, int[] heap, int p) {
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (stronger(v, off, heap[parent], heap[p])) {
                int t = heap[parent];
                heap[parent] = heap[p];
                heap[p] = t;
                p = parent;
            } else {
                break;
            }
        }
    }

    private static void siftDown(float[] v, int off, int[] heap, int size) {
        int p = 0;
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int weakest = l;
            int r = l + 1;
            if (r < size && stronger(v, off, heap[l], heap[r])) {
                weakest = r;
            }
            if (stronger(v, off, heap[p], heap[weakest])) {
                int t = heap[p];
                heap[p] = heap[weakest];
                heap[weakest] = t;
                p = weakest;
            } else {
                return;
            }
        }
    }
}

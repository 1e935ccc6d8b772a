package io.github.splice4j.npy;

import java.nio.ByteOrder;

/**
 * The element types Splice4J reads and writes: IEEE float16 (LAION's embedding shards), float32 and float64, in
 * either byte order.
 */
public enum NpyDType {
    /** 16-bit IEEE float (NumPy's {@code float16}), decoded exactly. */
    FLOAT16(2),
    /** 32-bit IEEE float. */
    FLOAT32(4),
    /** 64-bit IEEE float. */
    FLOAT64(8);

    private final int bytes;

    NpyDType(int bytes) {
        this.bytes = bytes;
    }

    /** @return the size of one element in bytes */
    public int bytes() {
        return bytes;
    }

    /**
     * The NumPy {@code descr} string for this type in the given byte order.
     * @param order the byte order
     * @return for example {@code <f4}
     */
    public String descr(ByteOrder order) {
        return (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + "f" + bytes;
    }
}

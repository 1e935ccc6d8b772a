package io.github.splice4j.concepts;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.Vectors;
import io.github.splice4j.npy.Npy;
import io.github.splice4j.npy.NpyDType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmbeddingMeanTest {
    @TempDir
    Path dir;

    @Test
    void bundledMeansHaveTheReferenceNorms() {
        // norms computed with numpy from ../shared/splice-data/means/*.npy
        assertEquals(0.6841621, Vectors.norm(EmbeddingMean.bundled("clip:ViT-B-32").values()), 1e-6);
        assertEquals(0.7016328, Vectors.norm(EmbeddingMean.bundled("clip:ViT-B-16").values()), 1e-6);
        assertEquals(0.62175924, Vectors.norm(EmbeddingMean.bundled("clip:RN50").values()), 1e-6);
        assertEquals(0.5601161, Vectors.norm(EmbeddingMean.bundled("open_clip:ViT-B-32").values()), 1e-6);
        assertEquals(1024, EmbeddingMean.bundled("clip:RN50").dimension());
    }

    @Test
    void userMeanFromNpyAndErrors() {
        Path p = dir.resolve("m.npy");
        Npy.write(p, new double[][] {{0.5, 0.25}}, NpyDType.FLOAT32);
        assertArrayEquals(new double[] {0.5, 0.25}, EmbeddingMean.load(p.toString()).values(), 0.0);
        assertThrows(SpliceInputException.class, () -> EmbeddingMean.load("clip:ViT-L-14"));
        assertThrows(SpliceInputException.class, () -> EmbeddingMean.bundledForDimension(768));
    }
}

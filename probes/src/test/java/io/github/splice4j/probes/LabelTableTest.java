package io.github.splice4j.probes;

import io.github.splice4j.SpliceInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelTableTest {
    @TempDir
    Path dir;

    @Test
    void waterbirdsMetadataReadsAsIs() throws IOException {
        Path meta = Files.write(dir.resolve("metadata.csv"), List.of("img_id,img_filename,y,split,place,place_filename",
                "1,001.Black_footed_Albatross/a.jpg,1,0,1,/o/ocean/1.jpg", "2,b.jpg,0,0,0,/f/forest/2.jpg",
                "3,c.jpg,1,2,0,/f/forest/3.jpg"));
        LabelTable t = LabelTable.read(meta, "y", List.of("place"), 3);
        assertArrayEquals(new int[] {0, 1}, t.rows(Split.TRAIN));
        assertArrayEquals(new int[] {2}, t.rows(Split.TEST));
        assertEquals(List.of("1"), t.labels(t.rows(Split.TEST)));
        assertEquals(List.of("place=0"), t.groups(t.rows(Split.TEST)));
    }

    @Test
    void celebaAttributeAndPartitionFiles() throws IOException {
        Path attrs = Files.write(dir.resolve("list_attr_celeba.txt"), List.of("2", "Eyeglasses Male Smiling",
                "000001.jpg  -1  1 -1", "000002.jpg   1 -1  1"));
        Path part = Files.write(dir.resolve("list_eval_partition.txt"), List.of("000001.jpg 0", "000002.jpg 2"));
        LabelTable t = LabelTable.readCelebA(attrs, part, "Eyeglasses", List.of("Male"), 2);
        assertEquals(List.of("-1"), t.labels(t.rows(Split.TRAIN)));
        assertEquals(List.of("Male=-1"), t.groups(t.rows(Split.TEST)));
        assertTrue(assertThrows(SpliceInputException.class, () -> LabelTable.readCelebA(attrs, part, "Glasses", List.of(), 2))
                .getMessage().contains("no column 'Glasses'"));
        Path bad = Files.write(dir.resolve("bad.txt"), List.of("2", "Eyeglasses Male", "000001.jpg -1", "000002.jpg 1 1"));
        assertTrue(assertThrows(SpliceInputException.class, () -> LabelTable.readCelebA(bad, null, "Male", List.of(), 2))
                .getMessage().contains("line 3"));
        assertTrue(assertThrows(SpliceInputException.class, () -> LabelTable.readCelebA(attrs, part, "Male", List.of(), 5))
                .getMessage().contains("2 images, but there are 5 embeddings"));
    }

    @Test
    void badCsvRowsAreNamedWithTheirLine() throws IOException {
        Path csv = Files.write(dir.resolve("l.csv"), List.of("label,split", "a,train", "b,somewhere"));
        assertTrue(assertThrows(SpliceInputException.class, () -> LabelTable.read(csv, "label", List.of(), 2))
                .getMessage().contains("line 3: unknown split 'somewhere'"));
        Path empty = Files.write(dir.resolve("e.csv"), List.of("label", "a", ""));
        assertThrows(SpliceInputException.class, () -> LabelTable.read(empty, "label", List.of(), 2));
    }
}

package io.github.splice4j.concepts;

import io.github.splice4j.SpliceInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConceptVocabularyTest {
    @TempDir
    Path dir;

    @Test
    void laionKeepsTheLastKLinesLikeTheReference() {
        ConceptVocabulary all = ConceptVocabulary.bundled("laion", -1);
        assertEquals(37_445, all.size());
        ConceptVocabulary k = ConceptVocabulary.bundled("laion", ConceptVocabulary.DEFAULT_SIZE);
        assertEquals(10_000, k.size());
        // the most frequent concepts are at the end of the file
        assertEquals(all.name(37_444), k.name(9_999));
        assertEquals(all.name(27_445), k.name(0));
        assertTrue(k.indexOf("bamboo") >= 0 && k.indexOf("eyewear") >= 0 && k.indexOf("motorbike") >= 0);
        assertEquals(-1, k.indexOf("no such concept at all"));
        assertEquals(37_445, ConceptVocabulary.load("laion", ConceptVocabulary.parseSize("all")).size());
    }

    @Test
    void bundledVocabulariesLoad() {
        assertEquals(15_000, ConceptVocabulary.bundled("laion_bigrams", -1).size());
        ConceptVocabulary coco = ConceptVocabulary.bundled("mscoco", -1);
        assertEquals(1, coco.blankLines());
        assertEquals(coco.lineCount() - 1, coco.size());
        assertTrue(ConceptVocabulary.bundled("laion_bigrams", -1).indexOf("bamboo forest") >= 0
                || ConceptVocabulary.bundled("laion_bigrams", -1).indexOf("forest landscape") >= 0);
    }

    @Test
    void userFileDropsAndReportsBlankAndRepeatedLines() throws IOException {
        Path f = Files.writeString(dir.resolve("v.txt"), "cat\n\ndog\n  cat  \nbird\n\n");
        ConceptVocabulary v = ConceptVocabulary.fromFile(f, -1);
        assertEquals(List.of("cat", "dog", "bird"), v.names());
        assertEquals(2, v.blankLines());
        assertEquals(List.of("cat"), v.duplicates());
        assertEquals(6, v.lineCount());
        assertEquals(4, v.lineOfConcept(2));
        assertTrue(v.summary().contains("2 blank lines dropped") && v.summary().contains("repeated"), v.summary());
    }

    @Test
    void badVocabulariesAreClearErrors() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        assertTrue(assertThrows(SpliceInputException.class, () -> ConceptVocabulary.fromFile(empty, -1))
                .getMessage().contains("empty"));
        assertTrue(assertThrows(SpliceInputException.class, () -> ConceptVocabulary.load("laoin", 10))
                .getMessage().contains("laoin"));
        assertThrows(SpliceInputException.class, () -> ConceptVocabulary.parseSize("0"));
        assertThrows(SpliceInputException.class, () -> ConceptVocabulary.parseSize("ten"));
        assertEquals(-1, ConceptVocabulary.parseSize("-1"));
    }
}

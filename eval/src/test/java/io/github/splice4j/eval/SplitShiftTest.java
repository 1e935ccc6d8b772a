package io.github.splice4j.eval;

import io.github.splice4j.decompose.Decomposition;
import io.github.splice4j.probes.Split;
import io.github.splice4j.testkit.PlantedScenario;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SplitShiftTest {
    @Test
    void splitNamesAreTheSameInATurkishLocale() {
        PlantedScenario s = PlantedScenario.placeAndEyes();
        List<Decomposition> rows = s.decomposer().decompose(java.util.Arrays.copyOf(s.train().embeddings(), 6));
        List<String> classes = Collections.nCopies(6, "bird");
        List<Split> splits = List.of(Split.TRAIN, Split.TRAIN, Split.VAL, Split.VAL, Split.TEST, Split.TEST);
        String concept = rows.get(0).concepts().get(0).name();
        Locale before = Locale.getDefault();
        Map<String, Map<String, Double>> cosines;
        Map<String, Map<String, Double>> prevalence;
        try {
            // in Turkish, "TRAIN".toLowerCase() is "traın", with a dotless i
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            cosines = SplitShift.meanVectorCosines(rows, classes, splits, s.vocabulary().size());
            prevalence = SplitShift.prevalence(rows, classes, splits, concept);
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(Set.of("train~val", "train~test", "val~test"), cosines.get("bird").keySet());
        assertEquals(Set.of("train", "val", "test"), prevalence.get("bird").keySet());
    }
}

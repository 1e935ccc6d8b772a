package io.github.splice4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    private record Row(double lambda, int l0) {
    }

    /** The streamed line is what databind writes for the same value: escapes, number forms, NaN, null, nesting. */
    @Test
    void plainValuesAreWrittenAsDatabindWritesThem() throws Exception {
        List<Object> list = new ArrayList<>(Arrays.asList(1, 2L, 3.5, -0.0, 1e-300, Double.NaN, Double.POSITIVE_INFINITY,
                1.25f, (short) 7, (byte) -3, null, true, "tab\tnew\nline \"quoted\" back\\slash \u0001 λ ü €"));
        Map<String, Object> value = Json.object("n", 20000L, "seconds", Json.round(4.762271234, 6),
                "per_second", 4199.68, "max_rel_gap", 1.489435968242536E-15, "list", list,
                "nested", Json.object("a", new double[] {0.1, Double.NaN}, "b", new int[] {1, -2}, "c", new long[] {3L},
                        "empty", Map.of(), "none", null), "text", "");
        assertEquals(new ObjectMapper().writeValueAsString(value), Json.line(value));
    }

    /** Values databind serialises by reflection (records) still come out, through databind. */
    @Test
    void otherValuesGoThroughDatabind() throws Exception {
        Map<String, Object> value = Json.object("rows", List.of(new Row(0.25, 8)), "x", 1);
        assertEquals("{\"rows\":[{\"lambda\":0.25,\"l0\":8}],\"x\":1}", Json.line(value));
        assertEquals(new ObjectMapper().writeValueAsString(value), Json.line(value));
    }
}

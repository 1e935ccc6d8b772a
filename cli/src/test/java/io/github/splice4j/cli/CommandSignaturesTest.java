package io.github.splice4j.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * picocli reflects over the methods of a command and of its mixins when it builds the command line, which loads every
 * type those methods name. A Spark or DJL type there makes the class loader open the jars of the class path up to
 * Spark's or DJL's (up to 209 jars) in every run of that command, whether or not it uses them. The commands that need
 * neither keep such types out of their own methods and their mixins' (in nested helper classes, or in
 * {@link SparkCommand}).
 */
class CommandSignaturesTest {
    /**
     * Commands that run without Spark and without DJL. ({@code decompose} and {@code sweep} are not among them: their
     * encoder options open a text encoder, whose type is splice-djl's.)
     */
    private static final List<Class<?>> PLAIN = List.of(SolveCommand.class, PathCommand.class, GenerateCommand.class,
            BenchCommand.class);
    /** Spark, DJL, and the modules built on them (splice-spark; splice-djl's solver and encoders). */
    private static final Set<String> HEAVY = Set.of("org.apache.spark.", "scala.", "ai.djl.", "ai.onnxruntime.",
            "io.github.splice4j.spark.", "io.github.splice4j.solver.djl.", "io.github.splice4j.encode.");

    @Test
    void plainCommandsNameNoSparkOrDjlTypeInTheirMethods() {
        List<String> found = new ArrayList<>();
        for (Class<?> command : PLAIN) {
            check(command, found);
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckSeesAHeavyType() {
        List<String> found = new ArrayList<>();
        check(SparkCommand.class, found);
        assertFalse(found.isEmpty(), "SparkCommand's methods name splice-spark's types");
    }

    private static void check(Class<?> type, List<String> found) {
        for (Method m : type.getDeclaredMethods()) {
            List<Class<?>> named = new ArrayList<>(List.of(m.getParameterTypes()));
            named.add(m.getReturnType());
            for (Class<?> t : named) {
                if (HEAVY.stream().anyMatch(t.getName()::startsWith)) {
                    found.add(type.getSimpleName() + "." + m.getName() + ": " + t.getName());
                }
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (f.isAnnotationPresent(CommandLine.Mixin.class) || f.isAnnotationPresent(CommandLine.ArgGroup.class)) {
                check(f.getType(), found);
            }
            if (HEAVY.stream().anyMatch(f.getType().getName()::startsWith)) {
                found.add(type.getSimpleName() + "." + f.getName() + ": " + f.getType().getName());
            }
        }
    }
}

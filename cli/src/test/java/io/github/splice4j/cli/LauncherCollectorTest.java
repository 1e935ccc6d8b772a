package io.github.splice4j.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/splice} chooses the garbage collector and the young generation's size unless the user did (its block
 * between {@code # collector: begin} and {@code # collector: end}). These tests run that block with the user's options
 * in {@code SPLICE_JAVA_OPTS}, then a JVM with its options followed by the user's, as the launcher runs it: the JVM
 * must start, and print nothing on stdout (where {@code solve} writes its JSON line), whatever the user chose.
 */
class LauncherCollectorTest {
    /** The launcher's block, run by bash with {@code SPLICE_JAVA_OPTS} set; returns the options it chose. */
    private static List<String> chosen(String userOptions) throws IOException, InterruptedException {
        List<String> lines = Files.readAllLines(Path.of("..", "bin", "splice"));
        int begin = lines.indexOf("# collector: begin");
        int end = lines.indexOf("# collector: end");
        assertTrue(begin >= 0 && end > begin, "no collector block in bin/splice");
        String block = String.join("\n", lines.subList(begin + 1, end)) + "\nprintf '%s' \"$GC\"\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", block);
        Map<String, String> env = pb.environment();
        env.put("SPLICE_JAVA_OPTS", userOptions);
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "the collector block failed: " + new String(p.getErrorStream().readAllBytes(),
                StandardCharsets.UTF_8));
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** Runs {@code java <launcher's options> <user's options> -version}; returns its stdout. */
    private static String jvmStdout(List<String> launcher, String userOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launcher);
        for (String o : userOptions.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                command.add(o);
            }
        }
        command.add("-version");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + err);
        return out;
    }

    @Test
    void theLauncherChoosesTheParallelCollectorWhenTheUserDidNot() throws Exception {
        List<String> options = chosen("");
        assertTrue(options.contains("-XX:+UseParallelGC"), options.toString());
        assertEquals("", jvmStdout(options, ""));
    }

    /** The young generation: a sixteenth of the machine's memory, at most 256 MB, none below 128 MB. */
    @Test
    void theYoungGenerationIsASixteenthOfTheMemoryAtMost256Mb() throws Exception {
        long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
        long young = Math.min(256, memKb / 1024 / 16);
        List<String> options = chosen("");
        assertEquals(young >= 128 ? List.of("-XX:+UseParallelGC", "-Xmn" + young + "m") : List.of("-XX:+UseParallelGC"),
                options);
    }

    @Test
    void aCollectorTheUserChoseIsTheOnlyOne() throws Exception {
        for (String user : List.of("-XX:+UseG1GC", "-Xmx1g -XX:+UseSerialGC", "-XX:+UseZGC")) {
            List<String> options = chosen(user);
            assertEquals(List.of(), options, user);
            // two collectors on one command line would stop the JVM ("Conflicting collector combinations")
            assertEquals("", jvmStdout(options, user), user);
        }
    }

    @Test
    void aHeapSizeTheUserChoseKeepsTheDefaultYoungGeneration() throws Exception {
        for (String user : List.of("-Xmx300m", "-Xms64m", "-XX:MaxRAMPercentage=10", "-XX:NewRatio=3")) {
            List<String> options = chosen(user);
            assertEquals(List.of("-XX:+UseParallelGC"), options, user);
            // a young generation larger than the user's heap would print the JVM's warning on stdout
            assertEquals("", jvmStdout(options, user), user);
        }
        assertFalse(jvmStdout(List.of("-XX:+UseParallelGC", "-Xmn256m"), "-Xmx200m").isEmpty(),
                "the JVM no longer warns on stdout about a young generation larger than the heap: this test shows nothing");
    }
}

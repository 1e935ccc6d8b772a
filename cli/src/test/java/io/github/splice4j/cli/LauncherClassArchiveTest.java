package io.github.splice4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/splice} maps a class-data archive made after each build. The JVM checks an archive against the class path
 * and the JDK; these tests show that the options the launcher passes make a run whose archive does not match (the
 * jars rebuilt, or a file that is no archive at all) go on without it and print nothing about it (the launcher's
 * output is a JSON line on stdout), and that a matching archive is used.
 */
class LauncherClassArchiveTest {
    /** A main class for the test's own jar. */
    public static final class Hello {
        private Hello() {
        }

        /** @param args ignored */
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    /** The options the launcher passes with its archive, with {@code $ARCHIVE} replaced by {@code archive}. */
    private static List<String> launcherOptions(Path archive) throws IOException {
        Path launcher = Path.of("..", "bin", "splice");
        Optional<String> line = Files.readAllLines(launcher).stream().map(String::trim)
                .filter(l -> l.startsWith("CDS=(-XX:SharedArchiveFile=")).findFirst();
        assertTrue(line.isPresent(), "no CDS=(-XX:SharedArchiveFile=... line in " + launcher);
        String options = line.get().substring("CDS=(".length(), line.get().length() - 1);
        List<String> out = new ArrayList<>();
        for (String o : options.split("\\s+")) {
            out.add(o.replace("\"$ARCHIVE\"", archive.toString()));
        }
        return out;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void writeJar(Path jar, String comment) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        String name = Hello.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (var in = Hello.class.getClassLoader().getResourceAsStream(name)) {
            bytes = in.readAllBytes();
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.setComment(comment);
            out.putNextEntry(new JarEntry(name));
            out.write(bytes);
            out.closeEntry();
        }
    }

    @Test
    void aMatchingArchiveIsUsedAndOneThatNoLongerMatchesIsIgnoredSilently(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("hello.jar");
        writeJar(jar, "first");
        Path archive = dir.resolve("hello.jsa");
        String main = Hello.class.getName();
        run(List.of(java(), "-Xlog:cds=off,cds+dynamic=off", "-XX:ArchiveClassesAtExit=" + archive, "-cp",
                jar.toString(), main));
        assertTrue(Files.size(archive) > 0, "the archive was written");

        List<String> withArchive = new ArrayList<>(List.of(java()));
        withArchive.addAll(launcherOptions(archive));
        List<String> used = new ArrayList<>(withArchive);
        used.addAll(List.of("-Xlog:class+load", "-cp", jar.toString(), main));
        String log = run(used);
        assertTrue(log.lines().anyMatch(l -> l.contains(main) && l.contains("shared objects file")),
                "the class came from the archive:\n" + log);

        // the jar rebuilt (another size and time): the archive no longer matches
        writeJar(jar, "second, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        List<String> stale = new ArrayList<>(withArchive);
        stale.addAll(List.of("-Xlog:class+load", "-cp", jar.toString(), main));
        String staleLog = run(stale);
        assertTrue(staleLog.lines().anyMatch(l -> l.contains(main) && l.contains("source: file:")),
                "the class came from the jar:\n" + staleLog);
        List<String> quiet = new ArrayList<>(withArchive);
        quiet.addAll(List.of("-cp", jar.toString(), main));
        assertEquals("hello", run(quiet).strip());
    }

    /**
     * The launcher dumps its archive from a solve in the interpreter, with the kernel warm-up off: on JDK 17 a dynamic
     * archive keeps each method's "queued for compilation" flag (JDK-8306460), and a method that was waiting for the JIT
     * when the archive was written was never compiled in the runs that mapped it (3 of 8 archives dumped from a compiled
     * solve left the Gram kernel interpreted; docs/PERFORMANCE.md). With {@code -Xint} nothing is ever queued.
     */
    @Test
    void theArchiveIsDumpedFromASolveInTheInterpreter() throws IOException {
        String launcher = Files.readString(Path.of("..", "bin", "splice")).replace("\\\n", " ");
        int dump = launcher.indexOf("-XX:ArchiveClassesAtExit=");
        assertTrue(dump > 0, "the launcher dumps an archive");
        int start = launcher.lastIndexOf("java ", dump);
        int end = launcher.indexOf("\n", dump);
        String command = launcher.substring(start, end);
        assertTrue(command.contains(" -Xint "), "the dump runs in the interpreter: " + command);
        assertTrue(command.contains(" -Dsplice4j.kernels.warmup=false "), "without the kernel warm-up: " + command);
        assertTrue(command.contains(" solve "), "of a solve: " + command);
        assertTrue(launcher.contains("-interpreted.jsa"), "archives dumped the old way are not used");
    }

    @Test
    void aFileThatIsNoArchiveIsIgnoredSilently(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("garbage.jsa");
        Files.writeString(archive, "not a class-data archive");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(launcherOptions(archive));
        command.add("-version");
        String out = run(command);
        assertTrue(out.lines().noneMatch(l -> l.toLowerCase().contains("archive") || l.contains("cds")),
                "no word of the archive:\n" + out);
        assertTrue(out.contains("version"), out);
    }
}

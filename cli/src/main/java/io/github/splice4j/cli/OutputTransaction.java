package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * All the outputs of one run, written together or not at all. Each output is validated when it is staged,
 * before any work (a target that is a directory, a missing or unwritable directory), and written under a
 * hidden temporary name beside its target ({@code .NAME.splice-tmp-PID-N-K}); {@link #commit()} moves every
 * one into place once all were written. On any failure, and on SIGTERM/SIGINT (a shutdown hook), the
 * temporaries are removed; those of a run that was killed outright ({@code kill -9}) are recognised by their
 * name and dead process id and removed by the next run that writes in the same directory. Outputs get the
 * permissions of any new file (the umask).
 */
final class OutputTransaction implements AutoCloseable {
    static final String MARK = ".splice-tmp-";
    private static final Pattern STALE = Pattern.compile(Pattern.quote(MARK) + "(\\d+)-");
    /** A staged name in a message, back to its target's name. */
    private static final Pattern STAGED_NAME = Pattern.compile("\\.([^/\\s]+?)" + Pattern.quote(MARK) + "\\d+-\\d+-\\d+[^\\s:/]*");
    /** A staged directory in a message: its files are named as they will be in the target directory. */
    private static final Pattern STAGED_DIRECTORY = Pattern.compile("/" + Pattern.quote(MARK) + "\\d+-\\d+-\\d+/");
    private static final Set<OutputTransaction> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(OutputTransaction::discard),
                "splice-output-cleanup"));
    }

    private record Staged(Path temp, Path target, boolean directory) {
    }

    private final String token = MARK + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-";
    private final List<Staged> staged = new ArrayList<>();
    private final List<Path> createdDirectories = new ArrayList<>();
    private boolean committed;

    OutputTransaction() {
        OPEN.add(this);
    }

    /**
     * Stages one output file.
     * @param target where it goes
     * @param option the option that named it, for messages
     * @return the path to write it to
     */
    synchronized Path file(Path target, String option) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.isDirectory(t)) {
            throw new SpliceInputException(option + ": " + target + " is a directory");
        }
        Path dir = t.getParent();
        if (!Files.isDirectory(dir)) {
            throw new SpliceInputException(option + ": output directory " + dir + " does not exist");
        }
        requireWritable(dir, option);
        removeStale(dir);
        Path temp = dir.resolve("." + t.getFileName() + token + staged.size());
        staged.add(new Staged(temp, t, false));
        return temp;
    }

    /**
     * Stages an output directory: its files are written into a hidden directory inside it (created, with the
     * target, if missing), and moved into the target on commit, replacing files of the same names and leaving
     * others alone.
     * @param target the output directory
     * @param option the option that named it, for messages
     * @return the directory to write the files to
     */
    synchronized Path directory(Path target, String option) {
        Path t = target.toAbsolutePath().normalize();
        if (Files.exists(t) && !Files.isDirectory(t)) {
            throw new SpliceInputException(option + ": " + target + " exists and is not a directory");
        }
        if (!Files.isDirectory(t)) {
            Path parent = t.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new SpliceInputException(option + ": " + parent + " does not exist");
            }
            requireWritable(parent, option);
            try {
                Files.createDirectory(t);
                createdDirectories.add(t);
            } catch (IOException e) {
                throw new SpliceInputException(option + ": cannot create " + InputFiles.describe(t, e), e);
            }
        }
        requireWritable(t, option);
        removeStale(t);
        Path temp = t.resolve(token + staged.size());
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw new SpliceInputException(option + ": cannot write in " + InputFiles.describe(t, e), e);
        }
        staged.add(new Staged(temp, t, true));
        return temp;
    }

    /** Moves every staged output into place. */
    synchronized void commit() {
        try {
            for (Staged s : staged) {
                if (s.directory()) {
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(s.temp())) {
                        for (Path e : entries) {
                            Files.move(e, s.target().resolve(e.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                    StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                    Files.delete(s.temp());
                } else if (Files.exists(s.temp())) {
                    Files.move(s.temp(), s.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            committed = true;
        } catch (IOException e) {
            throw new SpliceInputException("cannot move the outputs into place: " + InputFiles.reason(e), e);
        } finally {
            OPEN.remove(this);
        }
    }

    @Override
    public synchronized void close() {
        if (!committed) {
            discard();
        }
        OPEN.remove(this);
    }

    /** Removes every temporary of this run (the writers' own temporaries included), and directories it created. */
    private synchronized void discard() {
        for (Staged s : staged) {
            Path dir = s.directory() ? s.target() : s.temp().getParent();
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(p -> p.getFileName().toString().contains(token)).forEach(OutputTransaction::deleteTree);
            } catch (IOException ignored) {
                // nothing more can be done
            }
        }
        for (int i = createdDirectories.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirectories.get(i));
            } catch (IOException ignored) {
                // not empty (other files were there): leave it
            }
        }
    }

    /** Removes temporaries left in a directory by runs whose process no longer exists. */
    static void removeStale(Path dir) {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> {
                Matcher m = STALE.matcher(p.getFileName().toString());
                if (!m.find()) {
                    return false;
                }
                long pid = Long.parseLong(m.group(1));
                return pid != self && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }).forEach(OutputTransaction::deleteTree);
        } catch (IOException ignored) {
            // an unreadable directory fails later, where it is written
        }
    }

    /**
     * @param message an error message
     * @return it with staged temporary names replaced by their targets' names
     */
    static String userNames(String message) {
        return message == null ? null
                : STAGED_NAME.matcher(STAGED_DIRECTORY.matcher(message).replaceAll("/")).replaceAll("$1");
    }

    private static void requireWritable(Path dir, String option) {
        try {
            if (Files.getFileStore(dir).isReadOnly()) {
                throw new SpliceInputException(option + ": cannot write in " + dir + ": read-only file system");
            }
        } catch (IOException e) {
            throw new SpliceInputException(option + ": cannot write in " + InputFiles.describe(dir, e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new SpliceInputException(option + ": cannot write in " + dir + ": permission denied");
        }
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}

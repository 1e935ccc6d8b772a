package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import io.github.splice4j.internal.InputFiles;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;
import picocli.CommandLine.Command;

/** The {@code splice} command: entry point of the command-line tool. */
@Command(name = "splice", mixinStandardHelpOptions = true, version = "splice4j 0.1.0-SNAPSHOT",
        description = "Sparse Linear Concept Embeddings (SpLiCE): decompose CLIP embeddings into named concepts.")
public final class SpliceCommand implements Runnable {
    /**
     * The subcommands in the order of the usage message. picocli reflects over every registered command when
     * the command line is built (about 0.2 s for all of them), so a run of one subcommand registers only it.
     */
    private static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(DemoCommand.class,
            SolveCommand.class, SparkCommand.class, DecomposeCommand.class, PathCommand.class, DictionaryCommand.class,
            EmbedCommand.class, ProbeCommand.class, InterveneCommand.class, ZeroShotCommand.class, SweepCommand.class,
            EvalCommand.class, BenchmarkDataCommand.class, BenchCommand.class, GenerateCommand.class,
            CommandLine.HelpCommand.class);

    static {
        // picocli's default factory looks for Groovy's Closure class once; a class that is not there is looked for in
        // every jar on the class path, and this one made every command open all 209 (strace; docs/PERFORMANCE.md)
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs the command line.
     * @param args the arguments
     * @return the exit status: 0 on success, 2 for bad input, 1 for other failures
     */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SpliceCommand());
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)
                        || List.of(c.getAnnotation(Command.class).aliases()).contains(first)).toList();
        for (Class<?> subcommand : named.isEmpty() || "help".equals(first) ? SUBCOMMANDS : named) {
            cl.addSubcommand(subcommand);
        }
        cl.setParameterExceptionHandler(SpliceCommand::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String prefix = "splice " + commandLine.getCommandName() + ": error: ";
            if (ex instanceof SpliceInputException s) {
                commandLine.getErr().println(prefix + OutputTransaction.userNames(ParameterFlags.message(s)));
                return 2;
            }
            IOException io = ex instanceof IOException e ? e
                    : ex instanceof UncheckedIOException u ? u.getCause() : null;
            if (io != null) {
                // a file system's refusal (full disk, permissions, read-only): the user's to fix, not a bug
                String where = io instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
                commandLine.getErr().println(prefix + OutputTransaction.userNames(where + InputFiles.reason(io)));
                return 2;
            }
            commandLine.getErr().println("splice " + commandLine.getCommandName() + ": failed: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // past the up-front estimate (MemoryBudget): still a user's limit, not a crash
            long heapMb = Runtime.getRuntime().maxMemory() >> 20;
            cl.getErr().println("splice: error: out of memory with a " + heapMb + " MB heap; run with SPLICE_JAVA_OPTS=-Xmx"
                    + Math.max(2, (2 * heapMb + 1023) / 1024) + "g");
            return 2;
        }
    }

    /**
     * A command line that picocli could not parse (an unknown or missing option, a value of the wrong type): one line
     * naming the option and the reason, with picocli's suggestions for a mistyped option and where to find the usage,
     * instead of the whole usage message.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        StringBuilder line = new StringBuilder(name).append(": error: ").append(ex.getMessage());
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
        }
        line.append("; see '").append(name).append(" --help'");
        commandLine.getErr().println(line.toString().replace('\n', ' ').replace('\r', ' '));
        return 2;
    }

    /**
     * The program's main method.
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }
}

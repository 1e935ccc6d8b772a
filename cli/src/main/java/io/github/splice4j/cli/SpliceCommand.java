package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code splice} command: entry point of the command-line tool. */
@Command(name = "splice", mixinStandardHelpOptions = true, version = "splice4j 0.1.0-SNAPSHOT",
        description = "Sparse Linear Concept Embeddings (SpLiCE): decompose CLIP embeddings into named concepts.",
        subcommands = {DemoCommand.class, SolveCommand.class, DecomposeCommand.class, PathCommand.class, DictionaryCommand.class, EmbedCommand.class, ProbeCommand.class, InterveneCommand.class, ZeroShotCommand.class, SweepCommand.class, EvalCommand.class, BenchmarkDataCommand.class, BenchCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class SpliceCommand implements Runnable {
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
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof SpliceInputException) {
                commandLine.getErr().println("splice " + commandLine.getCommandName() + ": error: "
                        + ParameterFlags.message((SpliceInputException) ex));
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
     * The program's main method.
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }
}

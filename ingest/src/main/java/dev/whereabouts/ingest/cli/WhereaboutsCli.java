package dev.whereabouts.ingest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line for engineers: {@code emit}, {@code catalog validate|publish},
 * {@code dead-letters list|replay}. Reached through {@code ./whereabouts <command>}.
 */
@Command(
        name = "whereabouts",
        mixinStandardHelpOptions = true,
        version = "Whereabouts 0.1.0",
        description = "Work with a running Whereabouts platform. Every command has --help.",
        subcommands = {
            EmitCommand.class,
            TailCommand.class,
            OutcomeCommand.class,
            CatalogCommand.class,
            DeadLettersCommand.class
        })
public final class WhereaboutsCli {

    /** Names of the top-level commands, so the launcher knows when to hand over. */
    public static final java.util.Set<String> COMMANDS =
            java.util.Set.of("emit", "tail", "outcome", "catalog", "dead-letters");

    private WhereaboutsCli() {}

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree; a failure prints one line, not a stack trace, and exits 1. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new WhereaboutsCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            return 1;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}

package dev.whereabouts.launcher.cli;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The commands for engineers under {@code ./whereabouts}: {@code emit}, {@code tail}, {@code outcome},
 * {@code catalog validate|publish}, {@code dead-letters list|replay}. {@link #addTo} hangs them under
 * the launcher's command and gives each its connection options.
 */
public final class WhereaboutsCli {

    private static final List<Class<?>> COMMAND_CLASSES = List.of(
            EmitCommand.class, TailCommand.class, OutcomeCommand.class, CatalogCommand.class, DeadLettersCommand.class);

    /** Names of the top-level commands, so the launcher knows when to quiet the logs before anything starts. */
    public static final Set<String> COMMANDS = COMMAND_CLASSES.stream()
            .map(type -> type.getAnnotation(Command.class).name())
            .collect(Collectors.toUnmodifiableSet());

    private WhereaboutsCli() {}

    /** Adds every command to {@code root}; a command's failure prints one line, not a stack trace, and exits 1. */
    public static void addTo(CommandLine root) {
        for (Class<?> type : COMMAND_CLASSES) {
            root.addSubcommand(type);
        }
        connect(root);
        root.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
            return 1;
        });
    }

    private static void connect(CommandLine command) {
        if (command.getCommand() instanceof ConnectedCommand connected) {
            connected.connection.addTo(command.getCommandSpec());
        }
        command.getSubcommands().values().forEach(WhereaboutsCli::connect);
    }
}

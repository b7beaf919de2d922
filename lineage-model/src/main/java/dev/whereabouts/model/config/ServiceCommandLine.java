package dev.whereabouts.model.config;

import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line of a service's own {@code main} (registry, ingest, graph-api, Streams): picocli
 * with {@code --help}, {@code --version} and one option per setting of {@code groups}, the service's
 * own prefix dropped ({@code --port} for {@code registry.port}). Every main parses its arguments this
 * one way; {@code ./whereabouts} builds a larger command from the same {@link SettingOptions}.
 *
 * @param name        the command's name in the usage line
 * @param description one line on what the service is
 * @param groups      the keys it reads
 * @param ownPrefix   the prefix its option names drop, e.g. {@code registry.}; empty for none
 */
public record ServiceCommandLine(String name, String description, List<SettingGroup> groups, String ownPrefix) {

    public ServiceCommandLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        groups = List.copyOf(groups);
        Objects.requireNonNull(ownPrefix, "ownPrefix");
    }

    /**
     * {@code base} with the options in {@code args} on top; null when {@code --help} or
     * {@code --version} was asked for (the caller prints {@link #usage()}).
     *
     * @throws CommandLine.ParameterException naming the unknown option or the bad value
     */
    public Settings parse(Settings base, String... args) {
        CommandSpec spec = spec();
        SettingOptions options = SettingOptions.addTo(spec, groups, ownPrefix);
        CommandLine commandLine = new CommandLine(spec);
        commandLine.parseArgs(args);
        if (commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested()) {
            return null;
        }
        return options.applyTo(base);
    }

    /** What {@code --help} prints. */
    public String usage() {
        CommandSpec spec = spec();
        SettingOptions.addTo(spec, groups, ownPrefix);
        return new CommandLine(spec).getUsageMessage();
    }

    /** The option that sets {@code setting} in this command. */
    public String optionName(Setting<?> setting) {
        return SettingOptions.optionName(setting, ownPrefix);
    }

    /**
     * For a {@code main}: the settings from this process and {@code args}; prints the usage and
     * exits 0 for {@code --help}, prints the problem and exits 2 for a bad argument.
     */
    public Settings parseOrExit(String... args) {
        Settings settings;
        try {
            settings = parse(Settings.fromProcess(), args);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Run with --help to see every option.");
            System.exit(2);
            return null;
        }
        if (settings == null) {
            System.out.print(usage());
            System.exit(0);
        }
        return settings;
    }

    private CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
        spec.version("Whereabouts 0.1.0");
        spec.usageMessage()
                .description(
                        description,
                        "Every option is also an environment variable and a system property; see docs/settings.md.");
        return spec;
    }
}

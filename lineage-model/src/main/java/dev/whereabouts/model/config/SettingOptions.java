package dev.whereabouts.model.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command-line options generated from setting declarations, so {@code --help} lists exactly the keys
 * the settings reference lists: one {@code --name-with-dashes=VALUE} option per setting, under a
 * heading per group, its description the doc line, environment variable and default. Secrets get
 * no option (a command line is visible to every user of the machine); the help names their
 * environment variable instead.
 *
 * <p>picocli is an optional dependency of this module: only commands that build options need it.
 */
public final class SettingOptions {

    private final Map<Setting<?>, String> given = new LinkedHashMap<>();
    private final java.util.Set<String> declared = new java.util.HashSet<>();

    private final String ownPrefix;

    private SettingOptions(String ownPrefix) {
        this.ownPrefix = ownPrefix;
    }

    /** Adds the options of {@code groups} to {@code spec}; the returned object collects what was given. */
    public static SettingOptions addTo(CommandSpec spec, List<SettingGroup> groups) {
        return addTo(spec, groups, "");
    }

    /**
     * As {@link #addTo(CommandSpec, List)}, for a service's own command: keys under {@code ownPrefix}
     * lose it in their option name ({@code registry.port} is {@code --port} in the registry's command).
     */
    public static SettingOptions addTo(CommandSpec spec, List<SettingGroup> groups, String ownPrefix) {
        SettingOptions options = new SettingOptions(ownPrefix);
        List<String> secrets = new ArrayList<>();
        for (SettingGroup group : groups) {
            ArgGroupSpec.Builder section = ArgGroupSpec.builder()
                    .heading("%n" + group.title() + " settings:%n")
                    .exclusive(false)
                    .validate(false)
                    .multiplicity("0..1");
            int added = 0;
            for (Setting<?> setting : group.settings()) {
                if (!options.declared.add(setting.name())) {
                    continue; // a shared key listed by two groups gets one option
                }
                if (setting.isSecret()) {
                    secrets.add(setting.environmentVariable() + "  " + setting.doc());
                    continue;
                }
                section.addArg(options.option(setting));
                options.formerOptions(setting).forEach(spec::addOption);
                added++;
            }
            if (added > 0) {
                spec.addArgGroup(section.build());
            }
        }
        if (!secrets.isEmpty()) {
            List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
            footer.add("%nSecrets, from the environment only (never on a command line):");
            secrets.forEach(line -> footer.add("  " + line.replace("%", "%%")));
            spec.usageMessage().footer(footer.toArray(String[]::new));
        }
        return options;
    }

    /** {@code base} with every option given on the command line set explicitly. */
    public Settings applyTo(Settings base) {
        Settings settings = base;
        for (Map.Entry<Setting<?>, String> entry : given.entrySet()) {
            settings = settings.with(entry.getKey(), entry.getValue());
        }
        return settings;
    }

    /** Whether the command line gave {@code setting}. */
    public boolean given(Setting<?> setting) {
        return given.containsKey(setting);
    }

    private OptionSpec option(Setting<?> setting) {
        return option(setting, optionName(setting), false);
    }

    /**
     * Former names of a key's option are hidden options setting the same key: they keep working
     * without crowding the help.
     */
    private List<OptionSpec> formerOptions(Setting<?> setting) {
        String name = optionName(setting);
        return setting.deprecatedOptions().stream()
                .filter(old -> !old.equals(name))
                .map(old -> option(setting, old, true))
                .toList();
    }

    private OptionSpec option(Setting<?> setting, String name, boolean hidden) {
        String defaultText = setting.defaultValue().isEmpty() ? "none" : setting.defaultValue();
        return OptionSpec.builder(name)
                .paramLabel(label(setting))
                .type(String.class)
                .arity("1")
                .hidden(hidden)
                .converters(value -> {
                    // Validated while parsing, so a typo fails before anything starts, naming the option.
                    setting.parse(value, "option " + name);
                    return value;
                })
                .description(description(setting, defaultText).replace("%", "%%"))
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        if (value != null) {
                            given.put(setting, value.toString());
                        }
                        return null;
                    }
                })
                .build();
    }

    /** The option of {@code setting} in this command. */
    public String optionName(Setting<?> setting) {
        return optionName(setting, ownPrefix);
    }

    /** The option of {@code setting} in a command whose own keys start with {@code ownPrefix}. */
    public static String optionName(Setting<?> setting, String ownPrefix) {
        if (!ownPrefix.isEmpty() && setting.name().startsWith(ownPrefix)) {
            return "--" + setting.name().substring(ownPrefix.length()).replace('.', '-');
        }
        return setting.optionName();
    }

    private static String description(Setting<?> setting, String defaultText) {
        String text = setting.doc() + " Env " + setting.environmentVariable();
        if (!setting.deprecatedEnvironmentVariables().isEmpty()) {
            text += " (formerly " + String.join(", ", setting.deprecatedEnvironmentVariables()) + ")";
        }
        return text + ", default " + defaultText + ".";
    }

    private static String label(Setting<?> setting) {
        if (!setting.type().equals("text")) {
            return switch (setting.type()) {
                case "port" -> "PORT";
                case "integer", "long" -> "N";
                case "boolean" -> "true|false";
                default -> "VALUE";
            };
        }
        if (setting.name().endsWith(".servers") || setting.name().equals("external.kafka")) {
            return "HOST:PORT";
        }
        if (setting.name().endsWith(".url")
                || setting.name().endsWith(".uri")
                || setting.name().startsWith("external.")) {
            return "URL";
        }
        if (setting.name().endsWith(".dir")) {
            return "DIR";
        }
        return "VALUE";
    }
}

package dev.whereabouts.model.config;

import java.util.List;

/**
 * Writes the settings reference ({@code docs/settings.md}) from the declarations, so the document
 * cannot say anything the code does not declare. A test in the launcher, which sees every group,
 * compares the committed file with this output.
 */
public final class SettingsReference {

    private SettingsReference() {}

    /** The whole document: the naming rule, the pass-through prefixes, then one table per group. */
    public static String markdown(List<SettingGroup> groups, String regenerateCommand) {
        StringBuilder md = new StringBuilder();
        md.append("# Settings reference\n\n");
        md.append("<!-- Generated from the setting declarations; do not edit. Regenerate with:\n     ")
                .append(regenerateCommand)
                .append(" -->\n\n");
        md.append("""
                Every key is declared once in code (`Setting`: name, type, default, doc line, validator) and
                can be given in three ways, derived from its name by one rule:

                | source | spelling of `kafka.bootstrap.servers` |
                |---|---|
                | command-line option (`./whereabouts` and every service's `main`) | `--kafka-bootstrap-servers=HOST:PORT` |
                | JVM system property | `-Dwhereabouts.kafka.bootstrap.servers=HOST:PORT` |
                | environment variable | `WHEREABOUTS_KAFKA_BOOTSTRAP_SERVERS=HOST:PORT` |

                A service's own command drops the service's prefix from its options: the registry takes
                `--port` for `registry.port`, `StreamsApp` takes `--commit-interval-ms` for
                `streams.commit.interval.ms`. `./whereabouts` takes every key with its full name.

                The option wins over the system property, which wins over the environment variable, which
                wins over the default. An invalid value stops the service at start with a message naming
                where it came from (secrets are never echoed).

                Kafka properties no key declares (TLS, SASL, tuning) pass through unchanged:

                | prefix | reaches | example |
                |---|---|---|
                | `kafka.client.` | every Kafka client the platform creates: admin, producers, consumers, Kafka Streams | `WHEREABOUTS_KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL` |
                | `kafka.streams.` | Kafka Streams only (the lineage topology), after `kafka.client.` | `WHEREABOUTS_KAFKA_STREAMS_METRICS_RECORDING_LEVEL=DEBUG` |

                In an environment variable the property's dots are underscores; as a system property it is
                written as it is (`-Dwhereabouts.kafka.client.sasl.mechanism=PLAIN`).

                The emitter is a library other services embed, so it keeps the configuration style of a Kafka
                client library: a map of Kafka-style keys (`EmitterConfig`: `source.system`, `linger.ms`, a
                `producer.` pass-through), set in code or read from `WHEREABOUTS_EMITTER_<KEY>` by the host
                service ([emitter.md](emitter.md)). Inside the platform no service reads those variables:
                ingest and the command line build their emitter in code from the keys below, handing it the
                `kafka.client.` properties.

                """);
        java.util.Map<String, String> listedIn = new java.util.HashMap<>();
        for (SettingGroup group : groups) {
            md.append("## ").append(group.title()).append("\n\n");
            md.append(group.description()).append("\n\n");
            md.append("| key | environment variable | default | accepts | description |\n");
            md.append("|---|---|---|---|---|\n");
            for (Setting<?> setting : group.settings()) {
                String earlier = listedIn.putIfAbsent(setting.name(), group.title());
                if (earlier != null) {
                    md.append("| `")
                            .append(setting.name())
                            .append("` | | | | the same key as under ")
                            .append(earlier)
                            .append(" |\n");
                    continue;
                }
                md.append("| `")
                        .append(setting.name())
                        .append("` | `")
                        .append(setting.environmentVariable())
                        .append("` | ")
                        .append(setting.defaultValue().isEmpty() ? "(none)" : "`" + setting.defaultValue() + "`")
                        .append(" | ")
                        .append(setting.rule())
                        .append(" | ")
                        .append(setting.doc().replace("|", "\\|"))
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Deprecated names\n\n");
        md.append("Still read, so no existing setup breaks; an environment variable is warned about once.\n");
        md.append("Use the new name.\n\n");
        md.append("| deprecated | use |\n|---|---|\n");
        java.util.Set<String> done = new java.util.HashSet<>();
        for (SettingGroup group : groups) {
            for (Setting<?> setting : group.settings()) {
                if (!done.add(setting.name())) {
                    continue;
                }
                for (String old : setting.deprecatedEnvironmentVariables()) {
                    md.append("| `")
                            .append(old)
                            .append("` | `")
                            .append(setting.environmentVariable())
                            .append("` |\n");
                }
                for (String old : setting.deprecatedOptions()) {
                    md.append("| option `")
                            .append(old)
                            .append("` | `")
                            .append(setting.optionName())
                            .append("` |\n");
                }
            }
        }
        return md.toString();
    }
}

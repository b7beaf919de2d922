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
                | command-line option (`./whereabouts`, the registry) | `--kafka-bootstrap-servers=HOST:PORT` |
                | JVM system property | `-Dwhereabouts.kafka.bootstrap.servers=HOST:PORT` |
                | environment variable | `WHEREABOUTS_KAFKA_BOOTSTRAP_SERVERS=HOST:PORT` |

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

                The emitter library keeps its Kafka-style configuration map (`EmitterConfig`, see
                [emitter.md](emitter.md)): a service that embeds it configures it in code, with the producer's
                own property names.

                """);
        for (SettingGroup group : groups) {
            md.append("## ").append(group.title()).append("\n\n");
            md.append(group.description()).append("\n\n");
            md.append("| key | environment variable | default | type | description |\n");
            md.append("|---|---|---|---|---|\n");
            for (Setting<?> setting : group.settings()) {
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
        md.append("## Deprecated environment variables\n\n");
        md.append("Still read, with a warning logged once; use the new name.\n\n");
        md.append("| deprecated | use |\n|---|---|\n");
        for (SettingGroup group : groups) {
            for (Setting<?> setting : group.settings()) {
                for (String old : setting.deprecatedEnvironmentVariables()) {
                    md.append("| `")
                            .append(old)
                            .append("` | `")
                            .append(setting.environmentVariable())
                            .append("` |\n");
                }
            }
        }
        return md.toString();
    }
}

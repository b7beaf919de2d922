package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.stack.StackConfig;
import dev.whereabouts.stack.StackSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine;
    }

    @Test
    void shouldListInHelpEveryKeyTheLauncherReads() {
        assertThat(commandLine().execute("--help")).isZero();

        for (SettingGroup group : PlatformSettings.LAUNCHER) {
            for (Setting<?> setting : group.settings()) {
                assertThat(out.toString())
                        .as("--help lists %s", setting.name())
                        .contains(setting.isSecret() ? setting.environmentVariable() : setting.optionName());
            }
        }
        assertThat(out.toString()).contains("--no-demo", "emit", "tail", "catalog", "dead-letters", "outcome");
    }

    @Test
    void shouldTakeTheDocumentedOptionsOverTheEnvironment() {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs(
                "--demo-people=5",
                "--kafka-port=19092",
                "--api-port=18080",
                "--external-kafka=kafka:9092",
                "--streams-num-stream-threads=1");
        Main main = commandLine.getCommand();

        var settings = main.settings();
        assertThat(settings.get(PlatformSettings.DEMO_PEOPLE)).isEqualTo(5);
        assertThat(StackConfig.from(settings).kafkaPort()).isEqualTo(19092);
        assertThat(PlatformOptions.from(settings, true).apiPort()).isEqualTo(18080);
        assertThat(settings.get(PlatformSettings.EXTERNAL_KAFKA)).isEqualTo("kafka:9092");
        assertThat(settings.get(StackSettings.DATA_DIR)).isEqualTo(StackSettings.DATA_DIR.defaultValue());
    }

    @Test
    void shouldStartWithoutDemoDataWhenToldSo() {
        CommandLine commandLine = commandLine();
        commandLine.parseArgs("--no-demo");
        Main main = commandLine.getCommand();

        assertThat(main.settings().get(PlatformSettings.DEMO_PEOPLE)).isZero();
    }

    @Test
    void shouldRefuseABadValueBeforeStartingAnythingNamingTheOption() {
        assertThat(commandLine().execute("--kafka-port=ninety")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-port").contains("ninety").contains("--help");

        assertThat(commandLine().execute("--colour=blue")).isEqualTo(2);
        assertThat(err.toString()).contains("--colour");
    }

    @Test
    void shouldKeepTheFormerConnectionOptionOfTheCommands() {
        CommandLine commandLine = commandLine();
        CommandLine.ParseResult parsed = commandLine.parseArgs("tail", "--bootstrap-servers=kafka:9092");

        assertThat(parsed.subcommand().matchedOption("--bootstrap-servers").stringValues())
                .containsExactly("kafka:9092");
        assertThat(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.deprecatedOptions()).contains("--bootstrap-servers");
    }
}

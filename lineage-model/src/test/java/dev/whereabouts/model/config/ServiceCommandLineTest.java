package dev.whereabouts.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class ServiceCommandLineTest {

    private static final Setting<Integer> PORT = Setting.port("x.port", 8080, "Port of X.");
    private static final Setting<String> TOKEN =
            Setting.optionalText("x.token", "Token of X.").secret();
    private static final ServiceCommandLine X = new ServiceCommandLine(
            "x",
            "Runs X.",
            List.of(new SettingGroup("X", "Read by X.", List.of(PORT, TOKEN)), CommonSettings.CONNECTION),
            "x.");

    @Test
    void shouldNameOptionsWithoutTheServicesOwnPrefixAndLetThemWinOverTheEnvironment() {
        Settings settings = X.parse(
                Settings.of(Map.of("WHEREABOUTS_X_PORT", "8000")),
                "--port",
                "9000",
                "--kafka-bootstrap-servers=kafka:9092");

        assertThat(settings.get(PORT)).isEqualTo(9000);
        assertThat(settings.get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(X.optionName(PORT)).isEqualTo("--port");
        assertThat(X.optionName(CommonSettings.REGISTRY_URL)).isEqualTo("--registry-url");
    }

    @Test
    void shouldListEveryKeyInHelpAndSecretsOnlyByTheirVariable() {
        assertThat(X.parse(Settings.defaults(), "--help")).isNull();

        assertThat(X.usage())
                .contains("--port=PORT", "WHEREABOUTS_X_PORT", "--kafka-bootstrap-servers", "--registry-url")
                .contains("WHEREABOUTS_X_TOKEN")
                .doesNotContain("--token");
    }

    @Test
    void shouldRejectAnUnknownOptionOrABadValueNamingIt() {
        assertThatThrownBy(() -> X.parse(Settings.defaults(), "--colour=blue"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> X.parse(Settings.defaults(), "--port=eighty"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--port")
                .hasMessageContaining("eighty");
    }
}

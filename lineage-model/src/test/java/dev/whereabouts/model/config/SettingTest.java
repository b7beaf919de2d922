package dev.whereabouts.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingTest {

    private final Setting port = Setting.of("WHEREABOUTS_X_PORT", "8080", "Port of X.", Setting::isPort);
    private final Setting token = Setting.secret("WHEREABOUTS_X_TOKEN", "", "Token of X.", v -> v.length() >= 16);

    @Test
    void shouldPreferTheSystemPropertyThenTheEnvironmentThenTheDefault() {
        Properties properties = new Properties();
        properties.setProperty("whereabouts.x.port", "9000");

        assertThat(port.resolve(Map.of("WHEREABOUTS_X_PORT", "8000"), properties))
                .isEqualTo("9000");
        assertThat(port.resolve(Map.of("WHEREABOUTS_X_PORT", " 8000 "), new Properties()))
                .isEqualTo("8000");
        assertThat(port.resolve(Map.of(), new Properties())).isEqualTo("8080");
    }

    @Test
    void shouldNameTheSourceAndHideSecretsWhenAValueIsInvalid() {
        assertThatThrownBy(() -> port.resolve(Map.of("WHEREABOUTS_X_PORT", "eighty"), new Properties()))
                .hasMessageContaining("environment variable WHEREABOUTS_X_PORT")
                .hasMessageContaining("'eighty'")
                .hasMessageContaining("Port of X.");
        assertThatThrownBy(() -> token.resolve(Map.of("WHEREABOUTS_X_TOKEN", "short-secret"), new Properties()))
                .hasMessageContaining("(hidden)")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void shouldCheckPortsRangesAndBooleans() {
        assertThat(Setting.isPort("65535")).isTrue();
        assertThat(Setting.isPort("65536")).isFalse();
        assertThat(Setting.isIntBetween("5", 1, 10)).isTrue();
        assertThat(Setting.isIntBetween("x", 1, 10)).isFalse();
        assertThat(Setting.isBoolean("true")).isTrue();
        assertThat(Setting.isBoolean("yes")).isFalse();
    }
}

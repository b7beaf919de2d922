package dev.whereabouts.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingTest {

    private final Setting<Integer> port = Setting.port("x.port", 8080, "Port of X.");
    private final Setting<String> token = Setting.text(
                    "x.token", "", "Token of X.", "16 characters or more", v -> v.length() >= 16)
            .secret();

    @Test
    void shouldPreferTheSystemPropertyThenTheEnvironmentThenTheDefault() {
        Properties properties = new Properties();
        properties.setProperty("whereabouts.x.port", "9000");

        assertThat(port.resolve(Map.of("WHEREABOUTS_X_PORT", "8000"), properties))
                .isEqualTo(9000);
        assertThat(port.resolve(Map.of("WHEREABOUTS_X_PORT", " 8000 "), new Properties()))
                .isEqualTo(8000);
        assertThat(port.resolve(Map.of(), new Properties())).isEqualTo(8080);
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

    @Test
    void shouldDeriveEveryNameFromTheKeyByOneRule() {
        Setting<String> servers = CommonSettings.KAFKA_BOOTSTRAP_SERVERS;

        assertThat(servers.environmentVariable()).isEqualTo("WHEREABOUTS_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(servers.systemProperty()).isEqualTo("whereabouts.kafka.bootstrap.servers");
        assertThat(servers.optionName()).isEqualTo("--kafka-bootstrap-servers");
    }

    @Test
    void shouldRefuseADeclarationWithoutDocOrWithADefaultBreakingItsRule() {
        assertThatThrownBy(() -> Setting.port("x.port", 8080, " ")).hasMessageContaining("no doc");
        assertThatThrownBy(() -> Setting.integer("x.count", 0, 1, 10, "Count."))
                .hasMessageContaining("breaks its own rule");
        assertThatThrownBy(() -> Setting.port("X_PORT", 1, "Port.")).hasMessageContaining("X_PORT");
    }

    @Test
    void shouldPreferAnExplicitValueOverEverySource() {
        Properties properties = new Properties();
        properties.setProperty("whereabouts.x.port", "9000");
        Settings settings =
                Settings.of(Map.of("WHEREABOUTS_X_PORT", "8000"), properties).with(port, 7000);

        assertThat(settings.get(port)).isEqualTo(7000);
        assertThatThrownBy(() -> Settings.defaults().with(port, "x").get(port)).hasMessageContaining("option --x-port");
    }

    @Test
    void shouldStillReadADeprecatedVariableButPreferTheNewName() {
        Map<String, String> old = Map.of("WHEREABOUTS_API_BOOTSTRAP_SERVERS", "kafka-1:9092");

        assertThat(Settings.of(old).get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka-1:9092");
        assertThat(Settings.of(Map.of(
                                "WHEREABOUTS_API_BOOTSTRAP_SERVERS",
                                "kafka-1:9092",
                                "WHEREABOUTS_KAFKA_BOOTSTRAP_SERVERS",
                                "kafka-2:9092"))
                        .get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo("kafka-2:9092");
        assertThat(Settings.defaults().get(CommonSettings.KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo("127.0.0.1:9092");
    }

    @Test
    void shouldPassThroughKafkaPropertiesUnderTheirPrefix() {
        Properties properties = new Properties();
        properties.setProperty("whereabouts.kafka.client.sasl.mechanism", "PLAIN");
        Settings settings = Settings.of(
                        Map.of(
                                "WHEREABOUTS_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                                "WHEREABOUTS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"),
                        properties)
                .with("kafka.client.client.rack", "eu-west-1a");

        assertThat(settings.passThrough(CommonSettings.KAFKA_CLIENT_PREFIX))
                .containsOnly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("sasl.mechanism", "PLAIN"),
                        Map.entry("client.rack", "eu-west-1a"));
        assertThat(settings.passThrough(CommonSettings.KAFKA_STREAMS_PREFIX)).isEmpty();
    }

    @Test
    void shouldParseEnumsInAnyCaseAndListTheirConstants() {
        Setting<java.time.DayOfWeek> day =
                Setting.choice("x.day", java.time.DayOfWeek.class, java.time.DayOfWeek.MONDAY, "Day.");

        assertThat(Settings.of(Map.of("WHEREABOUTS_X_DAY", "friday")).get(day)).isEqualTo(java.time.DayOfWeek.FRIDAY);
        assertThatThrownBy(() ->
                        Settings.of(Map.of("WHEREABOUTS_X_DAY", "someday")).get(day))
                .hasMessageContaining("SUNDAY");
    }

    @Test
    void shouldReadThePseudonymisationInputsUnderTheVariablesTheLibraryReads() {
        assertThat(CommonSettings.PSEUDONYM_KEYS.environmentVariable())
                .isEqualTo(dev.whereabouts.model.identity.PseudonymisationKeys.ENVIRONMENT_VARIABLE);
        assertThat(CommonSettings.PHONE_DEFAULT_COUNTRY_CODE.environmentVariable())
                .isEqualTo(dev.whereabouts.model.identity.IdentifierNormaliser.DEFAULT_COUNTRY_CODE_ENV);
    }

    @Test
    void shouldGiveTheDemoKeyOnlyInTheDemo() {
        var demo = dev.whereabouts.model.identity.Pseudonymiser.fromSettings(
                Settings.defaults().with(CommonSettings.DEMO, true));
        var national = demo.pseudonymise(dev.whereabouts.model.common.IdentifierType.PHONE, "06 1234 5678");
        var international = dev.whereabouts.model.identity.Pseudonymiser.fromSettings(Settings.defaults()
                        .with(CommonSettings.DEMO, true)
                        .with(CommonSettings.PHONE_DEFAULT_COUNTRY_CODE, "32"))
                .pseudonymise(dev.whereabouts.model.common.IdentifierType.PHONE, "06 1234 5678");

        assertThat(national).isNotEqualTo(international);
        assertThatThrownBy(() -> dev.whereabouts.model.identity.Pseudonymiser.fromSettings(Settings.defaults()))
                .hasMessageContaining("WHEREABOUTS_PSEUDONYM_KEYS");
    }
}

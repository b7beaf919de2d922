package dev.whereabouts.graph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

    @Test
    void shouldUseDefaultsInTheDemoAndPortEightyEighty() {
        ApiConfig config = ApiConfig.resolve(Map.of("WHEREABOUTS_API_DEMO", "true"), new Properties());
        assertThat(config.getInt(ApiSettings.PORT)).isEqualTo(8080);
        assertThat(config.get(ApiSettings.BOLT_URI)).isEqualTo("bolt://127.0.0.1:7687");
        assertThat(config.getBoolean(ApiSettings.WRITER_ENABLED)).isTrue();
    }

    @Test
    void shouldPreferASystemPropertyOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("whereabouts.api.port", "9000");
        ApiConfig config =
                ApiConfig.resolve(Map.of("WHEREABOUTS_API_PORT", "8000", "WHEREABOUTS_API_DEMO", "true"), properties);
        assertThat(config.getInt(ApiSettings.PORT)).isEqualTo(9000);
    }

    @Test
    void shouldRejectAnInvalidValueNamingTheVariable() {
        assertThatThrownBy(() -> ApiConfig.resolve(
                        Map.of("WHEREABOUTS_API_PORT", "eighty", "WHEREABOUTS_API_DEMO", "true"), new Properties()))
                .hasMessageContaining("WHEREABOUTS_API_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> ApiConfig.resolve(
                        Map.of("WHEREABOUTS_API_BOLT_URI", "http://x", "WHEREABOUTS_API_DEMO", "true"),
                        new Properties()))
                .hasMessageContaining("WHEREABOUTS_API_BOLT_URI");
    }

    @Test
    void shouldRequireTokensOutsideTheDemo() {
        assertThatThrownBy(() -> ApiConfig.resolve(Map.of(), new Properties()))
                .hasMessageContaining("WHEREABOUTS_API_TOKENS");
    }

    @Test
    void shouldRequireTheCallbackTokenKeyOutsideTheDemo() {
        assertThatThrownBy(() -> ApiConfig.resolve(
                        Map.of("WHEREABOUTS_API_TOKENS", "t0123456789abcdef=dpo:DPO"), new Properties()))
                .hasMessageContaining(DeliverySettings.TASK_TOKEN_KEY.environmentVariable());
        assertThatThrownBy(() -> ApiConfig.resolve(
                        Map.of(
                                "WHEREABOUTS_API_DEMO",
                                "true",
                                DeliverySettings.WEBHOOK_SECRETS.environmentVariable(),
                                "zendesk=short"),
                        new Properties()))
                .hasMessageContaining(DeliverySettings.WEBHOOK_SECRETS.environmentVariable())
                .hasMessageNotContaining("short");
    }

    @Test
    void shouldDocumentEverySetting() {
        String help = ApiConfig.help();
        for (SettingGroup group : ApiConfig.groups()) {
            for (Setting<?> setting : group.settings()) {
                assertThat(help).contains(setting.environmentVariable());
                assertThat(setting.doc()).isNotBlank();
            }
        }
    }
}

package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PlatformOptionsTest {

    @Test
    void shouldOpenDemoAccessOnlyForTheEmbeddedStackUnlessSaidOtherwise() {
        assertThat(PlatformOptions.from(Map.of(), new Properties(), true).demoAccess())
                .isTrue();
        assertThat(PlatformOptions.from(Map.of(), new Properties(), false).demoAccess())
                .isFalse();
        assertThat(PlatformOptions.from(Map.of("WHEREABOUTS_DEMO", "false"), new Properties(), true)
                        .demoAccess())
                .isFalse();
    }

    @Test
    void shouldTakeOptionsOverEnvironmentOverDefaults() {
        Properties options = new Properties();
        options.setProperty("whereabouts.demo.people", "0");

        PlatformOptions resolved = PlatformOptions.from(Map.of("WHEREABOUTS_API_PORT", "18080"), options, true);

        assertThat(resolved).isEqualTo(new PlatformOptions(8090, 18080, 0, true));
        assertThatThrownBy(
                        () -> PlatformOptions.from(Map.of("WHEREABOUTS_DEMO_PEOPLE", "many"), new Properties(), true))
                .hasMessageContaining("--demo-people")
                .hasMessageContaining("many");
    }

    @Test
    void shouldRunTheDemoWebhookHolderOnItsSettingsPort() {
        assertThat(PlatformOptions.from(Map.of(), new Properties(), true).demoHolderPort())
                .isEqualTo(8095);
        assertThat(PlatformOptions.from(Map.of("WHEREABOUTS_DEMO_HOLDER_PORT", "18095"), new Properties(), true)
                        .demoHolderPort())
                .isEqualTo(18095);
        assertThatThrownBy(() ->
                        PlatformOptions.from(Map.of("WHEREABOUTS_DEMO_HOLDER_PORT", "70000"), new Properties(), true))
                .hasMessageContaining("--demo-holder-port");
    }
}

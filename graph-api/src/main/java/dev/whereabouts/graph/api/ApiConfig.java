package dev.whereabouts.graph.api;

import dev.whereabouts.model.config.CommonSettings;
import dev.whereabouts.model.config.DeliverySettings;
import dev.whereabouts.model.config.ServiceCommandLine;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.model.config.Settings;
import dev.whereabouts.model.dsr.DeliveryKeys;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The graph-api service's settings, checked at start: every key valid, and tokens unless in the demo. */
public final class ApiConfig {

    private final Settings settings;

    private ApiConfig(Settings settings) {
        this.settings = settings;
    }

    public static ApiConfig resolve(Map<String, String> environment, Properties systemProperties) {
        return from(Settings.of(environment, systemProperties));
    }

    /** Validates every key the service reads now, so a bad value stops the start, not a later request. */
    public static ApiConfig from(Settings settings) {
        for (SettingGroup group : groups()) {
            group.settings().forEach(settings::get);
        }
        if (settings.get(CommonSettings.API_TOKENS).isEmpty() && !settings.get(CommonSettings.DEMO)) {
            throw new IllegalArgumentException(CommonSettings.API_TOKENS.environmentVariable() + " is required unless "
                    + CommonSettings.DEMO.environmentVariable() + "=true: " + CommonSettings.API_TOKENS.doc());
        }
        // The callback token key (required outside the demo) and the webhook secrets.
        DeliveryKeys.fromSettings(settings);
        return new ApiConfig(settings);
    }

    /** The keys this service reads: its own and the shared ones. */
    public static List<SettingGroup> groups() {
        return List.of(ApiSettings.GROUP, DeliverySettings.GROUP, CommonSettings.GROUP);
    }

    public <T> T get(Setting<T> setting) {
        return settings.get(setting);
    }

    public int getInt(Setting<Integer> setting) {
        return settings.get(setting);
    }

    public boolean getBoolean(Setting<Boolean> setting) {
        return settings.get(setting);
    }

    /** The settings behind this config, for the readers that take them whole (Kafka clients, pseudonymiser). */
    public Settings settings() {
        return settings;
    }

    /** {@link GraphApiApp}'s command line: these keys, {@code api.} dropped from the option names. */
    static final ServiceCommandLine COMMAND_LINE =
            new ServiceCommandLine("GraphApiApp", "Runs the graph writer and the DPO API.", groups(), "api.");

    /** What {@code --help} prints: every setting with its environment variable, default and doc. */
    public static String help() {
        return COMMAND_LINE.usage();
    }
}

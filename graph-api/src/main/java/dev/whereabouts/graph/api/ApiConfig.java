package dev.whereabouts.graph.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** Resolved {@link ApiSetting}s: every key validated once, at start. */
public final class ApiConfig {

    private final Map<ApiSetting, String> values;

    private ApiConfig(Map<ApiSetting, String> values) {
        this.values = values;
    }

    public static ApiConfig resolve(Map<String, String> environment, Properties systemProperties) {
        Map<ApiSetting, String> values = new EnumMap<>(ApiSetting.class);
        for (ApiSetting setting : ApiSetting.values()) {
            values.put(setting, setting.resolve(environment, systemProperties));
        }
        if (values.get(ApiSetting.TOKENS).isEmpty() && !"true".equals(values.get(ApiSetting.DEMO))) {
            throw new IllegalArgumentException(ApiSetting.TOKENS.environmentVariable() + " is required unless "
                    + ApiSetting.DEMO.environmentVariable() + "=true: " + ApiSetting.TOKENS.doc());
        }
        return new ApiConfig(values);
    }

    public String get(ApiSetting setting) {
        return values.get(setting);
    }

    public int getInt(ApiSetting setting) {
        return Integer.parseInt(values.get(setting));
    }

    public boolean getBoolean(ApiSetting setting) {
        return Boolean.parseBoolean(values.get(setting));
    }

    /** Every setting with its environment variable, default and doc, for {@code --help}. */
    public static String help() {
        StringBuilder help = new StringBuilder("Settings (environment variable, default):\n");
        for (ApiSetting setting : ApiSetting.values()) {
            help.append("  ")
                    .append(setting.environmentVariable())
                    .append(" (default '")
                    .append(setting.defaultValue())
                    .append("')\n      ")
                    .append(setting.doc())
                    .append('\n');
        }
        return help.toString();
    }
}

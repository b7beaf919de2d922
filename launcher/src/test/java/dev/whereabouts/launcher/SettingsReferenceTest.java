package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.config.SettingGroup;
import dev.whereabouts.model.config.SettingsReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings reference is generated from the declarations; this fails when the committed file
 * differs, and rewrites it when run with {@code -Dwhereabouts.docs.write=true}.
 */
class SettingsReferenceTest {

    static final String REGENERATE = "./mvnw -B -q -pl launcher -am test -Dtest=SettingsReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dwhereabouts.docs.write=true";

    private static final Path REFERENCE = Path.of("..", "docs", "settings.md");

    @Test
    void shouldMatchTheCommittedSettingsReference() throws Exception {
        String generated = SettingsReference.markdown(PlatformSettings.ALL, REGENERATE);
        if (Boolean.getBoolean("whereabouts.docs.write")) {
            Files.writeString(REFERENCE, generated);
        }

        assertThat(Files.exists(REFERENCE))
                .as("docs/settings.md is missing; generate it with: " + REGENERATE)
                .isTrue();
        assertThat(Files.readString(REFERENCE))
                .as("docs/settings.md differs from the setting declarations; regenerate it with: " + REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void shouldDeclareEveryKeyOnceWithItsOwnEnvironmentVariable() {
        Map<String, Setting<?>> byName = new HashMap<>();
        Map<String, String> variables = new HashMap<>();
        for (SettingGroup group : PlatformSettings.ALL) {
            for (Setting<?> setting : group.settings()) {
                Setting<?> earlier = byName.putIfAbsent(setting.name(), setting);
                assertThat(earlier == null || earlier == setting)
                        .as("key %s is declared twice", setting.name())
                        .isTrue();
                for (String variable : variablesOf(setting)) {
                    String owner = variables.putIfAbsent(variable, setting.name());
                    assertThat(owner == null || owner.equals(setting.name()))
                            .as("%s is read by both %s and %s", variable, owner, setting.name())
                            .isTrue();
                }
            }
        }
    }

    private static List<String> variablesOf(Setting<?> setting) {
        List<String> all = new java.util.ArrayList<>(setting.deprecatedEnvironmentVariables());
        all.add(setting.environmentVariable());
        return all;
    }
}

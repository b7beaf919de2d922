package dev.whereabouts.model.config;

import java.util.List;
import java.util.Objects;

/**
 * The settings one service or command declares, under a title, for {@code --help} and the generated
 * settings reference ({@code docs/settings.md}).
 *
 * @param title       heading, e.g. "Embedded stack"
 * @param description one paragraph: who reads these keys
 * @param settings    the keys, in the order they are documented
 */
public record SettingGroup(String title, String description, List<Setting<?>> settings) {

    public SettingGroup {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        settings = List.copyOf(settings);
    }
}

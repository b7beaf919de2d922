package dev.whereabouts.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whereabouts.registry.CompatibilityLevel;
import dev.whereabouts.registry.ErrorCode;
import dev.whereabouts.registry.RegistryException;
import dev.whereabouts.registry.schema.AvroSchema;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store without HTTP: the semantics the endpoints expose. */
class SchemaStoreTest {

    static final AvroSchema USER = AvroSchema.parse(
            "{\"type\":\"record\",\"name\":\"User\",\"fields\":[{\"name\":\"n\",\"type\":\"string\"}]}");
    static final AvroSchema TEXT = AvroSchema.parse("\"string\"");

    @TempDir
    Path directory;

    @Test
    void shouldReturnExistingIdWithoutWritingWhenSchemaIsAlreadyLive() throws IOException {
        try (SchemaStore store = SchemaStore.open(directory, CompatibilityLevel.BACKWARD)) {
            int id = store.register("users-value", USER);
            long size = java.nio.file.Files.size(directory.resolve(MutationLog.FILE_NAME));

            assertThat(store.register("users-value", USER)).isEqualTo(id);
            assertThat(java.nio.file.Files.size(directory.resolve(MutationLog.FILE_NAME)))
                    .isEqualTo(size);
        }
    }

    @Test
    void shouldUseTheConfiguredDefaultUntilALevelIsLogged() throws IOException {
        try (SchemaStore store = SchemaStore.open(directory, CompatibilityLevel.NONE)) {
            assertThat(store.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
            store.setGlobalCompatibility(CompatibilityLevel.FULL);
        }
        try (SchemaStore store = SchemaStore.open(directory, CompatibilityLevel.NONE)) {
            assertThat(store.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
            assertThat(store.resetGlobalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
            assertThat(store.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
        }
    }

    @Test
    void shouldRejectMutationsAfterCloseAsAStoreError() throws IOException {
        SchemaStore store = SchemaStore.open(directory, CompatibilityLevel.BACKWARD);
        store.close();

        assertThatThrownBy(() -> store.register("users-value", TEXT))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_ERROR));
    }

    @Test
    void shouldResolveLatestAmongLiveVersions() throws IOException {
        try (SchemaStore store = SchemaStore.open(directory, CompatibilityLevel.NONE)) {
            store.register("users-value", USER);
            store.register("users-value", TEXT);
            store.deleteVersion("users-value", VersionSpec.LATEST, false);

            assertThat(store.version("users-value", VersionSpec.LATEST, false))
                    .isEqualTo(new SubjectVersion("users-value", 1, 1, USER.canonical(), false));
            assertThat(store.version("users-value", VersionSpec.LATEST, true))
                    .isEqualTo(new SubjectVersion("users-value", 2, 2, TEXT.canonical(), true));
        }
    }

    @Test
    void shouldParseVersionSpecs() {
        assertThat(VersionSpec.parse("latest")).isEqualTo(VersionSpec.LATEST);
        assertThat(VersionSpec.parse("-1")).isEqualTo(VersionSpec.LATEST);
        assertThat(VersionSpec.parse("12").number()).isEqualTo(12);
        assertThatThrownBy(() -> VersionSpec.parse("0"))
                .isInstanceOfSatisfying(
                        RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VERSION));
    }
}

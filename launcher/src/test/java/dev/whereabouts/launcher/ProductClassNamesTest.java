package dev.whereabouts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two classes of the product share a simple name: a reader who sees {@code Route} in a stack trace,
 * an import or a review must know which one is meant. The launcher depends on every service, so its
 * tests are where the whole repository is in view; the check reads the sources rather than the
 * classpath so that modules the launcher does not depend on (the benchmark) count too, and so do the
 * classes Avro generates from every {@code src/main/avro} schema.
 */
class ProductClassNamesTest {

    /** Files that name a package or module, not a class. */
    private static final Set<String> NOT_CLASSES = Set.of("package-info", "module-info");

    /** Build output, VCS and tool folders: nothing in them is source. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git", ".mvn", ".idea");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldGiveEveryProductClassASimpleNameNoOtherProductClassHas() throws IOException {
        Map<String, List<String>> byName = productClassesBySimpleName(repositoryRoot());

        // Guards against a walk that silently found nothing (a moved root would make the test vacuous).
        assertThat(byName).containsKeys("HttpService", "IngestServer", "SharingEvent", "LineageRecord");

        Map<String, List<String>> shared = byName.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(shared)
                .as("simple names used by more than one product class (rename one unless they are the same"
                        + " concept; Avro records keep their names, their schema subject depends on it)")
                .isEmpty();
    }

    @Test
    void shouldCountTheRecordsOfAnAvroSchemaAndTheTypesNestedInIt() throws IOException {
        JsonNode schema = JSON.readTree("""
                {"type": "record", "name": "Outer", "namespace": "x.y", "fields": [
                  {"name": "kind", "type": {"type": "enum", "name": "x.y.Kind", "symbols": ["A"]}},
                  {"name": "inner", "type": ["null", {"type": "record", "name": "Inner", "fields": []}]},
                  {"name": "items", "type": {"type": "array", "items": {"type": "fixed", "name": "Id", "size": 16}}}
                ]}
                """);

        assertThat(namedAvroTypes(schema)).containsExactlyInAnyOrder("Outer", "Kind", "Inner", "Id");
    }

    /** The repository is the parent of the launcher module, the folder surefire runs this test in. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).as("repository root pom").exists();
        return root;
    }

    private static Map<String, List<String>> productClassesBySimpleName(Path root) throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(ProductClassNamesTest::isProductSource).sorted().forEach(file -> {
                String where = root.relativize(file).toString();
                for (String name : simpleNamesDeclaredIn(file)) {
                    byName.computeIfAbsent(name, n -> new ArrayList<>()).add(where);
                }
            });
        }
        return byName;
    }

    private static boolean isProductSource(Path file) {
        for (Path folder : file) {
            if (SKIPPED_FOLDERS.contains(folder.toString())) {
                return false;
            }
        }
        String path = file.toString().replace('\\', '/');
        return (path.contains("/src/main/java/") && path.endsWith(".java"))
                || (path.contains("/src/main/avro/") && path.endsWith(".avsc"));
    }

    private static List<String> simpleNamesDeclaredIn(Path file) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".java")) {
            String name = fileName.substring(0, fileName.length() - ".java".length());
            return NOT_CLASSES.contains(name) ? List.of() : List.of(name);
        }
        try {
            return namedAvroTypes(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Avro schema " + file, e);
        }
    }

    /** Every record, enum and fixed an Avro schema defines (each becomes a generated class), by simple name. */
    private static List<String> namedAvroTypes(JsonNode schema) {
        List<String> names = new ArrayList<>();
        collectNamedTypes(schema, names);
        return names;
    }

    private static void collectNamedTypes(JsonNode node, List<String> names) {
        if (node.isArray()) {
            node.forEach(element -> collectNamedTypes(element, names));
            return;
        }
        if (!node.isObject()) {
            return; // a type referenced by name is defined, and counted, where it is declared
        }
        String type = node.path("type").asText("");
        if (Set.of("record", "error", "enum", "fixed").contains(type)) {
            String name = node.path("name").asText();
            names.add(name.substring(name.lastIndexOf('.') + 1));
        }
        if (node.has("fields")) {
            node.get("fields").forEach(field -> collectNamedTypes(field.path("type"), names));
        }
        if (node.path("type").isContainerNode()) {
            collectNamedTypes(node.get("type"), names);
        }
        if (node.has("items")) {
            collectNamedTypes(node.get("items"), names);
        }
        if (node.has("values")) {
            collectNamedTypes(node.get("values"), names);
        }
    }
}

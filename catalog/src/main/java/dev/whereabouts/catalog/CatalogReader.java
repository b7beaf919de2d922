package dev.whereabouts.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.whereabouts.catalog.CatalogDocument.AuthorityEntry;
import dev.whereabouts.catalog.CatalogDocument.ContactEntry;
import dev.whereabouts.catalog.CatalogDocument.ControllerEntry;
import dev.whereabouts.catalog.CatalogDocument.ErasureEntry;
import dev.whereabouts.catalog.CatalogDocument.FlowEntry;
import dev.whereabouts.catalog.CatalogDocument.HolderEntry;
import dev.whereabouts.catalog.CatalogDocument.LegalHoldEntry;
import dev.whereabouts.catalog.CatalogDocument.PurposeEntry;
import dev.whereabouts.catalog.CatalogDocument.RetentionEntry;
import dev.whereabouts.catalog.CatalogDocument.VerificationEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads catalog YAML into a {@link CatalogDocument}: syntax, duplicate keys, unknown keys, missing
 * keys and value types. Meaning (ids, categories, periods, references) is the validator's job.
 */
final class CatalogReader {

    static final Set<String> TOP_KEYS =
            Set.of("formatVersion", "catalogVersion", "controller", "purposes", "holders", "flows");
    static final Set<String> CONTROLLER_KEYS = Set.of(
            "legalEntity",
            "registration",
            "address",
            "country",
            "contact",
            "dsrResponseTime",
            "backupMaxRetention",
            "supervisoryAuthority",
            "verification");
    static final Set<String> CONTACT_KEYS = Set.of("email", "phone", "address");
    static final Set<String> AUTHORITY_KEYS = Set.of("name", "country", "complaintUrl");
    static final Set<String> VERIFICATION_KEYS = Set.of("requestTypes", "method", "checkedBy", "instructions");
    static final Set<String> PURPOSE_KEYS = Set.of("id", "description", "legalBasis", "backup");
    static final Set<String> HOLDER_KEYS = Set.of(
            "id",
            "displayName",
            "legalEntity",
            "country",
            "role",
            "purposes",
            "categories",
            "retention",
            "legalHolds",
            "erasure");
    static final Set<String> RETENTION_KEYS = Set.of("categories", "retention", "note");
    static final Set<String> LEGAL_HOLD_KEYS = Set.of("categories", "period", "reason", "legalReference");
    static final Set<String> ERASURE_KEYS = Set.of("channel", "endpoint", "answerTime", "selfExpiring", "expiryGrace");
    static final Set<String> FLOW_KEYS =
            Set.of("id", "from", "to", "categories", "retention", "purpose", "description");

    /** What reading produced: the document (null when the file could not be read at all) and the problems. */
    record Result(CatalogDocument document, Problems problems) {}

    private static final YAMLFactory YAML = yamlFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private CatalogReader() {}

    static Result read(String file, String text) {
        SourceMap source = SourceMap.scan(YAML, text);
        Problems problems = new Problems(file, source);
        source.findings()
                .forEach(f -> problems.add(new CatalogProblem(
                        file, f.path(), f.position().line(), f.position().column(), f.reason())));
        if (!source.isWellFormed()) {
            return new Result(null, problems);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            // The streaming pass accepted the text, so this is not expected; report rather than throw.
            problems.at("", "YAML could not be read: " + e.getMessage());
            return new Result(null, problems);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.at("", "the catalog file is empty; expected a mapping starting with formatVersion: 1");
            return new Result(null, problems);
        }
        YamlFields top = YamlFields.of(root, "", problems, "the catalog", TOP_KEYS);
        if (top == null) {
            return new Result(null, problems);
        }
        CatalogDocument document = new CatalogDocument(
                top.integer("formatVersion", true),
                top.text("catalogVersion", true),
                controller(top.mapping("controller", true, "controller", CONTROLLER_KEYS)),
                each(top.mappings("purposes", true, "purpose", PURPOSE_KEYS), CatalogReader::purpose),
                each(top.mappings("holders", true, "holder", HOLDER_KEYS), CatalogReader::holder),
                each(top.mappings("flows", false, "flow", FLOW_KEYS), CatalogReader::flow));
        return new Result(document, problems);
    }

    private static ControllerEntry controller(YamlFields f) {
        if (f == null) {
            return null;
        }
        YamlFields contact = f.mapping("contact", true, "contact", CONTACT_KEYS);
        YamlFields authority = f.mapping("supervisoryAuthority", true, "supervisory authority", AUTHORITY_KEYS);
        return new ControllerEntry(
                f.text("legalEntity", true),
                f.text("registration", false),
                f.text("address", true),
                f.text("country", true),
                contact == null
                        ? null
                        : new ContactEntry(
                                contact.text("email", false),
                                contact.text("phone", false),
                                contact.text("address", false)),
                f.text("dsrResponseTime", true),
                f.text("backupMaxRetention", false),
                authority == null
                        ? null
                        : new AuthorityEntry(
                                authority.text("name", true),
                                authority.text("country", true),
                                authority.text("complaintUrl", true)),
                each(
                        f.mappings("verification", false, "verification policy", VERIFICATION_KEYS),
                        CatalogReader::verification));
    }

    private static VerificationEntry verification(YamlFields f) {
        return new VerificationEntry(
                f.texts("requestTypes", true),
                f.text("method", true),
                f.text("checkedBy", true),
                f.text("instructions", true));
    }

    private static PurposeEntry purpose(YamlFields f) {
        return new PurposeEntry(
                f.text("id", true), f.text("description", true), f.text("legalBasis", true), f.flag("backup"));
    }

    private static HolderEntry holder(YamlFields f) {
        YamlFields erasure = f.mapping("erasure", true, "erasure route", ERASURE_KEYS);
        return new HolderEntry(
                f.text("id", true),
                f.text("displayName", true),
                f.text("legalEntity", true),
                f.text("country", true),
                f.text("role", true),
                f.texts("purposes", true),
                f.texts("categories", true),
                each(f.mappings("retention", true, "retention rule", RETENTION_KEYS), CatalogReader::retention),
                each(f.mappings("legalHolds", false, "legal hold", LEGAL_HOLD_KEYS), CatalogReader::legalHold),
                erasure == null
                        ? null
                        : new ErasureEntry(
                                erasure.text("channel", true),
                                erasure.text("endpoint", false),
                                erasure.text("answerTime", false),
                                erasure.flag("selfExpiring"),
                                erasure.text("expiryGrace", false)));
    }

    private static RetentionEntry retention(YamlFields f) {
        if (!f.has("retention")) {
            f.text("retention", true);
        }
        return new RetentionEntry(f.texts("categories", true), f.text("retention", false), f.text("note", false));
    }

    private static LegalHoldEntry legalHold(YamlFields f) {
        return new LegalHoldEntry(
                f.texts("categories", true),
                f.text("period", true),
                f.text("reason", true),
                f.text("legalReference", true));
    }

    private static FlowEntry flow(YamlFields f) {
        return new FlowEntry(
                f.text("id", true),
                f.text("from", true),
                f.text("to", true),
                f.texts("categories", true),
                f.text("retention", false),
                f.text("purpose", true),
                f.text("description", false));
    }

    /** Maps each readable item, keeping {@code null} where an item was not a mapping so indices match the file. */
    private static <T> List<T> each(List<YamlFields> items, Function<YamlFields, T> read) {
        if (items == null) {
            return null;
        }
        List<T> result = new ArrayList<>(items.size());
        for (YamlFields item : items) {
            result.add(item == null ? null : read.apply(item));
        }
        return result;
    }

    private static YAMLFactory yamlFactory() {
        YAMLFactory factory = new YAMLFactory();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return factory;
    }
}

package dev.whereabouts.catalog;

import dev.whereabouts.catalog.CatalogDocument.ControllerEntry;
import dev.whereabouts.catalog.CatalogDocument.FlowEntry;
import dev.whereabouts.catalog.CatalogDocument.HolderEntry;
import dev.whereabouts.catalog.CatalogDocument.LegalHoldEntry;
import dev.whereabouts.catalog.CatalogDocument.PurposeEntry;
import dev.whereabouts.catalog.CatalogDocument.RetentionEntry;
import dev.whereabouts.model.catalog.ErasureChannel;
import dev.whereabouts.model.catalog.HolderRole;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.config.Setting;
import dev.whereabouts.model.dsr.Deadlines;
import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.id.FlowId;
import dev.whereabouts.model.id.HolderId;
import dev.whereabouts.model.id.PurposeId;
import dev.whereabouts.model.time.IsoPeriod;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a catalog file and, when it is sound, builds the {@link Catalog}.
 *
 * <p>Every problem is reported, not just the first, each as a {@link CatalogProblem} with the
 * file, the YAML path of the offending value ({@code holders[3].retention[0].retention}), its
 * line and column, and a reason that names the fix where there is one. What is checked, beyond
 * syntax, unknown keys and value types, is listed in {@code docs/catalog.md}: ids, references
 * between purposes, holders and flows, fideslang categories (with a suggestion for near misses),
 * ISO-8601 periods and country codes, retention coverage, legal holds, erasure routes (endpoints,
 * answer time, self-expiry), flow cycles, the controller's promise on backup retention, its
 * supervisory authority and its identity verification per request type.
 *
 * <p>Stateless and thread-safe.
 */
public final class CatalogValidator {

    /** The only catalog file format this version reads ({@code formatVersion: 1}). */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> COUNTRY_MISTAKES = Map.of("UK", "GB", "EL", "GR", "EN", "GB");

    private final DataCategories taxonomy;

    /** A validator for the fideslang taxonomy. */
    public CatalogValidator() {
        this(DataCategories.fideslang());
    }

    /** A validator for the given taxonomy. */
    public CatalogValidator(DataCategories taxonomy) {
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    }

    /** The result of checking a file: the catalog when there are no problems, else the problems. */
    public record Outcome(Optional<Catalog> catalog, List<CatalogProblem> problems) {

        public Outcome {
            Objects.requireNonNull(catalog, "catalog");
            problems = List.copyOf(problems);
        }

        /** Whether the file is a valid catalog. */
        public boolean isValid() {
            return problems.isEmpty();
        }

        /**
         * The catalog.
         *
         * @throws InvalidCatalogException carrying every problem when the file was invalid
         */
        public Catalog orThrow() {
            return catalog.orElseThrow(() -> new InvalidCatalogException(problems));
        }
    }

    /** Every problem of the catalog file; empty when it is valid. */
    public List<CatalogProblem> validate(Path file) {
        return check(file).problems();
    }

    /** Every problem of the catalog text; {@code fileName} is only used in the problems. */
    public List<CatalogProblem> validate(String fileName, String yaml) {
        return check(fileName, yaml).problems();
    }

    /** Reads and checks the catalog file. */
    public Outcome check(Path file) {
        String name = file.toString();
        try {
            return check(name, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return failed(name, "catalog file not found");
        } catch (IOException e) {
            return failed(name, "catalog file cannot be read: " + e.getMessage());
        }
    }

    /** Checks the bytes of a catalog file, which must be UTF-8. */
    Outcome check(String fileName, byte[] content) {
        try {
            return check(
                    fileName,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(content))
                            .toString());
        } catch (CharacterCodingException e) {
            return failed(fileName, "catalog file is not UTF-8 text");
        }
    }

    /** Checks catalog text; {@code fileName} is only used in the problems. */
    public Outcome check(String fileName, String yaml) {
        CatalogReader.Result read = CatalogReader.read(fileName, yaml);
        if (read.document() == null) {
            return new Outcome(Optional.empty(), read.problems().list());
        }
        Optional<Catalog> catalog = new Check(read.document(), read.problems()).run();
        List<CatalogProblem> problems = read.problems().list();
        return new Outcome(problems.isEmpty() ? catalog : Optional.empty(), problems);
    }

    private static Outcome failed(String file, String reason) {
        return new Outcome(Optional.empty(), List.of(new CatalogProblem(file, "", 0, 0, reason)));
    }

    /** One run of the semantic checks over one document. */
    private final class Check {

        private final CatalogDocument doc;
        private final Problems problems;
        private final Map<String, PurposeEntry> purposeEntries = new LinkedHashMap<>();
        private final Map<String, Integer> holderIndex = new LinkedHashMap<>();
        private final Set<String> duplicateHolderIds = new HashSet<>();

        Check(CatalogDocument doc, Problems problems) {
            this.doc = doc;
            this.problems = problems;
        }

        Optional<Catalog> run() {
            if (doc.formatVersion() != null && doc.formatVersion() != FORMAT_VERSION) {
                problems.at(
                        "formatVersion",
                        "unsupported formatVersion " + doc.formatVersion()
                                + "; this version of Whereabouts reads formatVersion " + FORMAT_VERSION);
            }
            Controller controller = controller(doc.controller());
            List<Purpose> purposes = purposes(orEmpty(doc.purposes()));
            indexHolders(orEmpty(doc.holders()));
            List<CatalogHolder> holders = new ArrayList<>();
            List<HolderEntry> holderEntries = orEmpty(doc.holders());
            for (int i = 0; i < holderEntries.size(); i++) {
                if (holderEntries.get(i) != null) {
                    holders.add(holder("holders[" + i + "]", holderEntries.get(i), controller));
                }
            }
            List<CatalogFlow> flows = new ArrayList<>();
            List<FlowEntry> flowEntries = orEmpty(doc.flows());
            Map<String, Integer> flowIds = new HashMap<>();
            for (int j = 0; j < flowEntries.size(); j++) {
                if (flowEntries.get(j) != null) {
                    flows.add(flow("flows[" + j + "]", flowEntries.get(j), flowIds, j, controller));
                }
            }
            cycles(flowEntries);
            if (!problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Catalog(doc.catalogVersion(), Optional.of(controller), purposes, holders, flows));
        }

        // ---------------------------------------------------------------- controller and purposes

        private Controller controller(ControllerEntry c) {
            if (c == null) {
                return null;
            }
            String country = country("controller.country", c.country());
            IsoPeriod dsr = period("controller.dsrResponseTime", c.dsrResponseTime());
            IsoPeriod backups = c.backupMaxRetention() == null
                    ? null
                    : period("controller.backupMaxRetention", c.backupMaxRetention());
            Controller.Contact contact = null;
            if (c.contact() != null) {
                if (c.contact().email() == null
                        && c.contact().phone() == null
                        && c.contact().address() == null) {
                    problems.at("controller.contact", "give at least one of email, phone or address");
                }
                if (c.contact().email() != null) {
                    mailbox("controller.contact.email", c.contact().email());
                }
                contact = new Controller.Contact(
                        Optional.ofNullable(c.contact().email()),
                        Optional.ofNullable(c.contact().phone()),
                        Optional.ofNullable(c.contact().address()));
            }
            Controller.Authority authority = authority("controller.supervisoryAuthority", c.supervisoryAuthority());
            List<Controller.Verification> verification = verification(orEmpty(c.verification()));
            if (c.legalEntity() == null
                    || c.address() == null
                    || country == null
                    || contact == null
                    || dsr == null
                    || authority == null
                    || verification == null) {
                return null;
            }
            return new Controller(
                    c.legalEntity(),
                    Optional.ofNullable(c.registration()),
                    c.address(),
                    country,
                    contact,
                    dsr,
                    Optional.ofNullable(backups),
                    authority,
                    verification);
        }

        private Controller.Authority authority(String path, CatalogDocument.AuthorityEntry a) {
            if (a == null) {
                return null;
            }
            String country = country(path + ".country", a.country());
            boolean urlOk = a.complaintUrl() == null || httpUrl(path + ".complaintUrl", a.complaintUrl());
            if (a.name() == null || country == null || a.complaintUrl() == null || !urlOk) {
                return null;
            }
            return new Controller.Authority(a.name(), country, a.complaintUrl());
        }

        /** The policies, or null when one is unusable (reported); each request type named by one policy at most. */
        private List<Controller.Verification> verification(List<CatalogDocument.VerificationEntry> entries) {
            List<Controller.Verification> policies = new ArrayList<>();
            Map<RequestType, String> policyOfType = new EnumMap<>(RequestType.class);
            boolean complete = true;
            for (int i = 0; i < entries.size(); i++) {
                CatalogDocument.VerificationEntry entry = entries.get(i);
                if (entry == null) {
                    complete = false;
                    continue;
                }
                String path = "controller.verification[" + i + "]";
                int before = problems.size();
                List<RequestType> types = new ArrayList<>();
                List<String> names = entry.requestTypes();
                if (names != null && names.isEmpty()) {
                    problems.at(path + ".requestTypes", "a verification policy needs at least one request type");
                }
                for (int k = 0; k < orEmpty(names).size(); k++) {
                    String typePath = path + ".requestTypes[" + k + "]";
                    RequestType type = requestType(typePath, names.get(k));
                    if (type == null) {
                        continue;
                    }
                    if (types.contains(type)) {
                        problems.at(typePath, "'" + type + "' is listed twice");
                        continue;
                    }
                    String other = policyOfType.putIfAbsent(type, path);
                    if (other != null) {
                        problems.at(
                                typePath,
                                "request type '" + type + "' already has a verification policy (" + other
                                        + "); a request type is verified one way");
                        continue;
                    }
                    types.add(type);
                }
                upperSnake(path + ".method", entry.method(), "method", "ID_DOCUMENT_COPY");
                upperSnake(path + ".checkedBy", entry.checkedBy(), "checkedBy", Controller.Verification.PERSON);
                if (problems.size() > before
                        || anyNull(names, entry.method(), entry.checkedBy(), entry.instructions())) {
                    complete = false;
                    continue;
                }
                policies.add(
                        new Controller.Verification(types, entry.method(), entry.checkedBy(), entry.instructions()));
            }
            return complete ? policies : null;
        }

        private RequestType requestType(String path, String value) {
            if (value == null) {
                return null;
            }
            List<String> allowed =
                    Arrays.stream(RequestType.values()).map(Enum::name).toList();
            if (allowed.contains(value)) {
                return RequestType.valueOf(value);
            }
            String upper = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            String hint = allowed.contains(upper)
                    ? " (write it as the request type is named: '" + upper + "')"
                    : EditDistance.hint(value, allowed);
            problems.at(path, "unknown request type '" + value + "'" + hint + "; one of " + String.join(", ", allowed));
            return null;
        }

        private void upperSnake(String path, String value, String key, String example) {
            if (value == null || UPPER_SNAKE.matcher(value).matches()) {
                return;
            }
            String suggestion = value.trim()
                    .toUpperCase(Locale.ROOT)
                    .replaceAll("[^A-Z0-9]+", "_")
                    .replaceAll("^_|_$", "");
            problems.at(
                    path,
                    key + " '" + value + "' must be upper snake case, e.g. " + example
                            + (UPPER_SNAKE.matcher(suggestion).matches() ? "; here: '" + suggestion + "'" : ""));
        }

        private List<Purpose> purposes(List<PurposeEntry> entries) {
            List<Purpose> purposes = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                PurposeEntry entry = entries.get(i);
                if (entry == null) {
                    continue;
                }
                String path = "purposes[" + i + "]";
                String id = id(path + ".id", entry.id(), "purpose");
                if (id != null) {
                    Integer first = seen.putIfAbsent(id, i);
                    if (first != null) {
                        problems.at(
                                path + ".id", "duplicate purpose id '" + id + "' (first at purposes[" + first + "])");
                    } else {
                        purposeEntries.put(id, entry);
                    }
                }
                LegalBasis basis = enumValue(
                        path + ".legalBasis",
                        entry.legalBasis(),
                        LegalBasis.class,
                        "legal basis",
                        Set.of(LegalBasis.UNSPECIFIED));
                if (id != null && basis != null && entry.description() != null) {
                    purposes.add(new Purpose(id, entry.description(), basis, entry.backup()));
                }
            }
            return purposes;
        }

        // ---------------------------------------------------------------- holders

        private void indexHolders(List<HolderEntry> entries) {
            for (int i = 0; i < entries.size(); i++) {
                HolderEntry entry = entries.get(i);
                if (entry == null || entry.id() == null) {
                    continue;
                }
                Integer first = holderIndex.putIfAbsent(entry.id(), i);
                if (first != null) {
                    duplicateHolderIds.add(entry.id());
                    problems.at(
                            "holders[" + i + "].id",
                            "duplicate holder id '" + entry.id() + "' (first at holders[" + first + "])");
                }
            }
        }

        private CatalogHolder holder(String path, HolderEntry h, Controller controller) {
            int before = problems.size();
            String id = id(path + ".id", h.id(), "holder");
            String country = country(path + ".country", h.country());
            HolderRole role = enumValue(path + ".role", h.role(), HolderRole.class, "role", Set.of());
            List<String> purposes = purposeRefs(path + ".purposes", h.purposes());
            List<String> categories = categories(path + ".categories", h.categories(), true);
            List<RetentionRule> retention = retention(path, h, categories, controller);
            List<LegalHoldRule> holds = legalHolds(path, h, categories, retention);
            ErasureRoute erasure = erasure(
                    path + ".erasure",
                    h.erasure(),
                    orEmpty(h.retention()),
                    !orEmpty(h.legalHolds()).isEmpty());
            if (problems.size() > before || anyNull(id, h.displayName(), h.legalEntity(), country, role, erasure)) {
                return null;
            }
            return new CatalogHolder(
                    id,
                    h.displayName(),
                    h.legalEntity(),
                    country,
                    role,
                    purposes,
                    categories,
                    retention,
                    holds,
                    erasure);
        }

        private List<String> purposeRefs(String path, List<String> refs) {
            if (refs == null) {
                return List.of();
            }
            if (refs.isEmpty()) {
                problems.at(path, "a holder needs at least one purpose");
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < refs.size(); k++) {
                String ref = refs.get(k);
                if (ref == null) {
                    continue;
                }
                if (!purposeEntries.containsKey(ref)) {
                    problems.at(
                            path + "[" + k + "]",
                            "unknown purpose '" + ref + "'" + EditDistance.hint(ref, purposeEntries.keySet())
                                    + "; declare it under purposes");
                } else if (!seen.add(ref)) {
                    problems.at(path + "[" + k + "]", "purpose '" + ref + "' is listed twice");
                }
            }
            return refs;
        }

        private List<RetentionRule> retention(
                String path, HolderEntry h, List<String> declared, Controller controller) {
            List<RetentionEntry> entries = orEmpty(h.retention());
            if (h.retention() != null && entries.isEmpty()) {
                problems.at(
                        path + ".retention",
                        "a holder needs a retention rule for each of its categories"
                                + " (retention: null with a note when the statement gives none)");
            }
            boolean backupOnly = isBackupOnly(h.purposes());
            List<RetentionRule> rules = new ArrayList<>();
            Map<String, String> ruleOfKey = new HashMap<>();
            for (int r = 0; r < entries.size(); r++) {
                RetentionEntry entry = entries.get(r);
                if (entry == null) {
                    continue;
                }
                String rulePath = path + ".retention[" + r + "]";
                List<String> keys = categories(rulePath + ".categories", entry.categories(), true);
                for (int k = 0; k < keys.size(); k++) {
                    String key = keys.get(k);
                    if (!taxonomy.isKnown(key)) {
                        continue;
                    }
                    String keyPath = rulePath + ".categories[" + k + "]";
                    if (declared.stream().noneMatch(d -> taxonomy.overlap(d, key))) {
                        problems.at(
                                keyPath,
                                "retention for '" + key + "', which the holder does not receive" + " (its categories: "
                                        + String.join(", ", declared) + ")");
                    }
                    String other = ruleOfKey.putIfAbsent(key, rulePath);
                    if (other != null && !other.equals(rulePath)) {
                        problems.at(keyPath, "'" + key + "' already has a retention rule (" + other + ")");
                    }
                }
                IsoPeriod period =
                        entry.retention() == null ? null : period(rulePath + ".retention", entry.retention());
                if (entry.retention() == null
                        && (entry.note() == null || entry.note().isBlank())) {
                    problems.at(
                            rulePath,
                            "retention is null, so a note must say what the statement says about it"
                                    + " (e.g. note: \"Not stated\")");
                }
                Optional<IsoPeriod> promised = controller == null ? Optional.empty() : controller.backupMaxRetention();
                if (backupOnly && promised.isPresent()) {
                    if (entry.retention() == null) {
                        problems.at(
                                rulePath + ".retention",
                                "a backup holder needs a retention, to check it against the"
                                        + " promised backup maximum " + promised.get()
                                        + " (controller.backupMaxRetention)");
                    } else if (period != null && period.exceeds(promised.get())) {
                        problems.at(
                                rulePath + ".retention",
                                "backups are promised to be kept at most " + promised.get()
                                        + " (controller.backupMaxRetention), but this backup holder keeps data "
                                        + period);
                    }
                }
                rules.add(new RetentionRule(keys, Optional.ofNullable(period), Optional.ofNullable(entry.note())));
            }
            if (h.retention() != null) {
                for (int k = 0; k < declared.size(); k++) {
                    String category = declared.get(k);
                    if (!taxonomy.isKnown(category)) {
                        continue;
                    }
                    boolean covered = ruleOfKey.keySet().stream().anyMatch(key -> taxonomy.covers(key, category));
                    if (!covered) {
                        problems.at(
                                path + ".categories[" + k + "]",
                                "no retention rule covers '" + category
                                        + "': add it to a rule under retention (retention: null with a note when the statement"
                                        + " gives none)");
                    }
                }
            }
            return rules;
        }

        private List<LegalHoldRule> legalHolds(
                String path, HolderEntry h, List<String> declared, List<RetentionRule> rules) {
            List<LegalHoldEntry> entries = orEmpty(h.legalHolds());
            List<LegalHoldRule> holds = new ArrayList<>();
            for (int j = 0; j < entries.size(); j++) {
                LegalHoldEntry entry = entries.get(j);
                if (entry == null) {
                    continue;
                }
                String holdPath = path + ".legalHolds[" + j + "]";
                List<String> keys = categories(holdPath + ".categories", entry.categories(), true);
                IsoPeriod period = period(holdPath + ".period", entry.period());
                for (int k = 0; k < keys.size(); k++) {
                    String key = keys.get(k);
                    if (!taxonomy.isKnown(key)) {
                        continue;
                    }
                    if (declared.stream().noneMatch(d -> taxonomy.covers(d, key))) {
                        problems.at(
                                holdPath + ".categories[" + k + "]",
                                "legal hold on '" + key + "', which the holder does not receive (its categories: "
                                        + String.join(", ", declared) + ")");
                        continue;
                    }
                    IsoPeriod kept = mostSpecificPeriod(rules, key);
                    if (period != null && kept != null && period.exceeds(kept)) {
                        problems.at(
                                holdPath + ".period",
                                "the legal hold keeps '" + key + "' for " + period
                                        + " but the holder's retention for it is only " + kept
                                        + "; a retention must last at least as long as the law requires");
                    }
                }
                if (period != null && entry.reason() != null && entry.legalReference() != null) {
                    holds.add(new LegalHoldRule(keys, period, entry.reason(), entry.legalReference()));
                }
            }
            return holds;
        }

        private IsoPeriod mostSpecificPeriod(List<RetentionRule> rules, String category) {
            IsoPeriod best = null;
            int bestLength = -1;
            for (RetentionRule rule : rules) {
                for (String key : rule.categories()) {
                    if (taxonomy.covers(key, category) && key.length() > bestLength) {
                        bestLength = key.length();
                        best = rule.period().orElse(null);
                    }
                }
            }
            return best;
        }

        private ErasureRoute erasure(
                String path, CatalogDocument.ErasureEntry e, List<RetentionEntry> retention, boolean legalHolds) {
            if (e == null) {
                return null;
            }
            int before = problems.size();
            ErasureChannel channel =
                    enumValue(path + ".channel", e.channel(), ErasureChannel.class, "erasure channel", Set.of());
            String endpoint = e.endpoint();
            if (channel != null) {
                endpoint(path, channel, endpoint);
            }
            IsoPeriod answerTime = e.answerTime() == null ? null : period(path + ".answerTime", e.answerTime());
            if (answerTime != null && answerTime.isZero()) {
                problems.at(
                        path + ".answerTime",
                        "an answer time of " + answerTime + " leaves the holder no time to answer; give a positive"
                                + " period, or leave it out for the default " + Deadlines.DEFAULT_ANSWER_TIME);
            }
            IsoPeriod grace = e.expiryGrace() == null ? null : period(path + ".expiryGrace", e.expiryGrace());
            if (e.expiryGrace() != null && !e.selfExpiring()) {
                problems.at(
                        path + ".expiryGrace",
                        "expiryGrace only applies to a self-expiring holder; add selfExpiring: true or remove it");
            }
            if (e.selfExpiring()) {
                selfExpiring(path + ".selfExpiring", path.substring(0, path.lastIndexOf('.')), retention, legalHolds);
                Optional<IsoPeriod> longest = retention.stream()
                        .filter(rule -> rule != null && rule.retention() != null)
                        .flatMap(rule -> IsoPeriod.tryParse(rule.retention()).stream())
                        .max(Comparator.comparing(IsoPeriod::approximateDuration));
                if (grace != null && longest.isPresent() && grace.exceeds(longest.get())) {
                    problems.at(
                            path + ".expiryGrace",
                            "an expiry grace of " + grace + " is longer than the holder keeps anything ("
                                    + longest.get()
                                    + "): a copy cannot outlive the deadline by more than its retention");
                }
            }
            if (channel == null || problems.size() > before) {
                return null;
            }
            return new ErasureRoute(
                    channel,
                    Optional.ofNullable(endpoint),
                    Optional.ofNullable(answerTime),
                    e.selfExpiring(),
                    Optional.ofNullable(grace));
        }

        private void endpoint(String path, ErasureChannel channel, String endpoint) {
            switch (channel) {
                case WEBHOOK -> {
                    if (endpoint == null) {
                        problems.at(path, "the webhook channel needs an endpoint: the https URL tasks are posted to");
                    } else {
                        webhookUrl(path + ".endpoint", endpoint);
                    }
                }
                case EMAIL -> {
                    if (endpoint == null) {
                        problems.at(path, "the email channel needs an endpoint: the mailbox tasks are sent to");
                    } else {
                        mailbox(path + ".endpoint", endpoint);
                    }
                }
                default -> {
                    if (endpoint != null) {
                        problems.at(
                                path + ".endpoint",
                                "the " + lowerKebab(channel) + " channel takes no endpoint;"
                                        + " only webhook and email do");
                    }
                }
            }
        }

        /**
         * Tasks carry the holder's answer link with its token, so they travel encrypted, except to a
         * holder on this machine (the demo); and the URL is published on a topic, so it carries no
         * credentials: webhooks are signed with a per-holder secret kept out of the catalog.
         */
        private void webhookUrl(String path, String endpoint) {
            if (!httpUrl(path, endpoint)) {
                return;
            }
            URI uri = URI.create(endpoint);
            if (uri.getRawUserInfo() != null) {
                problems.at(
                        path,
                        "a webhook URL must not carry credentials (user:password@): the catalog is published on"
                                + " Kafka; webhooks are signed with the holder's secret from delivery.webhook.secrets");
            } else if (uri.getRawFragment() != null) {
                problems.at(path, "a webhook URL takes no #fragment: it is never sent to the server");
            } else if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                problems.at(
                        path,
                        "a webhook to another machine must use https: tasks carry the holder's answer token"
                                + " (http is accepted for a loopback host such as 127.0.0.1 or localhost only)");
            }
        }

        /**
         * A self-expiring holder is answered with the date its copy is gone, computed from its
         * retention, and must have nothing it is obliged to keep.
         */
        private void selfExpiring(String path, String holderPath, List<RetentionEntry> retention, boolean legalHolds) {
            List<String> open = new ArrayList<>();
            for (int r = 0; r < retention.size(); r++) {
                RetentionEntry rule = retention.get(r);
                if (rule != null && rule.retention() == null) {
                    open.add(holderPath + ".retention[" + r + "]");
                }
            }
            if (!open.isEmpty()) {
                problems.at(
                        path,
                        "a self-expiring holder needs a retention period in every rule, to compute the date its"
                                + " copy is gone; " + String.join(", ", open) + " has none");
            }
            if (legalHolds) {
                problems.at(
                        path,
                        "a holder under a legal hold cannot be self-expiring: the law makes it keep the data, so its"
                                + " erasure becomes a restriction with the hold's reason");
            }
        }

        private boolean isBackupOnly(List<String> purposeIds) {
            if (purposeIds == null || purposeIds.isEmpty()) {
                return false;
            }
            return purposeIds.stream()
                    .allMatch(p -> p != null
                            && purposeEntries.containsKey(p)
                            && purposeEntries.get(p).backup());
        }

        // ---------------------------------------------------------------- flows

        private CatalogFlow flow(
                String path, FlowEntry f, Map<String, Integer> flowIds, int index, Controller controller) {
            int before = problems.size();
            String id = id(path + ".id", f.id(), "flow");
            if (id != null) {
                Integer first = flowIds.putIfAbsent(id, index);
                if (first != null) {
                    problems.at(path + ".id", "duplicate flow id '" + id + "' (first at flows[" + first + "])");
                }
            }
            HolderEntry from = holderRef(path + ".from", f.from());
            HolderEntry to = holderRef(path + ".to", f.to());
            if (f.from() != null && f.from().equals(f.to())) {
                problems.at(path + ".to", "a flow must go to another holder, not back to '" + f.from() + "'");
            }
            List<String> keys = categories(path + ".categories", f.categories(), true);
            if (from != null && to != null && from != to) {
                flowCategories(path, f, keys, from, to);
            }
            IsoPeriod retention = f.retention() == null ? null : period(path + ".retention", f.retention());
            if (f.purpose() != null) {
                PurposeEntry purpose = purposeEntries.get(f.purpose());
                if (purpose == null) {
                    problems.at(
                            path + ".purpose",
                            "unknown purpose '" + f.purpose() + "'"
                                    + EditDistance.hint(f.purpose(), purposeEntries.keySet())
                                    + "; declare it under purposes");
                } else {
                    if (to != null && to.purposes() != null && !to.purposes().contains(f.purpose())) {
                        problems.at(
                                path + ".purpose",
                                "purpose '" + f.purpose() + "' is not among the purposes of holder '"
                                        + f.to() + "' ("
                                        + String.join(
                                                ", ",
                                                to.purposes().stream()
                                                        .filter(Objects::nonNull)
                                                        .toList())
                                        + ")");
                    }
                    Optional<IsoPeriod> promised =
                            controller == null ? Optional.empty() : controller.backupMaxRetention();
                    if (purpose.backup() && promised.isPresent()) {
                        if (f.retention() == null) {
                            problems.at(
                                    path,
                                    "a backup flow needs a retention, to check it against the promised backup"
                                            + " maximum " + promised.get() + " (controller.backupMaxRetention)");
                        } else if (retention != null && retention.exceeds(promised.get())) {
                            problems.at(
                                    path + ".retention",
                                    "backups are promised to be kept at most " + promised.get()
                                            + " (controller.backupMaxRetention), but this flow keeps them "
                                            + retention);
                        }
                    }
                }
            }
            if (problems.size() > before || anyNull(id, f.from(), f.to(), f.purpose())) {
                return null;
            }
            return new CatalogFlow(
                    id,
                    f.from(),
                    f.to(),
                    keys,
                    Optional.ofNullable(retention),
                    f.purpose(),
                    Optional.ofNullable(f.description()));
        }

        private HolderEntry holderRef(String path, String holderId) {
            if (holderId == null) {
                return null;
            }
            Integer index = holderIndex.get(holderId);
            if (index == null) {
                problems.at(
                        path, "unknown holder '" + holderId + "'" + EditDistance.hint(holderId, holderIndex.keySet()));
                return null;
            }
            // Which of the two holders a duplicated id means is anyone's guess; checking against
            // either would only add noise to the duplicate already reported.
            return duplicateHolderIds.contains(holderId) ? null : doc.holders().get(index);
        }

        /**
         * A flow category must be something the sending holder has; what it then carries (the
         * sender's categories under it, or itself when narrower) must be declared by the receiver.
         */
        private void flowCategories(String path, FlowEntry f, List<String> keys, HolderEntry from, HolderEntry to) {
            List<String> sent = known(from.categories());
            List<String> received = known(to.categories());
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                if (!taxonomy.isKnown(key)) {
                    continue;
                }
                String keyPath = path + ".categories[" + k + "]";
                if (sent.stream().noneMatch(s -> taxonomy.overlap(s, key))) {
                    problems.at(
                            keyPath,
                            "holder '" + f.from() + "' does not hold '" + key + "' (its categories: "
                                    + String.join(", ", sent) + ")");
                    continue;
                }
                Set<String> carried = new LinkedHashSet<>();
                for (String s : sent) {
                    if (taxonomy.covers(key, s)) {
                        carried.add(s);
                    } else if (taxonomy.covers(s, key)) {
                        carried.add(key);
                    }
                }
                List<String> missing = carried.stream()
                        .filter(c -> received.stream().noneMatch(r -> taxonomy.covers(r, c)))
                        .toList();
                if (!missing.isEmpty()) {
                    problems.at(
                            keyPath,
                            "this flow carries " + quoted(missing) + " to holder '" + f.to()
                                    + "', which is not declared to receive " + (missing.size() == 1 ? "it" : "them")
                                    + " (add to holders[" + holderIndex.get(f.to()) + "].categories)");
                }
            }
        }

        /** Reports each cycle once, at the flow that closes it. */
        private void cycles(List<FlowEntry> entries) {
            Map<String, List<Integer>> out = new LinkedHashMap<>();
            for (int j = 0; j < entries.size(); j++) {
                FlowEntry f = entries.get(j);
                if (f != null
                        && f.from() != null
                        && f.to() != null
                        && holderIndex.containsKey(f.from())
                        && holderIndex.containsKey(f.to())
                        && !f.from().equals(f.to())) {
                    out.computeIfAbsent(f.from(), k -> new ArrayList<>()).add(j);
                }
            }
            Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the current path, 2: done
            for (String start : out.keySet()) {
                if (!state.containsKey(start)) {
                    visit(start, out, entries, state, new ArrayList<>());
                }
            }
        }

        private void visit(
                String holder,
                Map<String, List<Integer>> out,
                List<FlowEntry> entries,
                Map<String, Integer> state,
                List<Integer> pathFlows) {
            state.put(holder, 1);
            for (int j : out.getOrDefault(holder, List.of())) {
                String next = entries.get(j).to();
                Integer seen = state.get(next);
                if (seen == null) {
                    pathFlows.add(j);
                    visit(next, out, entries, state, pathFlows);
                    pathFlows.remove(pathFlows.size() - 1);
                } else if (seen == 1) {
                    List<Integer> cycle = new ArrayList<>();
                    for (int i = pathFlows.size() - 1; i >= 0; i--) {
                        cycle.add(0, pathFlows.get(i));
                        if (entries.get(pathFlows.get(i)).from().equals(next)) {
                            break;
                        }
                    }
                    cycle.add(j);
                    StringBuilder route = new StringBuilder(next);
                    List<String> ids = new ArrayList<>();
                    for (int c : cycle) {
                        route.append(" -> ").append(entries.get(c).to());
                        ids.add(String.valueOf(entries.get(c).id()));
                    }
                    problems.at(
                            "flows[" + j + "]",
                            "declared flows form a cycle " + route + " (flows " + String.join(", ", ids)
                                    + "); onward lineage would never end");
                }
            }
            state.put(holder, 2);
        }

        // ---------------------------------------------------------------- values

        private String id(String path, String value, String kind) {
            if (value == null) {
                return null;
            }
            java.util.function.Predicate<String> rule = switch (kind) {
                case "holder" -> HolderId::isValid;
                case "purpose" -> PurposeId::isValid;
                default -> FlowId::isValid;
            };
            if (!rule.test(value)) {
                String suggestion = value.trim()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-|-$", "");
                // Holder, purpose and flow ids share one rule, so HolderId's text names it for all.
                problems.at(
                        path,
                        kind + " id '" + value + "' must be lower-kebab-case: " + HolderId.RULE
                                + (rule.test(suggestion) ? "; here: '" + suggestion + "'" : ""));
                return null;
            }
            return value;
        }

        private String country(String path, String value) {
            if (value == null) {
                return null;
            }
            if (COUNTRIES.contains(value)) {
                return value;
            }
            String upper = value.toUpperCase(Locale.ROOT);
            String hint;
            if (COUNTRY_MISTAKES.containsKey(upper)) {
                hint = " (ISO 3166-1 writes it '" + COUNTRY_MISTAKES.get(upper) + "')";
            } else if (COUNTRIES.contains(upper)) {
                hint = " (write it in upper case: '" + upper + "')";
            } else {
                hint = "";
            }
            problems.at(path, "'" + value + "' is not an ISO 3166-1 alpha-2 country code such as NL, US or AU" + hint);
            return null;
        }

        /** Whether the value is an http(s) URL with a host; reports it when not. */
        private boolean httpUrl(String path, String value) {
            if (Setting.isHttpUrl(value)) {
                return true;
            }
            problems.at(path, "'" + value + "' is not an http(s) URL with a host");
            return false;
        }

        private void mailbox(String path, String value) {
            if (value.regionMatches(true, 0, "mailto:", 0, "mailto:".length())) {
                problems.at(path, "write the address itself, without 'mailto:'");
            } else if (value.contains("<") || value.contains(">")) {
                problems.at(path, "write the address itself, without a name or angle brackets");
            } else if (!EMAIL.matcher(value).matches()) {
                problems.at(path, "'" + value + "' is not an email address");
            }
        }

        private IsoPeriod period(String path, String value) {
            if (value == null) {
                return null;
            }
            Optional<IsoPeriod> period = IsoPeriod.tryParse(value);
            if (period.isEmpty()) {
                problems.at(path, IsoPeriod.explainInvalid(value));
                return null;
            }
            return period.get();
        }

        private <E extends Enum<E>> E enumValue(
                String path, String value, Class<E> type, String kind, Set<E> excluded) {
            if (value == null) {
                return null;
            }
            List<String> allowed = Arrays.stream(type.getEnumConstants())
                    .filter(e -> !excluded.contains(e))
                    .map(CatalogValidator::lowerKebab)
                    .toList();
            if (allowed.contains(value)) {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            String normalised =
                    value.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
            String hint = allowed.contains(normalised)
                    ? " (did you mean '" + normalised + "'?)"
                    : EditDistance.hint(value, allowed);
            problems.at(path, "unknown " + kind + " '" + value + "'" + hint + "; one of " + String.join(", ", allowed));
            return null;
        }

        /**
         * Reports unknown and repeated keys; returns the list as written (nulls dropped) so later
         * checks can look at the known ones with their indices.
         */
        private List<String> categories(String path, List<String> keys, boolean nonEmpty) {
            if (keys == null) {
                return List.of();
            }
            if (keys.isEmpty() && nonEmpty) {
                problems.at(path, "at least one data category is needed");
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                if (key == null) {
                    continue;
                }
                if (!taxonomy.isKnown(key)) {
                    problems.at(path + "[" + k + "]", taxonomy.explainUnknown(key));
                } else if (!seen.add(key)) {
                    problems.at(path + "[" + k + "]", "'" + key + "' is listed twice");
                }
            }
            // Keep positions: a null would shift later indices, so replace it by an impossible key.
            return keys.stream().map(k -> k == null ? "" : k).toList();
        }

        private List<String> known(List<String> keys) {
            return keys == null
                    ? List.of()
                    : keys.stream()
                            .filter(k -> k != null && taxonomy.isKnown(k))
                            .toList();
        }
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "'" + k + "'").toList());
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }

    static String lowerKebab(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a value the domain needs is missing; its problem was reported when it was read. */
    private static boolean anyNull(Object... values) {
        return Arrays.stream(values).anyMatch(Objects::isNull);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

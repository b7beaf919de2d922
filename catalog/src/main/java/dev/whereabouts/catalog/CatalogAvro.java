package dev.whereabouts.catalog;

import dev.whereabouts.model.catalog.CategoryRetention;
import dev.whereabouts.model.catalog.ControllerPolicy;
import dev.whereabouts.model.catalog.DeclaredFlow;
import dev.whereabouts.model.catalog.Holder;
import dev.whereabouts.model.catalog.LegalHold;
import dev.whereabouts.model.catalog.SupervisoryAuthority;
import dev.whereabouts.model.catalog.VerificationPolicy;
import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Optional;

/**
 * Converts catalog holders and flows to the Avro records of the catalog topics and back, and the
 * controller to its {@link ControllerPolicy}.
 *
 * <p>The conversion is lossless for everything the records carry: {@code fromAvro(toAvro(h))}
 * equals {@code h}, periods keep their exact text ({@code P12M} stays {@code P12M}). The controller
 * goes one way only: its policy record leaves out the registration, the addresses and the phone,
 * so no {@link Controller} can be rebuilt from it; services read the policy itself
 * ({@link LiveCatalog#controllerPolicy()}). No record carries the purposes; see {@link Catalog}.
 */
public final class CatalogAvro {

    private CatalogAvro() {}

    /** The Avro record published for a holder, stamped with the catalog version it comes from. */
    public static Holder toAvro(CatalogHolder holder, String catalogVersion) {
        return Holder.newBuilder()
                .setId(holder.id())
                .setDisplayName(holder.displayName())
                .setLegalEntity(holder.legalEntity())
                .setCountry(holder.country())
                .setRole(holder.role())
                .setPurposes(holder.purposes())
                .setCategories(holder.categories())
                .setRetention(
                        holder.retention().stream().map(CatalogAvro::toAvro).toList())
                .setLegalHolds(
                        holder.legalHolds().stream().map(CatalogAvro::toAvro).toList())
                .setErasureChannel(holder.erasure().channel())
                .setErasureEndpoint(holder.erasure().endpoint().orElse(null))
                .setCatalogVersion(catalogVersion)
                .setAnswerTime(
                        holder.erasure().answerTime().map(IsoPeriod::toString).orElse(null))
                .setSelfExpiring(holder.erasure().selfExpiring())
                .setExpiryGrace(
                        holder.erasure().expiryGrace().map(IsoPeriod::toString).orElse(null))
                .build();
    }

    /**
     * The policy record published for the controller, stamped with the catalog version it comes
     * from: legal entity, country, the contact mailbox, the promises, the verification policies
     * (request types by their {@code RequestType} names) and the supervisory authority.
     */
    public static ControllerPolicy toAvro(Controller controller, String catalogVersion) {
        return ControllerPolicy.newBuilder()
                .setLegalEntity(controller.legalEntity())
                .setCountry(controller.country())
                .setContactEmail(controller.contact().email().orElse(null))
                .setDsrResponseTime(controller.dsrResponseTime().toString())
                .setBackupMaxRetention(
                        controller.backupMaxRetention().map(IsoPeriod::toString).orElse(null))
                .setVerification(controller.verification().stream()
                        .map(CatalogAvro::toAvro)
                        .toList())
                .setSupervisoryAuthority(SupervisoryAuthority.newBuilder()
                        .setName(controller.supervisoryAuthority().name())
                        .setCountry(controller.supervisoryAuthority().country())
                        .setComplaintUrl(controller.supervisoryAuthority().complaintUrl())
                        .build())
                .setCatalogVersion(catalogVersion)
                .build();
    }

    /** The Avro record published for a declared flow, stamped with the catalog version it comes from. */
    public static DeclaredFlow toAvro(CatalogFlow flow, String catalogVersion) {
        return DeclaredFlow.newBuilder()
                .setId(flow.id())
                .setFrom(flow.from())
                .setTo(flow.to())
                .setCategories(flow.categories())
                .setRetention(flow.retention().map(IsoPeriod::toString).orElse(null))
                .setPurpose(flow.purpose())
                .setDescription(flow.description().orElse(null))
                .setCatalogVersion(catalogVersion)
                .build();
    }

    /**
     * The holder a record describes.
     *
     * @throws IllegalArgumentException when a period in the record is not ISO-8601, or it has an
     *                                  expiry grace without being self-expiring (the record was not
     *                                  written by {@link CatalogPublisher})
     */
    public static CatalogHolder fromAvro(Holder record) {
        return new CatalogHolder(
                record.getId(),
                record.getDisplayName(),
                record.getLegalEntity(),
                record.getCountry(),
                record.getRole(),
                List.copyOf(record.getPurposes()),
                List.copyOf(record.getCategories()),
                record.getRetention().stream().map(CatalogAvro::fromAvro).toList(),
                record.getLegalHolds().stream().map(CatalogAvro::fromAvro).toList(),
                new ErasureRoute(
                        record.getErasureChannel(),
                        Optional.ofNullable(record.getErasureEndpoint()),
                        Optional.ofNullable(record.getAnswerTime()).map(IsoPeriod::parse),
                        record.getSelfExpiring(),
                        Optional.ofNullable(record.getExpiryGrace()).map(IsoPeriod::parse)));
    }

    /**
     * The flow a record describes.
     *
     * @throws IllegalArgumentException when its retention is not an ISO-8601 period
     */
    public static CatalogFlow fromAvro(DeclaredFlow record) {
        return new CatalogFlow(
                record.getId(),
                record.getFrom(),
                record.getTo(),
                List.copyOf(record.getCategories()),
                Optional.ofNullable(record.getRetention()).map(IsoPeriod::parse),
                record.getPurpose(),
                Optional.ofNullable(record.getDescription()));
    }

    private static CategoryRetention toAvro(RetentionRule rule) {
        return CategoryRetention.newBuilder()
                .setCategories(rule.categories())
                .setRetention(rule.period().map(IsoPeriod::toString).orElse(null))
                .setNote(rule.note().orElse(null))
                .build();
    }

    private static VerificationPolicy toAvro(Controller.Verification policy) {
        return VerificationPolicy.newBuilder()
                .setRequestTypes(policy.requestTypes().stream().map(Enum::name).toList())
                .setMethod(policy.method())
                .setCheckedBy(policy.checkedBy())
                .setInstructions(policy.instructions())
                .build();
    }

    private static LegalHold toAvro(LegalHoldRule hold) {
        return LegalHold.newBuilder()
                .setCategories(hold.categories())
                .setPeriod(hold.period().toString())
                .setReason(hold.reason())
                .setLegalReference(hold.legalReference())
                .build();
    }

    private static RetentionRule fromAvro(CategoryRetention record) {
        return new RetentionRule(
                List.copyOf(record.getCategories()),
                Optional.ofNullable(record.getRetention()).map(IsoPeriod::parse),
                Optional.ofNullable(record.getNote()));
    }

    private static LegalHoldRule fromAvro(LegalHold record) {
        return new LegalHoldRule(
                List.copyOf(record.getCategories()),
                IsoPeriod.parse(record.getPeriod()),
                record.getReason(),
                record.getLegalReference());
    }
}

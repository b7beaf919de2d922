package dev.whereabouts.catalog;

import dev.whereabouts.model.dsr.RequestType;
import dev.whereabouts.model.time.IsoPeriod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller the catalog speaks for (GDPR Art. 4(7)) and the promises its privacy statement
 * makes that the platform checks: how fast data-subject requests are answered, how long backups
 * keep data at most, how a requester's identity is verified and where a person may complain.
 *
 * <p>What the platform needs of it at run time travels on {@code whereabouts.catalog.controller.v1}
 * as the Avro {@code ControllerPolicy} ({@link CatalogAvro#toAvro(Controller, String)}); the
 * registration and the addresses stay in the file.
 *
 * @param legalEntity          registered name, e.g. SmartTrackers B.V.
 * @param registration         registry and number, e.g. Chamber of Commerce 61117536
 * @param address              registered address
 * @param country              ISO 3166-1 alpha-2 country of the legal entity
 * @param contact              where data subjects reach the controller
 * @param dsrResponseTime      promised time to answer a data-subject request, e.g. P4W
 * @param backupMaxRetention   promised maximum time data stays in backups, e.g. P1Y; empty when the
 *                             statement promises none
 * @param supervisoryAuthority where a person may lodge a complaint (Art. 77)
 * @param verification         identity verification per request type; each type at most once, a
 *                             type no policy names is not verified
 */
public record Controller(
        String legalEntity,
        Optional<String> registration,
        String address,
        String country,
        Contact contact,
        IsoPeriod dsrResponseTime,
        Optional<IsoPeriod> backupMaxRetention,
        Authority supervisoryAuthority,
        List<Verification> verification) {

    public Controller {
        Objects.requireNonNull(legalEntity, "legalEntity");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(dsrResponseTime, "dsrResponseTime");
        Objects.requireNonNull(backupMaxRetention, "backupMaxRetention");
        Objects.requireNonNull(supervisoryAuthority, "supervisoryAuthority");
        verification = List.copyOf(verification);
    }

    /** The verification policy for requests of this type; empty when such requests are not verified. */
    public Optional<Verification> verificationFor(RequestType type) {
        return verification.stream()
                .filter(policy -> policy.requestTypes().contains(type))
                .findFirst();
    }

    /**
     * How data subjects and the authority reach the controller; at least one way is present.
     *
     * @param email   mailbox for requests, e.g. info@smarttrackers.nl
     * @param phone   phone number as published
     * @param address postal address for correspondence
     */
    public record Contact(Optional<String> email, Optional<String> phone, Optional<String> address) {

        public Contact {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * The supervisory authority a person may complain to, as the privacy statement names it.
     *
     * @param name         e.g. Autoriteit Persoonsgegevens
     * @param country      ISO 3166-1 alpha-2 country
     * @param complaintUrl the http(s) page where a complaint is lodged
     */
    public record Authority(String name, String country, String complaintUrl) {

        public Authority {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(country, "country");
            Objects.requireNonNull(complaintUrl, "complaintUrl");
        }
    }

    /**
     * How the controller verifies a requester's identity before acting on requests of some types.
     * The platform records that it was done, by whom and how; never the evidence itself.
     *
     * @param requestTypes the request types it applies to, at least one
     * @param method       method id in upper snake case, e.g. {@code ID_DOCUMENT_COPY}
     * @param checkedBy    {@code PERSON} when a person checks, else the id of the system that does,
     *                     upper snake case
     * @param instructions what the requester is asked to send, in the statement's words
     */
    public record Verification(List<RequestType> requestTypes, String method, String checkedBy, String instructions) {

        /** {@link #checkedBy()} when a person checks the evidence. */
        public static final String PERSON = "PERSON";

        public Verification {
            requestTypes = List.copyOf(requestTypes);
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(checkedBy, "checkedBy");
            Objects.requireNonNull(instructions, "instructions");
        }

        /** Whether a person, rather than a system, checks the evidence. */
        public boolean checkedByAPerson() {
            return PERSON.equals(checkedBy);
        }
    }
}

package dev.whereabouts.stack;

import dev.whereabouts.model.common.IdentifierType;
import dev.whereabouts.model.common.LegalBasis;
import dev.whereabouts.model.common.SubjectIdentifier;
import dev.whereabouts.model.sharing.SharingAction;
import dev.whereabouts.model.sharing.SharingEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test fixture: a realistic sharing event of the seed scenario (mail to Postmark). */
public final class SharingEvents {

    private SharingEvents() {}

    public static SharingEvent aPostmarkMail() {
        return SharingEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.parse("2026-11-25T10:15:30.123Z"))
                .setSourceSystem("smarttrackers-app")
                .setIdentifiers(List.of(SubjectIdentifier.newBuilder()
                        .setType(IdentifierType.EMAIL)
                        .setPseudonym("9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012345678901234567890abcdef12")
                        .setKeyId("k1")
                        .build()))
                .setHolder("postmark")
                .setCategories(List.of("user.contact.email", "user.device.ip_address"))
                .setPurpose("transactional-mail")
                .setLegalBasis(LegalBasis.CONTRACT)
                .setRetention("P45D")
                .setAction(SharingAction.SHARED)
                .build();
    }
}

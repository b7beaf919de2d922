package dev.whereabouts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    @Test
    void shouldMapTokensToCallersWithRoles() {
        Authenticator authenticator = Authenticator.fromSpec(
                "aaaaaaaaaaaaaaaaaaaa=checkout:ENGINEER, bbbbbbbbbbbbbbbbbbbb=dpo@example.com:DPO+ADMIN");

        Caller dpo = authenticator.authenticate("Bearer bbbbbbbbbbbbbbbbbbbb");

        assertThat(dpo.name()).isEqualTo("dpo@example.com");
        assertThat(dpo.roles()).containsExactlyInAnyOrder(Role.DPO, Role.ADMIN);
        assertThat(authenticator.authenticate("bearer aaaaaaaaaaaaaaaaaaaa").has(Role.ENGINEER))
                .isTrue();
    }

    @Test
    void shouldRefuseUnknownMissingAndNonBearerTokens() {
        Authenticator authenticator = Authenticator.fromSpec("aaaaaaaaaaaaaaaaaaaa=checkout:ENGINEER");

        assertThatThrownBy(() -> authenticator.authenticate("Bearer nope"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("unknown token");
        assertThatThrownBy(() -> authenticator.authenticate(null)).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> authenticator.authenticate("Basic dXNlcjpwYXNz"))
                .hasMessageContaining("Bearer");
    }

    @Test
    void shouldRejectWeakOrMalformedTokenSpecsWithoutEchoingTheToken() {
        assertThatThrownBy(() -> Authenticator.fromSpec("short=svc:ENGINEER"))
                .hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("short=");
        assertThatThrownBy(() -> Authenticator.fromSpec("aaaaaaaaaaaaaaaaaaaa=svc:ROOT"))
                .hasMessageContaining("unknown role");
        assertThatThrownBy(() -> Authenticator.fromSpec("aaaaaaaaaaaaaaaaaaaa"))
                .hasMessageContaining("<token>=<name>:<ROLE>");
        assertThatThrownBy(() -> Authenticator.fromSpec(" , ")).hasMessageContaining("no tokens");
    }

    @Test
    void shouldLetAnonymousCallersDoEverythingOnlyInTheDemo() {
        Caller caller = Authenticator.demo().authenticate(null);

        assertThat(caller.name()).isEqualTo("demo");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.values());
    }

    @Test
    void shouldFindTheCallerOfATokenTypedIntoASignInFormAndTellTheDemoApart() {
        Authenticator authenticator = Authenticator.fromSpec("bbbbbbbbbbbbbbbbbbbb=dpo@example.com:DPO");

        assertThat(authenticator.forToken(" bbbbbbbbbbbbbbbbbbbb ").map(Caller::name))
                .contains("dpo@example.com");
        assertThat(authenticator.forToken("bbbbbbbbbbbbbbbbbbbX")).isEmpty();
        assertThat(authenticator.forToken("")).isEmpty();
        assertThat(authenticator.isDemo()).isFalse();
        assertThat(Authenticator.demo().isDemo()).isTrue();
        assertThat(Authenticator.demo().forToken("anything-at-all-here")).isEmpty();
    }
}

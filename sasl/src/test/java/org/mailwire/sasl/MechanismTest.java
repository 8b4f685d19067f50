package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MechanismTest {

  @ParameterizedTest
  @CsvSource({
    "SCRAM-SHA-256, SCRAM_SHA_256", "scram-sha-256, SCRAM_SHA_256", "SCRAM-SHA-1, SCRAM_SHA_1",
    "cram-md5, CRAM_MD5", "Plain, PLAIN", "login, LOGIN", "OAuthBearer, OAUTHBEARER", "xoauth2, XOAUTH2",
  })
  void bySaslNameIgnoresAsciiCase(String name, Mechanism expected) {
    assertThat(Mechanism.bySaslName(name)).contains(expected);
    assertThat(expected.saslName()).isEqualToIgnoringCase(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "PLAIN ", " PLAIN", "SCRAM-SHA-256-PLUS", "GSSAPI", "LOG\u0130N", "\u0131ogin", "PLAİN"})
  void unknownNames(String name) {
    assertThat(Mechanism.bySaslName(name)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void nullName() {
    assertThat(Mechanism.bySaslName(null)).isEmpty();
  }

  @Test
  void plaintextAndTokenFlags() {
    EnumSet<Mechanism> clear = EnumSet.noneOf(Mechanism.class);
    EnumSet<Mechanism> token = EnumSet.noneOf(Mechanism.class);
    for (Mechanism m : Mechanism.values()) {
      if (m.sendsSecretInClear()) {
        clear.add(m);
      }
      if (m.usesToken()) {
        token.add(m);
      }
    }
    assertThat(clear).containsExactlyInAnyOrder(Mechanism.PLAIN, Mechanism.LOGIN, Mechanism.XOAUTH2,
        Mechanism.OAUTHBEARER);
    assertThat(token).containsExactlyInAnyOrder(Mechanism.XOAUTH2, Mechanism.OAUTHBEARER);
  }

  @Test
  void declarationOrderIsThePreference() {
    assertThat(Mechanism.values()).containsExactly(Mechanism.SCRAM_SHA_256, Mechanism.SCRAM_SHA_1, Mechanism.CRAM_MD5,
        Mechanism.PLAIN, Mechanism.LOGIN, Mechanism.OAUTHBEARER, Mechanism.XOAUTH2);
  }
}

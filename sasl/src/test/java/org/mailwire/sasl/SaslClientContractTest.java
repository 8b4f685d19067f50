package org.mailwire.sasl;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.sasl.Secrets.failsCleanly;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link SaslClient} contract shared by every mechanism: wire form and states. */
class SaslClientContractTest {
  private static final Credentials PW = Credentials.password("alice", Secrets.PASSWORD.toCharArray());
  private static final Credentials TOKEN = Credentials.oauth("alice", () -> Secrets.TOKEN);

  private static SaslClient client(Mechanism m) throws SaslException {
    return Sasl.create(m, m.usesToken() ? TOKEN : PW, true, SaslOptions.defaults());
  }

  static Stream<String> malformedBase64() {
    return Stream.of("*", "ab$d", "A", "AAAAA", "AA=A", "=AAA", "AB\r\n", "QUJD\u00e9", "QU JD", "A===");
  }

  @ParameterizedTest
  @MethodSource("malformedBase64")
  void malformedBase64ChallengeFailsForEveryMechanism(String text) throws Exception {
    for (Mechanism m : Mechanism.values()) {
      SaslClient c = client(m);
      c.initialResponse();
      byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      SaslException e = failsCleanly(() -> c.respondBase64(b, 0, b.length));
      assertThat(e.getMessage()).contains("base64");
      if (text.length() > 3) {
        assertThat(e.getMessage()).doesNotContain(text.trim());
      }
      // The exchange has failed: no further answers, no success.
      assertThatThrownBy(() -> c.respond(new byte[0])).isInstanceOf(IllegalStateException.class);
      failsCleanly(() -> c.complete(null));
      assertThat(c.isComplete()).isFalse();
    }
  }

  @Test
  void base64WithSurroundingSpacesAndWithinALargerBuffer() throws Exception {
    SaslClient c = client(Mechanism.CRAM_MD5);
    // "+ <base64> " inside a buffer: only the slice is read; spaces around it are ignored.
    byte[] line = "+  PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+ \t\r\n".getBytes(US_ASCII);
    byte[] answer = c.respondBase64(line, 1, line.length - 3);
    assertThat(new String(java.util.Base64.getDecoder().decode(answer), US_ASCII)).startsWith("alice ").hasSize(6 + 32);
  }

  @Test
  void unpaddedBase64IsAccepted() throws Exception {
    SaslClient c = client(Mechanism.LOGIN);
    byte[] unpadded = "VXNlcm5hbWU6".getBytes(US_ASCII); // "Username:" needs no padding anyway
    assertThat(new String(c.respondBase64(unpadded, 0, unpadded.length), US_ASCII)).isEqualTo("YWxpY2U=");
    byte[] p = "UGFzc3dvcmQ".getBytes(US_ASCII); // "Password" without the "=" padding
    assertThat(c.respondBase64(p, 0, p.length)).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"PLAIN", "SCRAM_SHA_1", "SCRAM_SHA_256", "XOAUTH2", "OAUTHBEARER"})
  void emptyChallengeFirstGivesTheInitialResponse(Mechanism m) throws Exception {
    SaslClient c = client(m);
    byte[] ir = c.initialResponse();
    assertThat(c.respond(new byte[0])).isEqualTo(ir);
  }

  @ParameterizedTest
  @EnumSource(value = Mechanism.class, names = {"PLAIN", "SCRAM_SHA_1", "SCRAM_SHA_256", "XOAUTH2", "OAUTHBEARER"})
  void emptyOrEqualsSignChallengeInWireFormGivesTheInitialResponse(Mechanism m) throws Exception {
    SaslClient c = client(m);
    byte[] ir = c.initialResponseBase64();
    assertThat(c.respondBase64(new byte[] {' '}, 0, 1)).isEqualTo(ir);
    SaslClient d = client(m);
    byte[] ir2 = d.initialResponseBase64();
    assertThat(d.respondBase64(new byte[] {'='}, 0, 1)).isEqualTo(ir2);
  }

  @Test
  void initialResponseOnlyBeforeTheFirstChallenge() throws Exception {
    SaslClient c = client(Mechanism.PLAIN);
    assertThat(c.initialResponse()).isEqualTo(c.initialResponse());
    c.respond(new byte[0]);
    assertThatThrownBy(c::initialResponse).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::initialResponseBase64).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void completeTwiceAndRespondAfterCompletion() throws Exception {
    SaslClient c = client(Mechanism.PLAIN);
    c.initialResponse();
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
    assertThatThrownBy(() -> c.complete(null)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> c.respond(new byte[0])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void completeBase64WithoutData() throws Exception {
    SaslClient c = client(Mechanism.LOGIN);
    c.respond("Username:".getBytes(US_ASCII));
    c.respond("Password:".getBytes(US_ASCII));
    c.completeBase64(new byte[0], 0, 0);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void completeBase64Malformed() throws Exception {
    SaslClient c = client(Mechanism.SCRAM_SHA_256);
    c.initialResponse();
    byte[] bad = "v=*".getBytes(US_ASCII);
    failsCleanly(() -> c.completeBase64(bad, 0, bad.length));
    assertThat(c.isComplete()).isFalse();
  }

  @Test
  void emptyInitialResponseIsEncodedAsEqualsSign() throws Exception {
    SaslClient c = new org.mailwire.sasl.internal.AbstractSaslClient(Mechanism.PLAIN) {
      @Override
      protected boolean clientFirst() {
        return true;
      }

      @Override
      protected byte[] initial() {
        return new byte[0];
      }

      @Override
      protected byte[] evaluate(byte[] challenge) {
        return new byte[0];
      }
    };
    assertThat(new String(c.initialResponseBase64(), US_ASCII)).isEqualTo("=");
  }

  @Test
  void offsetsAreChecked() throws Exception {
    SaslClient c = client(Mechanism.LOGIN);
    assertThatThrownBy(() -> c.respondBase64(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> c.respondBase64(new byte[4], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void toStringShowsNoSecret() throws Exception {
    SaslClient c = client(Mechanism.PLAIN);
    c.initialResponse();
    assertThat(c.toString()).isEqualTo("SaslClient[PLAIN, START]");
    Secrets.assertNoSecret(c.toString(), Secrets.PASSWORD);
  }
}

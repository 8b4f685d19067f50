package org.mailwire.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailwire.pop3.codec.StatusLineDecoderTest.b;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.testkit.DecoderHarness;

class CapaDecoderTest {
  static final String DOVECOT =
      "CAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\n"
          + "SASL PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n.\r\n";

  @Test
  void dovecot() throws Exception {
    List<Capabilities> r = DecoderHarness.run(new CapaDecoder(), b(DOVECOT), DecoderHarness.Feed.WHOLE).events();
    DecoderHarness.check(CapaDecoder::new, b(DOVECOT), r);
    Capabilities c = r.get(0);
    assertThat(c.top()).isTrue();
    assertThat(c.uidl()).isTrue();
    assertThat(c.respCodes()).isTrue();
    assertThat(c.pipelining()).isTrue();
    assertThat(c.authRespCode()).isTrue();
    assertThat(c.stls()).isTrue();
    assertThat(c.user()).isTrue();
    assertThat(c.saslMechanisms()).containsExactly("PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256");
    assertThat(c.utf8()).isFalse();
    assertThat(c.expireDays()).isEmpty();
  }

  @Test
  void everyRfcCapabilityAndUnknownOnes() throws Exception {
    String wire = "top\r\nEXPIRE 31 USER\r\nLOGIN-DELAY 900\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n"
        + "UTF8 USER\r\nLANG\r\nX-VENDOR a  b\r\nsasl xoauth2\r\nSASL PLAIN\r\n.\r\n";
    Capabilities c = DecoderHarness.decode(new CapaDecoder(), b(wire), DecoderHarness.Feed.ONE_BYTE).get(0);
    assertThat(c.top()).isTrue();
    assertThat(c.expireDays()).isEqualTo(OptionalLong.of(31));
    assertThat(c.arguments("expire")).containsExactly("31", "USER");
    assertThat(c.loginDelaySeconds()).isEqualTo(OptionalLong.of(900));
    assertThat(c.implementation()).contains("Shlemazle-Plotz-v302");
    assertThat(c.utf8()).isTrue();
    assertThat(c.arguments("UTF8")).containsExactly("USER");
    assertThat(c.lang()).isTrue();
    assertThat(c.has("x-vendor")).isTrue();
    assertThat(c.arguments("X-VENDOR")).containsExactly("a", "b");
    assertThat(c.saslMechanisms()).containsExactly("XOAUTH2", "PLAIN");
    assertThat(c.names()).containsExactly("TOP", "EXPIRE", "LOGIN-DELAY", "IMPLEMENTATION", "UTF8", "LANG", "X-VENDOR", "SASL");
    assertThat(c.pipelining()).isFalse();
    assertThat(Capabilities.of(List.of("EXPIRE NEVER")).expireDays()).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    assertThat(Capabilities.of(List.of("EXPIRE soon")).expireDays()).isEmpty();
  }

  @Test
  void controlCharactersAreRejected() {
    DecoderHarness.checkFails(CapaDecoder::new, b("TOP\r\nUI\u0000DL\r\n.\r\n"), ProtocolException.class);
  }

  @Test
  void tooManyLinesIsALimit() {
    LimitExceededException e = DecoderHarness.checkFails(
        () -> new CapaDecoder(Pop3Limits.defaults().withMaxCapabilities(3)),
        b("A\r\nB\r\nC\r\nD\r\n.\r\n"), LimitExceededException.class);
    assertThat(e.limitName()).isEqualTo("maxCapabilities");
  }

  @Test
  void equalityFollowsContent() {
    assertThat(Capabilities.of(List.of("TOP", "SASL PLAIN"))).isEqualTo(Capabilities.of(List.of("top", "SASL   PLAIN")));
    assertThat(Capabilities.NONE.names()).isEmpty();
    assertThat(Capabilities.of(List.of("SASL PLAIN"))).hasToString("Capabilities[SASL PLAIN]");
  }
}

package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailwire.smtp.Transcripts.GREETING;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.mailwire.sasl.Credentials;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.transport.CommandException;
import org.mailwire.transport.Security;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.ScriptedTransport;

/** AUTH (RFC 4954) through the SASL module, against scripted servers. */
class SmtpAuthTranscriptTest {

  static String ehloAuth(String mechs) {
    return GREETING + "C: EHLO client.example\nS: 250-mx.example.com\nS: 250-PIPELINING\nS: 250 AUTH " + mechs + "\n";
  }

  static SmtpClient open(ScriptedTransport t, Transcripts.Trace trace, SaslOptions sasl) throws Exception {
    return SmtpClient.open(t, Security.PLAIN, trace.options().withSasl(sasl));
  }

  @Test
  void cramMd5ChallengeResponseRfc2195Vector() throws Exception {
    Transcripts.Trace trace = new Transcripts.Trace();
    ScriptedTransport t =
        ScriptedTransport.of(
            ehloAuth("CRAM-MD5")
                + "C: AUTH CRAM-MD5\n"
                + "S: 334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\n"
                + "C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\n"
                + "S: 235 2.7.0 Authentication successful\n");
    SmtpClient c = open(t, trace, SaslOptions.defaults());
    c.login(Credentials.password("tim", "tanstaaftanstaaf".toCharArray()));
    assertThat(c.isAuthenticated()).isTrue();
    assertThat(trace.lines).contains("C: AUTH CRAM-MD5", "C: " + WireTrace.REDACTED);
    assertThat(String.join("\n", trace.lines)).doesNotContain("dGltIGI5");
    t.assertDone();
  }

  @Test
  void loginAnswersBothPrompts() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            ehloAuth("LOGIN")
                + "C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: YWxpY2U=\nS: 334 UGFzc3dvcmQ6\nC: c2VjcmV0\n"
                + "S: 235 2.7.0 ok\n");
    SmtpClient c =
        open(t, new Transcripts.Trace(), SaslOptions.defaults().allowPlaintextOnInsecureChannel(true));
    c.login(Credentials.password("alice", "secret".toCharArray()));
    assertThat(c.isAuthenticated()).isTrue();
    t.assertDone();
  }

  @Test
  void strongestOfferedMechanismIsChosen() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            ehloAuth("LOGIN CRAM-MD5 PLAIN")
                + "C: AUTH CRAM-MD5\n"
                + "S: 334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\n"
                + "C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\n"
                + "S: 235 2.7.0 ok\n");
    SmtpClient c = open(t, new Transcripts.Trace(), SaslOptions.defaults());
    c.login(Credentials.password("tim", "tanstaaftanstaaf".toCharArray()));
    t.assertDone();
  }

  @Test
  void overLongInitialResponseWaitsForTheEmptyChallenge() throws Exception {
    String token = "t".repeat(10_000);
    String ir =
        Base64.getEncoder()
            .encodeToString(("user=alice\u0001auth=Bearer " + token + "\u0001\u0001").getBytes(StandardCharsets.US_ASCII));
    assertThat(ir.length() + "AUTH XOAUTH2 \r\n".length()).isGreaterThan(12288);
    ScriptedTransport t =
        ScriptedTransport.of(
            ehloAuth("XOAUTH2") + "C: AUTH XOAUTH2\nS: 334 \nC: " + ir + "\nS: 235 2.7.0 ok\n");
    SmtpClient c =
        open(t, new Transcripts.Trace(), SaslOptions.defaults().allowPlaintextOnInsecureChannel(true));
    c.login(Credentials.oauth("alice", () -> token));
    assertThat(c.isAuthenticated()).isTrue();
    t.assertDone();
  }

  @Test
  void shortInitialResponseGoesOnTheAuthLine() throws Exception {
    String ir =
        Base64.getEncoder()
            .encodeToString("user=alice\u0001auth=Bearer tok\u0001\u0001".getBytes(StandardCharsets.US_ASCII));
    ScriptedTransport t =
        ScriptedTransport.of(ehloAuth("XOAUTH2") + "C: AUTH XOAUTH2 " + ir + "\nS: 235 2.7.0 ok\n");
    SmtpClient c =
        open(t, new Transcripts.Trace(), SaslOptions.defaults().allowPlaintextOnInsecureChannel(true));
    c.login(Credentials.oauth("alice", () -> "tok"));
    t.assertDone();
  }

  @Test
  void brokenChallengeCancelsTheExchange() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            ehloAuth("CRAM-MD5")
                + "C: AUTH CRAM-MD5\nS: 334 not*base64!\n"
                + "C: *\nS: 501 5.7.0 Authentication aborted\n"
                + "C: NOOP\nS: 250 ok\n");
    SmtpClient c = open(t, new Transcripts.Trace(), SaslOptions.defaults());
    catchThrowableOfType(SaslException.class, () -> c.login(Credentials.password("tim", "x".toCharArray())));
    assertThat(c.isAuthenticated()).isFalse();
    assertThat(c.isUsable()).isTrue();
    c.noop();
    t.assertDone();
  }

  @Test
  void forcedMechanismAndTransientRefusal() throws Exception {
    ScriptedTransport t =
        ScriptedTransport.of(
            ehloAuth("CRAM-MD5 PLAIN")
                + "C: AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\n"
                + "S: 454 4.7.0 Temporary authentication failure\n");
    SmtpClient c =
        open(
            t,
            new Transcripts.Trace(),
            SaslOptions.defaults().allowPlaintextOnInsecureChannel(true).forceMechanism(Mechanism.PLAIN));
    CommandException e =
        catchThrowableOfType(CommandException.class, () -> c.login(Credentials.password("tim", "tanstaaftanstaaf".toCharArray())));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.code()).isEqualTo("4.7.0");
    assertThat(e.getMessage()).startsWith("AUTH PLAIN refused: 454");
    t.assertDone();
  }

  @Test
  void noAuthOffered() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(Transcripts.EHLO_PLAIN);
    SmtpClient c = open(t, new Transcripts.Trace(), SaslOptions.defaults());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> c.login(Credentials.password("tim", "x".toCharArray())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no AUTH");
  }
}

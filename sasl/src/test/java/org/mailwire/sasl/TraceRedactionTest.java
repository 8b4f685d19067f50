package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.testkit.ScriptedTransport;

/**
 * Full exchanges over a scripted transport, traced with {@link SaslRedaction}: the trace shows the
 * protocol flow but never a password, a token, or the base64 carrying them.
 */
class TraceRedactionTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void imapPlainWithSaslIr() throws Exception {
    String ir = b64("\0alice\0" + Secrets.PASSWORD);
    ScriptedTransport t = ScriptedTransport.of(String.join("\n",
        "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready",
        "C: a1 AUTHENTICATE PLAIN " + ir,
        "S: a1 OK Logged in"));
    List<String> trace = new ArrayList<>();
    RawExchange x = new RawExchange(t, WireTrace.to(trace::add));
    x.line();
    SaslClient sasl = Sasl.choose(List.of("PLAIN"), Credentials.password("alice", Secrets.PASSWORD), true,
        SaslOptions.defaults());
    RawExchange.Outcome o = x.imapAuthenticate("a1", sasl, true);
    t.assertDone();
    assertThat(o.finalLine()).startsWith("a1 OK");
    assertThat(sasl.isComplete()).isTrue();
    assertThat(trace).containsExactly(
        "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready",
        "C: a1 AUTHENTICATE PLAIN <redacted>",
        "S: a1 OK Logged in");
    Secrets.assertNoSecret(String.join("\n", trace), Secrets.PASSWORD, "\0alice\0" + Secrets.PASSWORD);
  }

  @Test
  void smtpLoginWithoutSaslIr() throws Exception {
    ScriptedTransport t = ScriptedTransport.of(String.join("\n",
        "C: AUTH LOGIN",
        "S: 334 VXNlcm5hbWU6",
        "C: " + b64("alice"),
        "S: 334 UGFzc3dvcmQ6",
        "C: " + b64(Secrets.PASSWORD),
        "S: 235 2.7.0 Authentication successful"));
    List<String> trace = new ArrayList<>();
    RawExchange x = new RawExchange(t, WireTrace.to(trace::add));
    SaslClient sasl = Sasl.create(Mechanism.LOGIN, Credentials.password("alice", Secrets.PASSWORD), true,
        SaslOptions.defaults());
    RawExchange.Outcome o = x.smtpAuth(sasl, true);
    t.assertDone();
    assertThat(o.finalLine()).startsWith("235");
    assertThat(trace).containsExactly(
        "C: AUTH LOGIN",
        "S: 334 VXNlcm5hbWU6",
        "C: <redacted>",
        "S: 334 UGFzc3dvcmQ6",
        "C: <redacted>",
        "S: 235 2.7.0 Authentication successful");
    Secrets.assertNoSecret(String.join("\n", trace), Secrets.PASSWORD);
  }

  @Test
  void imapOauthBearerErrorFlow() throws Exception {
    // RFC 7628 section 4.3 over a scripted IMAP server: error challenge, dummy 0x01, NO.
    String ir = b64("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001auth=Bearer "
        + Secrets.TOKEN + "\u0001\u0001");
    String error = b64("{\"status\":\"invalid_token\",\"scope\":\"example_scope\","
        + "\"openid-configuration\":\"https://example.com/.well-known/openid-configuration\"}");
    ScriptedTransport t = ScriptedTransport.of(String.join("\n",
        "C: t1 AUTHENTICATE OAUTHBEARER " + ir,
        "S: + " + error,
        "C: AQ==",
        "S: t1 NO SASL authentication failed"));
    List<String> trace = new ArrayList<>();
    RawExchange x = new RawExchange(t, WireTrace.to(trace::add));
    SaslClient sasl = Sasl.create(Mechanism.OAUTHBEARER, Credentials.oauth("user@example.com", () -> Secrets.TOKEN),
        true, SaslOptions.defaults().oauthBearerHost("server.example.com").oauthBearerPort(143));
    RawExchange.Outcome o = x.imapAuthenticate("t1", sasl, true);
    t.assertDone();
    assertThat(o.finalLine()).isEqualTo("t1 NO SASL authentication failed");
    assertThat(o.clientFailure()).isNull();
    assertThat(sasl.serverError()).contains("invalid_token");
    assertThat(sasl.isComplete()).isFalse();
    assertThat(trace).containsExactly(
        "C: t1 AUTHENTICATE OAUTHBEARER <redacted>",
        "S: + " + error,
        "C: <redacted>",
        "S: t1 NO SASL authentication failed");
    Secrets.assertNoSecret(String.join("\n", trace), Secrets.TOKEN);
  }

  @Test
  void smtpXoauth2ErrorFlow() throws Exception {
    String ir = b64("user=alice@example.com\u0001auth=Bearer " + Secrets.TOKEN + "\u0001\u0001");
    ScriptedTransport t = ScriptedTransport.of(String.join("\n",
        "C: AUTH XOAUTH2 " + ir,
        "S: 334 eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==",
        "C: ",
        "S: 535-5.7.8 Username and Password not accepted.",
        "S: 535 5.7.8 https://support.google.com/mail/?p=BadCredentials"));
    List<String> trace = new ArrayList<>();
    RawExchange x = new RawExchange(t, WireTrace.to(trace::add));
    SaslClient sasl = Sasl.create(Mechanism.XOAUTH2, Credentials.oauth("alice@example.com", () -> Secrets.TOKEN),
        true, SaslOptions.defaults());
    RawExchange.Outcome o = x.smtpAuth(sasl, true);
    t.assertDone();
    assertThat(o.finalLine()).startsWith("535-5.7.8").contains("\n535 5.7.8");
    assertThat(sasl.serverError()).contains("400");
    assertThat(trace).contains("C: AUTH XOAUTH2 <redacted>");
    Secrets.assertNoSecret(String.join("\n", trace), Secrets.TOKEN);
  }

  @Test
  void scramTamperedSignatureIsCancelled() throws Exception {
    // A scripted server that does not know the password: its signature cannot be right.
    SaslClient sasl = Sasl.create(Mechanism.SCRAM_SHA_256, Credentials.password("alice", Secrets.PASSWORD), true,
        SaslOptions.defaults());
    String clientFirst = new String(sasl.initialResponse(), StandardCharsets.US_ASCII);
    String nonce = clientFirst.substring(clientFirst.indexOf("r=") + 2);
    String serverFirst = "r=" + nonce + "srv,s=QSXCR+Q6sek8bf92,i=4096";
    // The first round trip happens off the script (the client-final carries a proof the script
    // cannot predict); the script takes over at the server-final message.
    byte[] clientFinal = sasl.respond(serverFirst.getBytes(StandardCharsets.US_ASCII));
    ScriptedTransport t = ScriptedTransport.of(String.join("\n",
        "S: + " + b64("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
        "C: *",
        "S: a1 BAD Authentication aborted by client"));
    List<String> trace = new ArrayList<>();
    RawExchange x = new RawExchange(t, WireTrace.to(trace::add));
    // Continue the exchange from the server-final message.
    assertThat(clientFinal).isNotEmpty();
    String line = x.line();
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    SaslException e = Secrets.failsCleanly(() -> sasl.respondBase64(b, 2, b.length - 2));
    assertThat(e.getMessage()).contains("server signature is wrong");
    x.send("*".getBytes(StandardCharsets.US_ASCII), SaslRedaction.responses());
    assertThat(x.line()).startsWith("a1 BAD");
    t.assertDone();
    assertThat(trace).contains("C: *");
  }
}

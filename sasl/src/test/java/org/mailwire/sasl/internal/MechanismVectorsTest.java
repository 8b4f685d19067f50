package org.mailwire.sasl.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.sasl.Secrets.failsCleanly;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.mailwire.sasl.Secrets;

/** PLAIN, LOGIN, CRAM-MD5, XOAUTH2 and OAUTHBEARER against their published examples. */
class MechanismVectorsTest {
  private static final String RFC7628_TOKEN = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
  private static final String RFC7628_ERROR =
      "eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIiwic2NvcGUiOiJleGFtcGxlX3Njb3BlIiwib3BlbmlkLWNvbmZpZ3VyYXRpb24iOiJodHRwczov"
          + "L2V4YW1wbGUuY29tLy53ZWxsLWtub3duL29wZW5pZC1jb25maWd1cmF0aW9uIn0=";

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, UTF_8);
  }

  private static byte[] respondB64(AbstractSaslClient c, String b64) throws Exception {
    byte[] in = b64.getBytes(UTF_8);
    return c.respondBase64(in, 0, in.length);
  }

  // ---- PLAIN (RFC 4616 section 4) ------------------------------------------------------------

  @Test
  void rfc4616PlainWithoutAuthzid() throws Exception {
    PlainClient c = new PlainClient(null, "tim", "tanstaaftanstaaf".toCharArray());
    assertThat(c.initialResponse()).isEqualTo(b("\0tim\0tanstaaftanstaaf"));
    assertThat(s(c.initialResponseBase64())).isEqualTo("AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void rfc4616PlainWithAuthzid() throws Exception {
    PlainClient c = new PlainClient("Ursel", "Kurt", "xipj3plmq".toCharArray());
    assertThat(c.initialResponse()).isEqualTo(b("Ursel\0Kurt\0xipj3plmq"));
    // RFC 4616's exchange: the server sends an empty challenge, the client answers the message.
    PlainClient d = new PlainClient("Ursel", "Kurt", "xipj3plmq".toCharArray());
    assertThat(d.respond(new byte[0])).isEqualTo(b("Ursel\0Kurt\0xipj3plmq"));
    d.complete(null);
    assertThat(d.isComplete()).isTrue();
  }

  @Test
  void plainIsUtf8() throws Exception {
    PlainClient c = new PlainClient(null, "j\u00fcrgen", "p\u00e4ss".toCharArray());
    assertThat(c.initialResponse()).isEqualTo(b("\0j\u00fcrgen\0p\u00e4ss"));
  }

  @Test
  void plainRefusesNulInAnyPart() {
    failsCleanly(() -> new PlainClient(null, "tim", (Secrets.PASSWORD + "\0").toCharArray()));
    failsCleanly(() -> new PlainClient(null, "t\0im", Secrets.PASSWORD.toCharArray()));
    failsCleanly(() -> new PlainClient("a\0", "tim", Secrets.PASSWORD.toCharArray()));
  }

  @Test
  void plainRefusesAChallengeAfterItsResponse() throws Exception {
    PlainClient c = new PlainClient(null, "tim", Secrets.PASSWORD.toCharArray());
    c.initialResponse();
    failsCleanly(() -> c.respond(b("more?")));
  }

  @Test
  void plainRefusesSuccessData() throws Exception {
    PlainClient c = new PlainClient(null, "tim", Secrets.PASSWORD.toCharArray());
    c.initialResponse();
    failsCleanly(() -> c.complete(b("x")));
    assertThat(c.isComplete()).isFalse();
  }

  @Test
  void plainRefusesAnUnpairedSurrogateInThePassword() {
    PlainClient c = catching(() -> new PlainClient(null, "tim", "ab\uD800".toCharArray()));
    failsCleanly(c::initialResponse);
  }

  private static <T> T catching(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  // ---- LOGIN ---------------------------------------------------------------------------------

  @Test
  void loginAnswersByOrderNotByPromptText() throws Exception {
    LoginClient c = new LoginClient("alice", "s3cret".toCharArray());
    assertThat(c.initialResponse()).isNull();
    assertThat(c.initialResponseBase64()).isNull();
    // Prompts in the usual form, swapped, or empty: the first gets the user, the second the password.
    assertThat(s(respondB64(c, "UGFzc3dvcmQ6"))).isEqualTo("YWxpY2U="); // "Password:" -> user
    assertThat(s(respondB64(c, ""))).isEqualTo("czNjcmV0");
    failsCleanly(() -> respondB64(c, "VXNlcm5hbWU6"));
  }

  @Test
  void loginStandardPrompts() throws Exception {
    LoginClient c = new LoginClient("alice", "s3cret".toCharArray());
    assertThat(s(c.respond(b("Username:")))).isEqualTo("alice");
    assertThat(s(c.respond(b("Password:")))).isEqualTo("s3cret");
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  // ---- CRAM-MD5 (RFC 2195 section 2) ---------------------------------------------------------

  @Test
  void rfc2195CramMd5() throws Exception {
    CramMd5Client c = new CramMd5Client("tim", "tanstaaftanstaaf".toCharArray());
    assertThat(c.initialResponse()).isNull();
    byte[] response = c.respond(b("<1896.697170952@postoffice.reston.mci.net>"));
    assertThat(s(response)).isEqualTo("tim b913a602c7eda7a495b4e6e7334d3890");
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void rfc2195CramMd5WireForm() throws Exception {
    CramMd5Client c = new CramMd5Client("tim", "tanstaaftanstaaf".toCharArray());
    // The RFC's base64 challenge and response.
    byte[] response = respondB64(c, "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
    assertThat(s(response)).isEqualTo("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  }

  @Test
  void cramMd5RefusesAnEmptyOrSecondChallenge() throws Exception {
    CramMd5Client c = new CramMd5Client("tim", Secrets.PASSWORD.toCharArray());
    failsCleanly(() -> c.respond(new byte[0]));
    CramMd5Client d = new CramMd5Client("tim", Secrets.PASSWORD.toCharArray());
    d.respond(b("<1@x>"));
    failsCleanly(() -> d.respond(b("<2@x>")));
  }

  // ---- XOAUTH2 -------------------------------------------------------------------------------

  @Test
  void xoauth2GoogleExample() throws Exception {
    XOAuth2Client c = new XOAuth2Client("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg");
    assertThat(s(c.initialResponse()))
        .isEqualTo("user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\u0001\u0001");
    assertThat(s(c.initialResponseBase64())).isEqualTo(
        "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==");
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
    assertThat(c.serverError()).isEmpty();
  }

  @Test
  void xoauth2ErrorChallengeGetsAnEmptyResponse() throws Exception {
    XOAuth2Client c = new XOAuth2Client("someuser@example.com", Secrets.TOKEN);
    c.initialResponse();
    // Google's documented error challenge: {"status":"401","schemes":"bearer mac","scope":"https://mail.google.com/"}
    byte[] answer = respondB64(c,
        "eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIG1hYyIsInNjb3BlIjoiaHR0cHM6Ly9tYWlsLmdvb2dsZS5jb20vIn0K");
    assertThat(answer).isEmpty();
    assertThat(c.serverError()).contains("401");
    failsCleanly(() -> c.complete(null));
  }

  @Test
  void xoauth2UnreadableErrorChallenge() throws Exception {
    XOAuth2Client c = new XOAuth2Client("u", Secrets.TOKEN);
    c.initialResponse();
    assertThat(c.respond(b("not json"))).isEmpty();
    assertThat(c.serverError()).contains("unreadable error challenge");
    failsCleanly(() -> c.respond(b("{}")));
  }

  @Test
  void xoauth2EmptyChallengeFirstSendsTheInitialResponse() throws Exception {
    XOAuth2Client c = new XOAuth2Client("u", "tok");
    assertThat(s(c.respond(new byte[0]))).isEqualTo("user=u\u0001auth=Bearer tok\u0001\u0001");
  }

  @Test
  void xoauth2RefusesBadTokensAndUsers() {
    failsCleanly(() -> new XOAuth2Client("u", Secrets.TOKEN + " x"));
    failsCleanly(() -> new XOAuth2Client("u", Secrets.TOKEN + "\u0001"));
    failsCleanly(() -> new XOAuth2Client("u\u0001", Secrets.TOKEN));
  }

  // ---- OAUTHBEARER (RFC 7628 section 4) ------------------------------------------------------

  @Test
  void rfc7628ImapSuccessExample() throws Exception {
    OAuthBearerClient c = new OAuthBearerClient("user@example.com", RFC7628_TOKEN, "server.example.com", 143);
    assertThat(s(c.initialResponse())).isEqualTo("n,a=user@example.com,\u0001host=server.example.com\u0001port=143"
        + "\u0001auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001");
    assertThat(s(c.initialResponseBase64())).isEqualTo("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY2"
        + "9tAXBvcnQ9MTQzAWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB");
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void rfc7628SmtpSuccessExample() throws Exception {
    OAuthBearerClient c = new OAuthBearerClient("user@example.com", RFC7628_TOKEN, "server.example.com", 587);
    assertThat(s(c.initialResponseBase64())).isEqualTo("bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY2"
        + "9tAXBvcnQ9NTg3AWF1dGg9QmVhcmVyIHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB");
  }

  @Test
  void rfc7628FailedExchange() throws Exception {
    // Section 4.3: the server answers the initial response with a JSON error; the client sends the
    // dummy response 0x01 ("AQ=="); the server then fails the command.
    OAuthBearerClient c = new OAuthBearerClient("user@example.com", RFC7628_TOKEN, "server.example.com", 143);
    c.initialResponseBase64();
    assertThat(s(respondB64(c, RFC7628_ERROR))).isEqualTo("AQ==");
    assertThat(c.serverError()).contains("invalid_token");
    assertThat(c.isComplete()).isFalse();
    failsCleanly(() -> respondB64(c, RFC7628_ERROR));
  }

  @Test
  void oauthBearerSuccessAfterErrorIsRefused() throws Exception {
    OAuthBearerClient c = new OAuthBearerClient("u", Secrets.TOKEN, null, 0);
    c.initialResponse();
    c.respond(Base64.getDecoder().decode(RFC7628_ERROR));
    assertThat(failsCleanly(() -> c.complete(null)).getMessage()).contains("invalid_token");
  }

  @Test
  void oauthBearerWithoutHostAndPortAndWithEscapedName() throws Exception {
    OAuthBearerClient c = new OAuthBearerClient("a,b=c@x", "t0k", null, 0);
    assertThat(s(c.initialResponse())).isEqualTo("n,a=a=2Cb=3Dc@x,\u0001auth=Bearer t0k\u0001\u0001");
  }

  @Test
  void oauthBearerRefusesBadTokensAndUsers() {
    failsCleanly(() -> new OAuthBearerClient("u", "tok\u0001en" + Secrets.TOKEN, null, 0));
    failsCleanly(() -> new OAuthBearerClient("u", "\u00e9" + Secrets.TOKEN, null, 0));
    failsCleanly(() -> new OAuthBearerClient("u\0", Secrets.TOKEN, null, 0));
  }

  @Test
  void oauthErrorJsonReader() {
    assertThat(OAuthError.status(b("{\"status\":\"invalid_token\"}"))).isEqualTo("invalid_token");
    assertThat(OAuthError.status(b(" { \"scope\" : [1, {\"a\": null}], \"status\" : 401 } "))).isEqualTo("401");
    assertThat(OAuthError.status(b("{\"st\\u0061tus\":\"a\\\"b\"}"))).isEqualTo("a\"b");
    assertThat(OAuthError.status(b("{\"scope\":\"x\"}"))).isNull();
    assertThat(OAuthError.status(b("{\"status\":"))).isNull();
    assertThat(OAuthError.status(b("[\"status\"]"))).isNull();
    assertThat(OAuthError.status(b("{\"a\":" + "[".repeat(100) + "]".repeat(100) + ",\"status\":\"x\"}"))).isNull();
    assertThat(OAuthError.status(b("{\"a\":" + "[".repeat(5) + "]".repeat(5) + ",\"status\":\"x\"}"))).isEqualTo("x");
  }
}

package org.mailwire.sasl.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailwire.sasl.Secrets.failsCleanly;

import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;
import org.mailwire.sasl.Secrets;

/** SCRAM against the published vectors of RFC 5802 and RFC 7677, and against hostile servers. */
class ScramClientTest {
  // RFC 5802 section 5.
  private static final String SHA1_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
  private static final String SHA1_SERVER_FIRST =
      "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
  private static final String SHA1_CLIENT_FINAL =
      "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
  private static final String SHA1_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

  // RFC 7677 section 3.
  private static final String SHA256_NONCE = "rOprNGfwEbeRWgbNEkqO";
  private static final String SHA256_SERVER_FIRST =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  private static final String SHA256_CLIENT_FINAL =
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
          + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  private static final String SHA256_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static String s(byte[] b) {
    return new String(b, UTF_8);
  }

  private static ScramClient sha1() throws SaslException {
    return new ScramClient(Mechanism.SCRAM_SHA_1, null, "user", "pencil".toCharArray(), SHA1_NONCE, 100_000);
  }

  private static ScramClient sha256() throws SaslException {
    return new ScramClient(Mechanism.SCRAM_SHA_256, null, "user", "pencil".toCharArray(), SHA256_NONCE, 100_000);
  }

  /** A SCRAM-SHA-256 client with the failure tests' password and a fixed nonce {@code abc}. */
  private static ScramClient hostile(int maxIterations) throws SaslException {
    return new ScramClient(Mechanism.SCRAM_SHA_256, null, "user", Secrets.PASSWORD.toCharArray(), "abc",
        maxIterations);
  }

  @Test
  void rfc5802ScramSha1Vector() throws Exception {
    ScramClient c = sha1();
    assertThat(s(c.initialResponse())).isEqualTo("n,,n=user,r=" + SHA1_NONCE);
    assertThat(s(c.respond(b(SHA1_SERVER_FIRST)))).isEqualTo(SHA1_CLIENT_FINAL);
    assertThat(c.respond(b(SHA1_SERVER_FINAL))).isEmpty();
    assertThat(c.isComplete()).isFalse();
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void rfc7677ScramSha256Vector() throws Exception {
    ScramClient c = sha256();
    assertThat(s(c.initialResponse())).isEqualTo("n,,n=user,r=" + SHA256_NONCE);
    assertThat(s(c.respond(b(SHA256_SERVER_FIRST)))).isEqualTo(SHA256_CLIENT_FINAL);
    assertThat(c.respond(b(SHA256_SERVER_FINAL))).isEmpty();
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void vectorInBase64WireForm() throws Exception {
    ScramClient c = sha256();
    assertThat(s(c.initialResponseBase64()))
        .isEqualTo(Base64.getEncoder().encodeToString(b("n,,n=user,r=" + SHA256_NONCE)));
    byte[] serverFirst = Base64.getEncoder().encode(b(SHA256_SERVER_FIRST));
    byte[] answer = c.respondBase64(serverFirst, 0, serverFirst.length);
    assertThat(s(Base64.getDecoder().decode(answer))).isEqualTo(SHA256_CLIENT_FINAL);
    byte[] serverFinal = Base64.getEncoder().encode(b(SHA256_SERVER_FINAL));
    assertThat(c.respondBase64(serverFinal, 0, serverFinal.length)).isEmpty();
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void serverFinalWithTheSuccessReply() throws Exception {
    ScramClient c = sha256();
    c.initialResponse();
    c.respond(b(SHA256_SERVER_FIRST));
    c.complete(b(SHA256_SERVER_FINAL));
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void serverFinalWithTheSuccessReplyInBase64() throws Exception {
    ScramClient c = sha1();
    c.initialResponse();
    c.respond(b(SHA1_SERVER_FIRST));
    byte[] data = Base64.getEncoder().encode(b(SHA1_SERVER_FINAL));
    c.completeBase64(data, 0, data.length);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void withoutSaslIrTheEmptyFirstChallengeGetsClientFirst() throws Exception {
    ScramClient c = sha1();
    assertThat(s(c.respond(new byte[0]))).isEqualTo("n,,n=user,r=" + SHA1_NONCE);
    assertThat(s(c.respond(b(SHA1_SERVER_FIRST)))).isEqualTo(SHA1_CLIENT_FINAL);
    c.respond(b(SHA1_SERVER_FINAL));
    c.complete(null);
    assertThat(c.isComplete()).isTrue();
  }

  @Test
  void extensionsAfterTheIterationCountAreIgnored() throws Exception {
    ScramClient c = sha1();
    c.initialResponse();
    // The AuthMessage includes the whole server-first message, so the proof changes; only check
    // that the message is accepted and the nonce echoed.
    assertThat(s(c.respond(b(SHA1_SERVER_FIRST + ",x=future")))).startsWith("c=biws,r=" + SHA1_NONCE);
  }

  @Test
  void authorizationIdAndNameEscaping() throws Exception {
    ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, "ad,m=in", "us=er,x", "pencil".toCharArray(), "abc",
        100_000);
    assertThat(s(c.initialResponse())).isEqualTo("n,a=ad=2Cm=3Din,n=us=3Der=2Cx,r=abc");
    String clientFinal = s(c.respond(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=1")));
    String gs2 = Base64.getEncoder().encodeToString(b("n,a=ad=2Cm=3Din,"));
    assertThat(clientFinal).startsWith("c=" + gs2 + ",r=abcdef,p=");
  }

  @Test
  void userNameIsSaslPrepped() throws Exception {
    ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_1, null, "I\u00ADX\u2168", "pencil".toCharArray(), "abc",
        100_000);
    assertThat(s(c.initialResponse())).isEqualTo("n,,n=IXIX,r=abc");
  }

  @Test
  void passwordIsSaslPreppedBeforeKeyDerivation() throws Exception {
    // "pen\u00ADcil" maps to "pencil" (U+00AD is mapped to nothing), so the RFC proof results.
    ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_1, null, "user", "pen\u00ADcil".toCharArray(), SHA1_NONCE,
        100_000);
    c.initialResponse();
    assertThat(s(c.respond(b(SHA1_SERVER_FIRST)))).isEqualTo(SHA1_CLIENT_FINAL);
  }

  @Test
  void nonAsciiPasswordIsUtf8InPbkdf2() throws Exception {
    // Two clients whose passwords differ only by NFKC-equivalent forms must derive the same proof;
    // and a non-ASCII password must derive a different proof than its ASCII look-alike.
    ScramClient a = new ScramClient(Mechanism.SCRAM_SHA_256, null, "user", "caf\u00e9".toCharArray(), "n", 100_000);
    ScramClient b = new ScramClient(Mechanism.SCRAM_SHA_256, null, "user", "cafe\u0301".toCharArray(), "n", 100_000);
    ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, null, "user", "cafe".toCharArray(), "n", 100_000);
    String first = "r=nX,s=QSXCR+Q6sek8bf92,i=2";
    a.initialResponse();
    b.initialResponse();
    c.initialResponse();
    String pa = s(a.respond(b(first)));
    assertThat(s(b.respond(b(first)))).isEqualTo(pa);
    assertThat(s(c.respond(b(first)))).isNotEqualTo(pa);
    // Independent check of the UTF-8 encoding: Hi() computed by hand with HMAC.
    assertThat(pa).isEqualTo(expectedClientFinal("caf\u00e9", "n", first));
  }

  /** Client-final computed with plain HMAC-SHA-256, independently of PBEKeySpec. */
  private static String expectedClientFinal(String password, String cnonce, String serverFirst) throws Exception {
    String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
    byte[] salt = Base64.getDecoder().decode(serverFirst.split(",")[1].substring(2));
    int iterations = Integer.parseInt(serverFirst.split(",")[2].substring(2));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(b(password), "HmacSHA256"));
    byte[] u = mac.doFinal(concat(salt, new byte[] {0, 0, 0, 1}));
    byte[] salted = u.clone();
    for (int i = 1; i < iterations; i++) {
      u = mac.doFinal(u);
      for (int k = 0; k < u.length; k++) {
        salted[k] ^= u[k];
      }
    }
    mac.init(new javax.crypto.spec.SecretKeySpec(salted, "HmacSHA256"));
    byte[] clientKey = mac.doFinal(b("Client Key"));
    byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
    String withoutProof = "c=biws,r=" + nonce;
    String auth = "n=user,r=" + cnonce + "," + serverFirst + "," + withoutProof;
    mac.init(new javax.crypto.spec.SecretKeySpec(storedKey, "HmacSHA256"));
    byte[] sig = mac.doFinal(b(auth));
    for (int k = 0; k < sig.length; k++) {
      sig[k] ^= clientKey[k];
    }
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(sig);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void randomNoncesArePrintableWithoutCommaAndDiffer() throws Exception {
    String a = ScramClient.randomNonce();
    String bb = ScramClient.randomNonce();
    assertThat(a).hasSize(32).matches("[A-Za-z0-9+/]+").doesNotContain(",");
    assertThat(a).isNotEqualTo(bb);
    ScramClient c = new ScramClient(Mechanism.SCRAM_SHA_256, null, "user", "pencil".toCharArray(), 100_000);
    assertThat(s(c.initialResponse())).matches("n,,n=user,r=[A-Za-z0-9+/]{32}");
  }

  @Test
  void injectedNonceMustBePrintableWithoutComma() {
    assertThatThrownBy(() -> new ScramClient(Mechanism.SCRAM_SHA_1, null, "u", "p".toCharArray(), "a,b", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScramClient(Mechanism.SCRAM_SHA_1, null, "u", "p".toCharArray(), "a b", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScramClient(Mechanism.PLAIN, null, "u", "p".toCharArray(), "ab", 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- hostile and broken servers -------------------------------------------------------------

  private static SaslException serverFirstFails(String serverFirst) throws Exception {
    ScramClient c = hostile(100_000);
    c.initialResponse();
    SaslException e = failsCleanly(() -> c.respond(b(serverFirst)));
    // The exchange is over: nothing more is answered.
    assertThatThrownBy(() -> c.respond(b("v=AAAA"))).isInstanceOf(IllegalStateException.class);
    assertThat(c.isComplete()).isFalse();
    return e;
  }

  @Test
  void nonceNotStartingWithClientNonce() throws Exception {
    assertThat(serverFirstFails("r=xyzabc,s=QSXCR+Q6sek8bf92,i=4096").getMessage())
        .contains("nonce does not extend the client nonce");
  }

  @Test
  void nonceEqualToClientNonce() throws Exception {
    assertThat(serverFirstFails("r=abc,s=QSXCR+Q6sek8bf92,i=4096").getMessage())
        .contains("nonce does not extend the client nonce");
  }

  @Test
  void nonceWithNonPrintableCharacters() throws Exception {
    assertThat(serverFirstFails("r=abc\u0007d,s=QSXCR+Q6sek8bf92,i=4096").getMessage()).contains("nonce");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "+4096", "04096", "4k", "", "1.5", " 4096"})
  void iterationCountNotAPositiveNumber(String count) throws Exception {
    assertThat(serverFirstFails("r=abcdef,s=QSXCR+Q6sek8bf92,i=" + count).getMessage())
        .contains("iteration count is not a positive number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"100001", "2147483647", "2147483648", "99999999999999999999999"})
  @Timeout(value = 2, unit = TimeUnit.SECONDS)
  void iterationCountOverTheLimitIsRefusedBeforeKeyDerivation(String count) throws Exception {
    assertThat(serverFirstFails("r=abcdef,s=QSXCR+Q6sek8bf92,i=" + count).getMessage())
        .contains("over the limit of 100000");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.SECONDS)
  void theLimitIsConfigurable() throws Exception {
    ScramClient c = hostile(4096);
    c.initialResponse();
    assertThat(failsCleanly(() -> c.respond(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=4097"))).getMessage())
        .contains("4097").contains("limit of 4096");
    ScramClient ok = hostile(4096);
    ok.initialResponse();
    assertThat(s(ok.respond(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=4096")))).startsWith("c=biws,r=abcdef,p=");
  }

  @Test
  void saltNotBase64() throws Exception {
    assertThat(serverFirstFails("r=abcdef,s=QSX*R+Q6sek8bf92,i=4096").getMessage()).contains("salt");
  }

  @Test
  void saltEmpty() throws Exception {
    assertThat(serverFirstFails("r=abcdef,s=,i=4096").getMessage()).contains("salt is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "s=QSXCR+Q6sek8bf92,r=abcdef,i=4096",
    "r=abcdef,i=4096,s=QSXCR+Q6sek8bf92",
    "r=abcdef,x=1,s=QSXCR+Q6sek8bf92,i=4096",
    "rabcdef,s=QSXCR+Q6sek8bf92,i=4096",
  })
  void attributesMissingOrOutOfOrder(String serverFirst) throws Exception {
    assertThat(serverFirstFails(serverFirst).getMessage()).contains("server-first message lacks");
  }

  @ParameterizedTest
  @ValueSource(strings = {"r", "r=abcdef", "r=abcdef,s=QSXCR+Q6sek8bf92"})
  void truncatedServerFirst(String serverFirst) throws Exception {
    assertThat(serverFirstFails(serverFirst).getMessage()).contains("truncated");
  }

  @Test
  void emptyServerFirstAfterClientFirst() throws Exception {
    ScramClient c = hostile(100_000);
    assertThat(s(c.respond(new byte[0]))).isEqualTo("n,,n=user,r=abc"); // "send your initial response"
    assertThat(failsCleanly(() -> c.respond(new byte[0])).getMessage()).contains("truncated");
  }

  @Test
  void serverFirstWithEmptyIterationCount() throws Exception {
    assertThat(serverFirstFails("r=abcdef,s=QSXCR+Q6sek8bf92,").getMessage()).contains("lacks the iteration count");
  }

  @Test
  void mandatoryExtension() throws Exception {
    assertThat(serverFirstFails("m=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=4096").getMessage())
        .contains("mandatory extension");
  }

  @Test
  void malformedExtension() throws Exception {
    assertThat(serverFirstFails("r=abcdef,s=QSXCR+Q6sek8bf92,i=4096,junk").getMessage()).contains("extension");
  }

  @Test
  void serverFirstNotUtf8() throws Exception {
    ScramClient c = hostile(100_000);
    c.initialResponse();
    assertThat(failsCleanly(() -> c.respond(new byte[] {'r', '=', (byte) 0xC3})).getMessage()).contains("UTF-8");
  }

  @Test
  void serverFirstBeforeClientFirstIsAnswered() throws Exception {
    // A non-empty first challenge on a client-first mechanism is taken as the server-first message
    // (the initial response went out with the command); a nonce mismatch then still fails.
    ScramClient c = hostile(100_000);
    failsCleanly(() -> c.respond(b("r=zzz,s=QSXCR+Q6sek8bf92,i=1")));
  }

  /** Runs the RFC 7677 exchange up to the server-final message. */
  private static ScramClient atServerFinal() throws Exception {
    ScramClient c = sha256();
    c.initialResponse();
    c.respond(b(SHA256_SERVER_FIRST));
    return c;
  }

  @Test
  void tamperedServerSignature() throws Exception {
    ScramClient c = atServerFinal();
    String tampered = "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    SaslException e = failsCleanly(() -> c.respond(b(tampered)), "pencil");
    assertThat(e.getMessage()).contains("server signature is wrong");
    assertThat(failsCleanly(() -> c.complete(null), "pencil").getMessage()).contains("already failed");
    assertThat(c.isComplete()).isFalse();
  }

  @Test
  void tamperedServerSignatureWithTheSuccessReply() throws Exception {
    ScramClient c = atServerFinal();
    failsCleanly(() -> c.complete(b("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")), "pencil");
    assertThat(c.isComplete()).isFalse();
  }

  @Test
  void truncatedServerSignature() throws Exception {
    ScramClient c = atServerFinal();
    failsCleanly(() -> c.respond(b("v=6rriTRBi23WpRR/wtup+mMhU")), "pencil");
  }

  @Test
  void serverSignatureNotBase64() throws Exception {
    ScramClient c = atServerFinal();
    assertThat(failsCleanly(() -> c.respond(b("v=6rri*RBi23WpRR")), "pencil").getMessage()).contains("base64");
  }

  @Test
  void serverFinalWithoutVerifier() throws Exception {
    ScramClient c = atServerFinal();
    assertThat(failsCleanly(() -> c.respond(b("x=1")), "pencil").getMessage()).contains("no server signature");
  }

  @Test
  void successWithoutServerSignature() throws Exception {
    ScramClient c = atServerFinal();
    SaslException e = failsCleanly(() -> c.complete(null), "pencil");
    assertThat(e.getMessage()).contains("without proving");
    assertThat(c.isComplete()).isFalse();
  }

  @Test
  void successBeforeServerFirst() throws Exception {
    ScramClient c = sha256();
    c.initialResponse();
    failsCleanly(() -> c.complete(null), "pencil");
    ScramClient d = sha256();
    d.initialResponse();
    failsCleanly(() -> d.complete(b(SHA256_SERVER_FINAL)), "pencil");
  }

  @Test
  void serverErrorAttribute() throws Exception {
    ScramClient c = atServerFinal();
    SaslException e = failsCleanly(() -> c.respond(b("e=invalid-proof")), "pencil");
    assertThat(e.getMessage()).contains("invalid-proof");
    assertThat(c.serverError()).contains("invalid-proof");
  }

  @Test
  void serverErrorAttributeIsSanitised() throws Exception {
    ScramClient c = atServerFinal();
    SaslException e = failsCleanly(() -> c.respond(b("e=bad\u0007value" + "x".repeat(300))), "pencil");
    assertThat(e.getMessage()).contains("bad?value").doesNotContain("\u0007").hasSizeLessThan(250);
  }

  @Test
  void challengeAfterVerification() throws Exception {
    ScramClient c = atServerFinal();
    c.respond(b(SHA256_SERVER_FINAL));
    failsCleanly(() -> c.respond(b("v=again")), "pencil");
  }

  @Test
  void saslPrepFailureOfThePasswordNamesNoCharacter() {
    SaslException e = failsCleanly(() -> new ScramClient(Mechanism.SCRAM_SHA_1, null, "user",
        (Secrets.PASSWORD + "\u0007").toCharArray(), "abc", 10));
    assertThat(e.getMessage()).contains("password").contains("prohibits").doesNotContain("U+0007");
  }

  @Test
  void saslPrepFailureOfTheUserName() {
    SaslException e = failsCleanly(() -> new ScramClient(Mechanism.SCRAM_SHA_1, null, "us\u0007er",
        Secrets.PASSWORD.toCharArray(), "abc", 10));
    assertThat(e.getMessage()).contains("user name").contains("U+0007");
  }

  @Test
  void passwordEmptyAfterSaslPrep() {
    failsCleanly(() -> new ScramClient(Mechanism.SCRAM_SHA_1, null, "user", "\u00AD".toCharArray(), "abc", 10));
  }
}

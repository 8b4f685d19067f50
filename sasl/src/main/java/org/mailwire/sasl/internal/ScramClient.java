package org.mailwire.sasl.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;

/**
 * SCRAM-SHA-1 (RFC 5802) and SCRAM-SHA-256 (RFC 7677), without channel binding (GS2 flag
 * {@code n}).
 *
 * <pre>
 * C: n,[a=authzid],n=user,r=cnonce                      (client-first, the initial response)
 * S: r=cnonce+snonce,s=salt,i=count                      (server-first)
 * C: c=base64(gs2-header),r=cnonce+snonce,p=proof        (client-final)
 * S: v=server-signature   or   e=error                   (server-final)
 * </pre>
 *
 * <p>The user name and authorization identity are SASLprep'd as queries and the password as a
 * stored string; names are {@code =2C}/{@code =3D} escaped. The server-first message is parsed
 * strictly: no mandatory extension ({@code m=}), the nonce must extend the client nonce, the salt
 * must be non-empty base64, the iteration count a positive number not above the configured limit,
 * checked before any key derivation. The server signature is compared in constant time; a wrong or
 * missing one fails the exchange.
 */
public final class ScramClient extends AbstractSaslClient {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Random bytes in a generated client nonce (base64: 32 printable characters, no comma). */
  static final int NONCE_BYTES = 24;

  private enum Step {
    CLIENT_FIRST,
    CLIENT_FINAL,
    VERIFIED
  }

  private final String digest;
  private final String hmac;
  private final String pbkdf2;
  private final int hashLength;
  private final int maxIterations;
  private final String gs2Header;
  private final String clientFirstBare;
  private final String clientNonce;
  private char[] preparedPassword;
  private byte[] expectedServerSignature;
  private Step step = Step.CLIENT_FIRST;

  /**
   * Creates the client with a random nonce.
   *
   * @param mechanism {@link Mechanism#SCRAM_SHA_1} or {@link Mechanism#SCRAM_SHA_256}
   * @param authorizationId the identity to act as, or null
   * @param username the authentication identity
   * @param password the password; not modified (a SASLprep'd copy is kept until the proof is made)
   * @param maxIterations the highest iteration count accepted from the server
   * @throws SaslException if a name or the password fails SASLprep
   */
  public ScramClient(Mechanism mechanism, String authorizationId, String username, char[] password, int maxIterations)
      throws SaslException {
    this(mechanism, authorizationId, username, password, randomNonce(), maxIterations);
  }

  /**
   * Creates the client with a given nonce (for published test vectors).
   *
   * @param mechanism {@link Mechanism#SCRAM_SHA_1} or {@link Mechanism#SCRAM_SHA_256}
   * @param authorizationId the identity to act as, or null
   * @param username the authentication identity
   * @param password the password; not modified
   * @param clientNonce printable ASCII without comma, at least one character
   * @param maxIterations the highest iteration count accepted from the server
   * @throws IllegalArgumentException if the nonce is not printable ASCII without comma, or the
   *     mechanism is not SCRAM
   * @throws SaslException if a name or the password fails SASLprep
   */
  public ScramClient(Mechanism mechanism, String authorizationId, String username, char[] password, String clientNonce,
      int maxIterations) throws SaslException {
    super(mechanism);
    switch (mechanism) {
      case SCRAM_SHA_1:
        digest = "SHA-1";
        hmac = "HmacSHA1";
        pbkdf2 = "PBKDF2WithHmacSHA1";
        hashLength = 20;
        break;
      case SCRAM_SHA_256:
        digest = "SHA-256";
        hmac = "HmacSHA256";
        pbkdf2 = "PBKDF2WithHmacSHA256";
        hashLength = 32;
        break;
      default:
        throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
    }
    if (clientNonce.isEmpty() || !printableNoComma(clientNonce)) {
      throw new IllegalArgumentException("SCRAM client nonce must be printable ASCII without comma");
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations < 1");
    }
    String name = mechanism.saslName();
    String user = SaslPrep.query(username, name + " user name", false);
    if (user.isEmpty()) {
      throw new SaslException(name + " user name is empty after SASLprep");
    }
    String authz = authorizationId == null ? null : SaslPrep.query(authorizationId, name + " authorization identity",
        false);
    String pw = SaslPrep.stored(CharBuffer.wrap(password), name + " password", true);
    if (pw.isEmpty()) {
      throw new SaslException(name + " password is empty after SASLprep");
    }
    this.preparedPassword = pw.toCharArray();
    this.maxIterations = maxIterations;
    this.clientNonce = clientNonce;
    this.gs2Header = "n," + (authz == null || authz.isEmpty() ? "" : "a=" + Gs2.saslName(authz)) + ",";
    this.clientFirstBare = "n=" + Gs2.saslName(user) + ",r=" + clientNonce;
  }

  /**
   * A fresh client nonce: {@value #NONCE_BYTES} bytes from {@link SecureRandom}, base64 without
   * padding.
   *
   * @return printable ASCII without comma
   */
  static String randomNonce() {
    byte[] b = new byte[NONCE_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  protected boolean clientFirst() {
    return true;
  }

  @Override
  protected byte[] initial() {
    return Wire.utf8(gs2Header + clientFirstBare);
  }

  @Override
  protected byte[] evaluate(byte[] challenge) throws SaslException {
    switch (step) {
      case CLIENT_FIRST:
        return clientFinal(challenge);
      case CLIENT_FINAL:
        verifyServerFinal(challenge);
        return new byte[0];
      default:
        throw new SaslException(mechanism().saslName() + ": unexpected challenge after the server signature");
    }
  }

  @Override
  protected void finish(byte[] data) throws SaslException {
    if (data != null && data.length > 0) {
      if (step == Step.VERIFIED) {
        throw new SaslException(mechanism().saslName()
            + ": the server sent a second server-final message with its success reply");
      }
      if (step != Step.CLIENT_FINAL) {
        throw new SaslException(mechanism().saslName() + ": the server reported success before the client-final"
            + " message");
      }
      verifyServerFinal(data);
    }
    if (step != Step.VERIFIED) {
      wipeKeys();
      throw new SaslException(mechanism().saslName() + ": the server reported success without proving that it knows"
          + " the password (no server signature); the server is not trusted");
    }
  }

  private byte[] clientFinal(byte[] serverFirstBytes) throws SaslException {
    String name = mechanism().saslName();
    String serverFirst = utf8(serverFirstBytes, "server-first message");
    String[] attrs = serverFirst.split(",", -1);
    if (attrs[0].startsWith("m=")) {
      throw new SaslException(name + ": the server requires an unsupported mandatory extension (m=)");
    }
    if (attrs.length < 3) {
      throw new SaslException(name + ": server-first message is truncated (" + attrs.length
          + " attributes, need r, s and i)");
    }
    String nonce = attribute(attrs[0], 'r', "nonce");
    String salt64 = attribute(attrs[1], 's', "salt");
    String count = attribute(attrs[2], 'i', "iteration count");
    for (int k = 3; k < attrs.length; k++) {
      if (attrs[k].length() < 2 || attrs[k].charAt(1) != '=' || !isAlpha(attrs[k].charAt(0))) {
        throw new SaslException(name + ": malformed extension in the server-first message");
      }
    }
    if (!printableNoComma(nonce)) {
      throw new SaslException(name + ": server nonce has characters outside printable ASCII");
    }
    if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
      throw new SaslException(name + ": server nonce does not extend the client nonce (possible replay or"
          + " misbehaving server)");
    }
    byte[] salt;
    try {
      salt = Base64.getDecoder().decode(salt64);
    } catch (IllegalArgumentException e) {
      throw new SaslException(name + ": salt is not valid base64");
    }
    if (salt.length == 0) {
      throw new SaslException(name + ": salt is empty");
    }
    int iterations = iterations(count);

    String clientFinalWithoutProof =
        "c=" + Base64.getEncoder().encodeToString(Wire.utf8(gs2Header)) + ",r=" + nonce;
    byte[] authMessage = Wire.utf8(clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);

    byte[] salted = null;
    byte[] clientKey = null;
    byte[] storedKey = null;
    byte[] clientSignature = null;
    byte[] serverKey = null;
    try {
      salted = hi(salt, iterations);
      clientKey = hmac(salted, Wire.utf8("Client Key"));
      storedKey = MessageDigest.getInstance(digest).digest(clientKey);
      clientSignature = hmac(storedKey, authMessage);
      byte[] proof = new byte[hashLength];
      for (int k = 0; k < hashLength; k++) {
        proof[k] = (byte) (clientKey[k] ^ clientSignature[k]);
      }
      serverKey = hmac(salted, Wire.utf8("Server Key"));
      expectedServerSignature = hmac(serverKey, authMessage);
      step = Step.CLIENT_FINAL;
      return Wire.utf8(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    } catch (GeneralSecurityException e) {
      throw new SaslException(name + ": " + digest + " is not available in this JVM", e);
    } finally {
      Wire.wipe(salted, clientKey, storedKey, clientSignature, serverKey);
      Arrays.fill(preparedPassword, '\0');
    }
  }

  private void verifyServerFinal(byte[] serverFinalBytes) throws SaslException {
    String name = mechanism().saslName();
    try {
      String serverFinal = utf8(serverFinalBytes, "server-final message");
      int comma = serverFinal.indexOf(',');
      String first = comma < 0 ? serverFinal : serverFinal.substring(0, comma);
      if (first.startsWith("e=")) {
        serverError(first.substring(2));
        throw new SaslException(name + ": the server reported an error: " + Wire.sanitize(first.substring(2), 100));
      }
      if (!first.startsWith("v=")) {
        throw new SaslException(name + ": server-final message has no server signature (v=)");
      }
      byte[] signature;
      try {
        signature = Base64.getDecoder().decode(first.substring(2));
      } catch (IllegalArgumentException e) {
        throw new SaslException(name + ": server signature is not valid base64");
      }
      if (expectedServerSignature == null || !MessageDigest.isEqual(signature, expectedServerSignature)) {
        throw new SaslException(name + ": the server signature is wrong: the server did not prove that it knows the"
            + " password; the server is not trusted");
      }
      step = Step.VERIFIED;
    } finally {
      wipeKeys();
    }
  }

  private int iterations(String count) throws SaslException {
    String name = mechanism().saslName();
    // posit-number = %x31-39 *DIGIT: no sign, no leading zero.
    boolean digits = !count.isEmpty() && count.charAt(0) >= '1' && count.charAt(0) <= '9';
    for (int k = 1; digits && k < count.length(); k++) {
      digits = count.charAt(k) >= '0' && count.charAt(k) <= '9';
    }
    if (!digits) {
      throw new SaslException(name + ": iteration count is not a positive number");
    }
    if (count.length() > 10) {
      throw new SaslException(name + ": iteration count is over the limit of " + maxIterations
          + " (SaslOptions.maxScramIterations)");
    }
    long n = Long.parseLong(count);
    if (n > maxIterations) {
      throw new SaslException(name + ": iteration count " + n + " is over the limit of " + maxIterations
          + " (SaslOptions.maxScramIterations)");
    }
    return (int) n;
  }

  private String attribute(String attr, char letter, String what) throws SaslException {
    if (attr.length() < 2 || attr.charAt(0) != letter || attr.charAt(1) != '=') {
      throw new SaslException(mechanism().saslName() + ": server-first message lacks the " + what + " (" + letter
          + "=) where expected");
    }
    return attr.substring(2);
  }

  private byte[] hi(byte[] salt, int iterations) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(preparedPassword, salt, iterations, hashLength * 8);
    try {
      return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
    }
  }

  private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance(hmac);
    mac.init(new SecretKeySpec(key, hmac));
    return mac.doFinal(data);
  }

  private void wipeKeys() {
    Wire.wipe(expectedServerSignature);
    expectedServerSignature = null;
    Arrays.fill(preparedPassword, '\0');
  }

  private String utf8(byte[] b, String what) throws SaslException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SaslException(mechanism().saslName() + ": " + what + " is not valid UTF-8");
    }
  }

  private static boolean printableNoComma(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c < 0x21 || c > 0x7e || c == ',') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}

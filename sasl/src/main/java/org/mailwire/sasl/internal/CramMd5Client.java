package org.mailwire.sasl.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;

/**
 * CRAM-MD5 (RFC 2195): the server sends a challenge (a msg-id like {@code <1896.697170952@host>}),
 * the client answers {@code user SP hex(HMAC-MD5(password, challenge))} in lower-case hex.
 */
public final class CramMd5Client extends AbstractSaslClient {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final String username;
  private final char[] password;
  private boolean answered;

  /**
   * Creates the client.
   *
   * @param username the user name
   * @param password the password; kept by reference, not modified
   */
  public CramMd5Client(String username, char[] password) {
    super(Mechanism.CRAM_MD5);
    this.username = username;
    this.password = password;
  }

  @Override
  protected boolean clientFirst() {
    return false;
  }

  @Override
  protected byte[] initial() {
    throw new IllegalStateException("CRAM-MD5 has no initial response");
  }

  @Override
  protected byte[] evaluate(byte[] challenge) throws SaslException {
    if (answered) {
      throw new SaslException("CRAM-MD5 expects one server challenge, got a second");
    }
    if (challenge.length == 0) {
      throw new SaslException("CRAM-MD5 server challenge is empty");
    }
    answered = true;
    byte[] key = Wire.utf8(password, "password");
    byte[] digest;
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(key, "HmacMD5"));
      digest = mac.doFinal(challenge);
    } catch (GeneralSecurityException e) {
      throw new SaslException("HmacMD5 is not available in this JVM", e);
    } finally {
      Wire.wipe(key);
    }
    byte[] user = Wire.utf8(username);
    byte[] out = new byte[user.length + 1 + 2 * digest.length];
    System.arraycopy(user, 0, out, 0, user.length);
    out[user.length] = ' ';
    for (int i = 0; i < digest.length; i++) {
      out[user.length + 1 + 2 * i] = (byte) HEX[(digest[i] >> 4) & 0xf];
      out[user.length + 2 + 2 * i] = (byte) HEX[digest[i] & 0xf];
    }
    return out;
  }
}

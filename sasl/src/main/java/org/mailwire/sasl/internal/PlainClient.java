package org.mailwire.sasl.internal;

import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;

/**
 * PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}, all UTF-8, sent as the
 * initial response (or in answer to the server's empty challenge). The server sends no further
 * challenge.
 */
public final class PlainClient extends AbstractSaslClient {
  private final String authorizationId;
  private final String username;
  private final char[] password;

  /**
   * Creates the client.
   *
   * @param authorizationId the identity to act as, or null
   * @param username the authentication identity
   * @param password the password; kept by reference, not modified
   * @throws SaslException if a value contains U+0000, which PLAIN uses as separator
   */
  public PlainClient(String authorizationId, String username, char[] password) throws SaslException {
    super(Mechanism.PLAIN);
    if (authorizationId != null && authorizationId.indexOf('\0') >= 0) {
      throw new SaslException("PLAIN cannot carry an authorization identity containing U+0000");
    }
    if (username.indexOf('\0') >= 0) {
      throw new SaslException("PLAIN cannot carry a user name containing U+0000");
    }
    for (char c : password) {
      if (c == '\0') {
        throw new SaslException("PLAIN cannot carry a password containing U+0000");
      }
    }
    this.authorizationId = authorizationId;
    this.username = username;
    this.password = password;
  }

  @Override
  protected boolean clientFirst() {
    return true;
  }

  @Override
  protected byte[] initial() throws SaslException {
    byte[] authz = authorizationId == null ? new byte[0] : Wire.utf8(authorizationId);
    byte[] user = Wire.utf8(username);
    byte[] pass = Wire.utf8(password, "password");
    byte[] out = Wire.concat(authz, new byte[] {0}, user, new byte[] {0}, pass);
    Wire.wipe(pass);
    return out;
  }

  @Override
  protected byte[] evaluate(byte[] challenge) throws SaslException {
    throw new SaslException("PLAIN expects no server challenge after its response (got " + challenge.length
        + " bytes)");
  }
}

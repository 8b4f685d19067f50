package org.mailwire.sasl.internal;

import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;

/**
 * XOAUTH2 (Google's and Microsoft's format): the initial response {@code user=<user>^Aauth=Bearer
 * <token>^A^A}. On failure the server sends a JSON error object as a challenge; the client records
 * its {@code status} ({@link #serverError()}) and answers an empty response, after which the server
 * sends its failure reply.
 */
public final class XOAuth2Client extends AbstractSaslClient {
  private final String username;
  private final String token;
  private boolean errorSeen;

  /**
   * Creates the client.
   *
   * @param username the account's user name
   * @param token the access token
   * @throws SaslException if the user name has control characters or the token is not a bearer
   *     token
   */
  public XOAuth2Client(String username, String token) throws SaslException {
    super(Mechanism.XOAUTH2);
    Bearer.checkUser(username, "XOAUTH2");
    Bearer.checkToken(token, "XOAUTH2");
    this.username = username;
    this.token = token;
  }

  @Override
  protected boolean clientFirst() {
    return true;
  }

  @Override
  protected byte[] initial() {
    return Wire.concat(
        Wire.utf8("user=" + username),
        new byte[] {Bearer.CTRL_A},
        Wire.utf8("auth=Bearer " + token),
        new byte[] {Bearer.CTRL_A, Bearer.CTRL_A});
  }

  @Override
  protected byte[] evaluate(byte[] challenge) throws SaslException {
    if (errorSeen) {
      throw new SaslException("XOAUTH2: a second challenge after the server's error challenge");
    }
    if (challenge.length == 0) {
      throw new SaslException("XOAUTH2: unexpected empty challenge after the initial response");
    }
    errorSeen = true;
    String status = OAuthError.status(challenge);
    serverError(status == null ? "unreadable error challenge" : status);
    return new byte[0];
  }

  @Override
  protected void finish(byte[] data) throws SaslException {
    if (errorSeen) {
      throw new SaslException("XOAUTH2: the server reported success after an error challenge ("
          + serverError().orElse("") + ")");
    }
    super.finish(data);
  }
}

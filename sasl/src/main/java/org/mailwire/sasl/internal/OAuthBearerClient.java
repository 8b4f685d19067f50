package org.mailwire.sasl.internal;

import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;

/**
 * OAUTHBEARER (RFC 7628): the initial response is a GS2 header without channel binding naming the
 * user, {@code n,a=<saslname>,}, followed by {@code ^Ahost=<host>^Aport=<port>^Aauth=Bearer
 * <token>^A^A} (host and port only when configured). On failure the server sends a JSON error
 * object as a challenge (section 3.2.2); the client records its {@code status} ({@link
 * #serverError()}) and answers the single byte {@code 0x01} (a "dummy" response, section 3.2.3),
 * after which the server sends its failure reply.
 */
public final class OAuthBearerClient extends AbstractSaslClient {
  private final String username;
  private final String token;
  private final String host;
  private final int port;
  private boolean errorSeen;

  /**
   * Creates the client.
   *
   * @param username the account's user name (sent as the GS2 authzid, {@code =2C}/{@code =3D}
   *     escaped)
   * @param token the access token
   * @param host the {@code host=} value, or null to omit it
   * @param port the {@code port=} value, or 0 to omit it
   * @throws SaslException if the user name has control characters or the token is not a bearer
   *     token
   */
  public OAuthBearerClient(String username, String token, String host, int port) throws SaslException {
    super(Mechanism.OAUTHBEARER);
    Bearer.checkUser(username, "OAUTHBEARER");
    Bearer.checkToken(token, "OAUTHBEARER");
    this.username = username;
    this.token = token;
    this.host = host;
    this.port = port;
  }

  @Override
  protected boolean clientFirst() {
    return true;
  }

  @Override
  protected byte[] initial() {
    StringBuilder sb = new StringBuilder("n,a=").append(Gs2.saslName(username)).append(",\u0001");
    if (host != null) {
      sb.append("host=").append(host).append('\u0001');
    }
    if (port > 0) {
      sb.append("port=").append(port).append('\u0001');
    }
    sb.append("auth=Bearer ").append(token).append("\u0001\u0001");
    return Wire.utf8(sb.toString());
  }

  @Override
  protected byte[] evaluate(byte[] challenge) throws SaslException {
    if (errorSeen) {
      throw new SaslException("OAUTHBEARER: a second challenge after the server's error challenge");
    }
    if (challenge.length == 0) {
      throw new SaslException("OAUTHBEARER: unexpected empty challenge after the initial response");
    }
    errorSeen = true;
    String status = OAuthError.status(challenge);
    serverError(status == null ? "unreadable error challenge" : status);
    return new byte[] {Bearer.CTRL_A};
  }

  @Override
  protected void finish(byte[] data) throws SaslException {
    if (errorSeen) {
      throw new SaslException("OAUTHBEARER: the server reported success after an error challenge ("
          + serverError().orElse("") + ")");
    }
    super.finish(data);
  }
}

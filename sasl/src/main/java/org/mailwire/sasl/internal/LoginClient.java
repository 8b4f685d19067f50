package org.mailwire.sasl.internal;

import org.mailwire.sasl.Mechanism;
import org.mailwire.sasl.SaslException;

/**
 * LOGIN (draft-murchison-sasl-login): the server prompts twice, the client answers with the user
 * name and then the password (UTF-8). The prompts ({@code Username:}, {@code Password:} or
 * anything else) are answered by their order, never by their text. It has no initial response.
 */
public final class LoginClient extends AbstractSaslClient {
  private final String username;
  private final char[] password;
  private int step;

  /**
   * Creates the client.
   *
   * @param username the user name
   * @param password the password; kept by reference, not modified
   */
  public LoginClient(String username, char[] password) {
    super(Mechanism.LOGIN);
    this.username = username;
    this.password = password;
  }

  @Override
  protected boolean clientFirst() {
    return false;
  }

  @Override
  protected byte[] initial() {
    throw new IllegalStateException("LOGIN has no initial response");
  }

  @Override
  protected byte[] evaluate(byte[] challenge) throws SaslException {
    switch (step++) {
      case 0:
        return Wire.utf8(username);
      case 1:
        return Wire.utf8(password, "password");
      default:
        throw new SaslException("LOGIN expects two server prompts, got a third");
    }
  }
}

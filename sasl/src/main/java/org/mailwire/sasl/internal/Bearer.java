package org.mailwire.sasl.internal;

import org.mailwire.sasl.SaslException;

/** Checks shared by the two OAuth mechanisms. */
final class Bearer {
  /** Separator of the key/value pairs in both OAuth messages. */
  static final byte CTRL_A = 0x01;

  private Bearer() {}

  /**
   * Checks that a token can go into {@code auth=Bearer <token>}: printable ASCII without spaces
   * (RFC 6750 b64token is a subset). The message never shows the token.
   */
  static void checkToken(String token, String mechanism) throws SaslException {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new SaslException(mechanism + ": the access token contains a character not allowed in a bearer token"
            + " (only printable ASCII without spaces)");
      }
    }
  }

  /** Checks that a user name has no control characters (they would break the message). */
  static void checkUser(String username, String mechanism) throws SaslException {
    if (Wire.hasControl(username)) {
      throw new SaslException(mechanism + " cannot carry a user name containing control characters");
    }
  }
}

package org.mailwire.sasl;

import java.util.Optional;

/**
 * The SASL mechanisms mailwire implements on the client side, in order of preference within each
 * kind of credentials: for passwords {@link #SCRAM_SHA_256} &gt; {@link #SCRAM_SHA_1} &gt; {@link
 * #CRAM_MD5} &gt; {@link #PLAIN} &gt; {@link #LOGIN}; for OAuth access tokens {@link #OAUTHBEARER}
 * &gt; {@link #XOAUTH2}.
 */
public enum Mechanism {
  /** SCRAM-SHA-256 (RFC 7677): challenge-response, the server proves it knows the password too. */
  SCRAM_SHA_256("SCRAM-SHA-256", false, false),
  /** SCRAM-SHA-1 (RFC 5802). */
  SCRAM_SHA_1("SCRAM-SHA-1", false, false),
  /** CRAM-MD5 (RFC 2195): an HMAC-MD5 of a server challenge; the password is not sent. */
  CRAM_MD5("CRAM-MD5", false, false),
  /** PLAIN (RFC 4616): user name and password in clear, optionally an authorization identity. */
  PLAIN("PLAIN", true, false),
  /** LOGIN (draft-murchison-sasl-login): user name, then password, in clear. */
  LOGIN("LOGIN", true, false),
  /** OAUTHBEARER (RFC 7628): an OAuth 2.0 bearer token in clear. */
  OAUTHBEARER("OAUTHBEARER", true, true),
  /** XOAUTH2 (Google's and Microsoft's format): an OAuth 2.0 bearer token in clear. */
  XOAUTH2("XOAUTH2", true, true);

  private final String saslName;
  private final boolean clear;
  private final boolean token;

  Mechanism(String saslName, boolean clear, boolean token) {
    this.saslName = saslName;
    this.clear = clear;
    this.token = token;
  }

  /**
   * The registered SASL name.
   *
   * @return the name as sent on the wire, upper case, e.g. {@code "SCRAM-SHA-256"}, {@code
   *     "CRAM-MD5"}
   */
  public String saslName() {
    return saslName;
  }

  /**
   * Looks a mechanism up by its SASL name, ignoring ASCII case (only ASCII letters fold: a name
   * with other characters that merely look alike does not match).
   *
   * @param name a SASL mechanism name as a server advertises it; may be null
   * @return the mechanism, or empty if the name is null or not one mailwire implements
   */
  public static Optional<Mechanism> bySaslName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (Mechanism m : values()) {
      if (asciiEqualsIgnoreCase(m.saslName, name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the mechanism puts a reusable secret on the wire (a password, or a bearer token that
   * anyone who sees it can replay): {@link #PLAIN}, {@link #LOGIN}, {@link #XOAUTH2}, {@link
   * #OAUTHBEARER}. Such mechanisms are refused on an unencrypted channel unless the caller opts
   * in ({@link SaslOptions#allowPlaintextOnInsecureChannel(boolean)}).
   *
   * @return true for the plaintext mechanisms
   */
  public boolean sendsSecretInClear() {
    return clear;
  }

  /**
   * Whether the mechanism authenticates with an OAuth access token ({@link Credentials#oauth})
   * rather than a password.
   *
   * @return true for {@link #OAUTHBEARER} and {@link #XOAUTH2}
   */
  public boolean usesToken() {
    return token;
  }

  private static boolean asciiEqualsIgnoreCase(String upper, String s) {
    if (upper.length() != s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      }
      if (c != upper.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}

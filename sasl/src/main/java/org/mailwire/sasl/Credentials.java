package org.mailwire.sasl;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a client authenticates with: a user name and either a password or an OAuth 2.0 access-token
 * supplier, optionally with an authorization identity (the user to act as, for PLAIN and SCRAM).
 *
 * <p>The password is copied on creation; the caller may wipe its own array afterwards. The token
 * supplier is called once for every authentication exchange ({@link Sasl#create}/{@link
 * Sasl#choose}), so that a refreshed token is used on each attempt.
 *
 * <p>{@link #toString()} never shows the password or the token, e.g. {@code
 * Credentials[user=alice, password=<redacted>]}. Instances are immutable and thread-safe (as long
 * as the token supplier is).
 */
public final class Credentials {
  private static final String REDACTED = "<redacted>";

  private final String authorizationId;
  private final String username;
  private final char[] password;
  private final Supplier<String> accessToken;

  private Credentials(String authorizationId, String username, char[] password, Supplier<String> accessToken) {
    this.authorizationId = authorizationId;
    this.username = username;
    this.password = password;
    this.accessToken = accessToken;
  }

  /**
   * Password credentials.
   *
   * @param username the authentication identity (login name); not empty
   * @param password the password; not empty; copied
   * @return the credentials
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the user name or the password is empty
   */
  public static Credentials password(String username, char[] password) {
    return password(null, username, password);
  }

  /**
   * Password credentials with an authorization identity: authenticate as {@code username}, act as
   * {@code authorizationId} (PLAIN and SCRAM carry it; LOGIN and CRAM-MD5 cannot, and refuse such
   * credentials).
   *
   * @param authorizationId the identity to act as; null or empty for none
   * @param username the authentication identity; not empty
   * @param password the password; not empty; copied
   * @return the credentials
   * @throws NullPointerException if the user name or the password is null
   * @throws IllegalArgumentException if the user name or the password is empty
   */
  public static Credentials password(String authorizationId, String username, char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new IllegalArgumentException("password is empty");
    }
    return new Credentials(normalizeAuthzid(authorizationId), checkUser(username), password.clone(), null);
  }

  /**
   * Password credentials from a {@code String} password; see {@link #password(String, char[])}.
   *
   * @param username the authentication identity (login name); not empty
   * @param password the password; not empty
   * @return the credentials
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the user name or the password is empty
   */
  public static Credentials password(String username, String password) {
    return password(null, username, Objects.requireNonNull(password, "password").toCharArray());
  }

  /**
   * Password credentials with an authorization identity, from a {@code String} password; see
   * {@link #password(String, String, char[])}.
   *
   * @param authorizationId the identity to act as; null or empty for none
   * @param username the authentication identity; not empty
   * @param password the password; not empty
   * @return the credentials
   * @throws NullPointerException if the user name or the password is null
   * @throws IllegalArgumentException if the user name or the password is empty
   */
  public static Credentials password(String authorizationId, String username, String password) {
    return password(authorizationId, username, Objects.requireNonNull(password, "password").toCharArray());
  }

  /**
   * OAuth 2.0 credentials for {@link Mechanism#OAUTHBEARER} and {@link Mechanism#XOAUTH2}.
   *
   * @param username the account's user name (usually the mail address)
   * @param accessToken called once per authentication exchange; returns a current bearer token
   * @return the credentials
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the user name is empty
   */
  public static Credentials oauth(String username, Supplier<String> accessToken) {
    Objects.requireNonNull(accessToken, "accessToken");
    return new Credentials(null, checkUser(username), null, accessToken);
  }

  /**
   * The authentication identity.
   *
   * @return the user name, never empty
   */
  public String username() {
    return username;
  }

  /**
   * The authorization identity.
   *
   * @return the identity to act as, or empty when it is the user name's own
   */
  public Optional<String> authorizationId() {
    return Optional.ofNullable(authorizationId);
  }

  /**
   * Whether these are OAuth credentials.
   *
   * @return true for {@link #oauth} credentials, false for passwords
   */
  public boolean isToken() {
    return accessToken != null;
  }

  /**
   * A description without secrets.
   *
   * @return e.g. {@code Credentials[user=alice, password=<redacted>]}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Credentials[");
    if (authorizationId != null) {
      sb.append("authzid=").append(authorizationId).append(", ");
    }
    sb.append("user=").append(username).append(", ");
    sb.append(isToken() ? "token=" : "password=").append(REDACTED).append(']');
    return sb.toString();
  }

  /** The password itself (not a copy); null for OAuth credentials. Callers must not modify it. */
  char[] passwordChars() {
    return password;
  }

  /**
   * Asks the supplier for a token.
   *
   * @throws SaslException if the supplier fails or returns nothing
   */
  String fetchToken() throws SaslException {
    String token;
    try {
      token = accessToken.get();
    } catch (RuntimeException e) {
      // The supplier's exception may describe the token request; keep it as the cause only.
      throw new SaslException("the access-token supplier failed: " + e.getClass().getName(), e);
    }
    if (token == null || token.isEmpty()) {
      throw new SaslException("the access-token supplier returned no token");
    }
    return token;
  }

  private static String checkUser(String username) {
    Objects.requireNonNull(username, "username");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("username is empty");
    }
    return username;
  }

  private static String normalizeAuthzid(String authorizationId) {
    return authorizationId == null || authorizationId.isEmpty() ? null : authorizationId;
  }
}

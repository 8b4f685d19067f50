package org.mailwire.sasl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.mailwire.sasl.internal.CramMd5Client;
import org.mailwire.sasl.internal.LoginClient;
import org.mailwire.sasl.internal.OAuthBearerClient;
import org.mailwire.sasl.internal.PlainClient;
import org.mailwire.sasl.internal.ScramClient;
import org.mailwire.sasl.internal.Wire;
import org.mailwire.sasl.internal.XOAuth2Client;

/**
 * Chooses a SASL mechanism and creates the {@link SaslClient} for one authentication exchange.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Preference: {@code SCRAM-SHA-256 > SCRAM-SHA-1 > CRAM-MD5 > PLAIN > LOGIN} for password
 *       credentials, {@code OAUTHBEARER > XOAUTH2} for OAuth credentials ({@link Mechanism}
 *       order).
 *   <li>Mechanisms that send a secret in clear ({@link Mechanism#sendsSecretInClear()}) are refused
 *       on an unencrypted channel unless {@link SaslOptions#allowPlaintextOnInsecureChannel}.
 *   <li>Credentials with an authorization identity only fit PLAIN and SCRAM.
 *   <li>Names the server offers are matched ignoring ASCII case; unknown names are ignored.
 * </ul>
 *
 * <pre>{@code
 * SaslClient sasl = Sasl.choose(List.of("PLAIN", "LOGIN", "SCRAM-SHA-256"),
 *     Credentials.password("alice", pw), transport.isSecure(), SaslOptions.defaults());
 * // sasl.mechanism() == Mechanism.SCRAM_SHA_256
 * }</pre>
 */
public final class Sasl {
  private static final int MAX_NAMES_IN_MESSAGE = 20;
  private static final int MAX_NAME_IN_MESSAGE = 40;

  private Sasl() {}

  /**
   * Chooses the strongest usable mechanism the server offers and creates its client. The access
   * token of OAuth credentials is fetched now, once.
   *
   * @param offered the mechanism names the server advertised (e.g. from EHLO {@code AUTH}, IMAP
   *     {@code AUTH=}, POP3 {@code SASL}); case-insensitive; unknown names and nulls are ignored
   * @param credentials what to authenticate with
   * @param channelSecure whether the connection is protected by TLS
   * @param options the policy; {@link SaslOptions#defaults()} for the safe defaults
   * @return a new client in its initial state
   * @throws SaslException if no offered mechanism is usable (the message names what was offered and
   *     why each was refused), if the forced mechanism is not offered or is refused, if the token
   *     supplier fails, or if the credentials cannot be expressed in the chosen mechanism
   * @throws IllegalArgumentException if the forced mechanism does not fit the credentials
   * @throws NullPointerException if an argument is null
   */
  public static SaslClient choose(Collection<String> offered, Credentials credentials, boolean channelSecure,
      SaslOptions options) throws SaslException {
    Objects.requireNonNull(offered, "offered");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    EnumSet<Mechanism> known = EnumSet.noneOf(Mechanism.class);
    List<String> unknown = new ArrayList<>();
    for (String name : offered) {
      if (name == null) {
        continue;
      }
      Mechanism.bySaslName(name).ifPresentOrElse(known::add, () -> unknown.add(name));
    }
    String offeredText = describeOffered(known, unknown);

    if (options.forcedMechanism().isPresent()) {
      Mechanism forced = options.forcedMechanism().get();
      checkFits(forced, credentials);
      if (!known.contains(forced)) {
        throw new SaslException("the forced SASL mechanism " + forced.saslName() + " is not offered by the server"
            + " (offered: " + offeredText + ")");
      }
      return create(forced, credentials, channelSecure, options);
    }

    StringBuilder reasons = new StringBuilder();
    for (Mechanism m : known) {
      String why = refusal(m, credentials, channelSecure, options);
      if (why == null) {
        return create(m, credentials, channelSecure, options);
      }
      reasons.append("; ").append(m.saslName()).append(": ").append(why);
    }
    if (known.isEmpty() && unknown.isEmpty()) {
      throw new SaslException("no usable SASL mechanism: the server offered none");
    }
    throw new SaslException("no usable SASL mechanism for " + (credentials.isToken() ? "OAuth" : "password")
        + " credentials; offered: " + offeredText + reasons
        + (unknown.isEmpty() ? "" : "; the others are not supported by mailwire"));
  }

  /**
   * Creates the client for {@code mechanism}, without asking what the server offers. The plaintext
   * rule still applies. The access token of OAuth credentials is fetched now, once.
   *
   * @param mechanism the mechanism to run
   * @param credentials what to authenticate with
   * @param channelSecure whether the connection is protected by TLS
   * @param options the policy
   * @return a new client in its initial state
   * @throws SaslException if the mechanism sends a secret in clear over an insecure channel without
   *     opt-in, if the token supplier fails, or if the credentials cannot be expressed in it (a
   *     password SASLprep prohibits for SCRAM, U+0000 for PLAIN, a token with spaces)
   * @throws IllegalArgumentException if the mechanism does not fit the credentials (a password
   *     mechanism with OAuth credentials or the reverse; an authorization identity with LOGIN or
   *     CRAM-MD5)
   * @throws NullPointerException if an argument is null
   */
  public static SaslClient create(Mechanism mechanism, Credentials credentials, boolean channelSecure,
      SaslOptions options) throws SaslException {
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    checkFits(mechanism, credentials);
    if (mechanism.sendsSecretInClear() && !channelSecure && !options.plaintextOnInsecureChannelAllowed()) {
      throw new SaslException(mechanism.saslName() + " " + plaintextReason(mechanism));
    }
    String authzid = credentials.authorizationId().orElse(null);
    switch (mechanism) {
      case SCRAM_SHA_256:
      case SCRAM_SHA_1:
        return new ScramClient(mechanism, authzid, credentials.username(), credentials.passwordChars(),
            options.maxScramIterations());
      case CRAM_MD5:
        return new CramMd5Client(credentials.username(), credentials.passwordChars());
      case PLAIN:
        return new PlainClient(authzid, credentials.username(), credentials.passwordChars());
      case LOGIN:
        return new LoginClient(credentials.username(), credentials.passwordChars());
      case OAUTHBEARER:
        return new OAuthBearerClient(credentials.username(), credentials.fetchToken(),
            options.oauthBearerHost().orElse(null), options.oauthBearerPort().orElse(0));
      case XOAUTH2:
        return new XOAuth2Client(credentials.username(), credentials.fetchToken());
      default:
        throw new IllegalArgumentException("unsupported mechanism " + mechanism);
    }
  }

  /** Why {@code m} cannot be used, or null if it can. */
  private static String refusal(Mechanism m, Credentials c, boolean secure, SaslOptions o) {
    String misfit = misfit(m, c);
    if (misfit != null) {
      return misfit;
    }
    if (m.sendsSecretInClear() && !secure && !o.plaintextOnInsecureChannelAllowed()) {
      return plaintextReason(m);
    }
    return null;
  }

  private static String plaintextReason(Mechanism m) {
    return "would send the " + (m.usesToken() ? "access token" : "password")
        + " in clear over an unencrypted connection (refused; opt in with"
        + " SaslOptions.allowPlaintextOnInsecureChannel(true))";
  }

  private static void checkFits(Mechanism m, Credentials c) {
    String misfit = misfit(m, c);
    if (misfit != null) {
      throw new IllegalArgumentException(m.saslName() + " " + misfit);
    }
  }

  private static String misfit(Mechanism m, Credentials c) {
    if (m.usesToken() && !c.isToken()) {
      return "needs OAuth credentials (Credentials.oauth), not a password";
    }
    if (!m.usesToken() && c.isToken()) {
      return "needs a password, not OAuth credentials";
    }
    if (c.authorizationId().isPresent() && (m == Mechanism.LOGIN || m == Mechanism.CRAM_MD5)) {
      return "cannot carry an authorization identity";
    }
    return null;
  }

  private static String describeOffered(EnumSet<Mechanism> known, List<String> unknown) {
    StringBuilder sb = new StringBuilder("[");
    int n = 0;
    for (Mechanism m : known) {
      sb.append(n++ == 0 ? "" : ", ").append(m.saslName());
    }
    for (String u : unknown) {
      if (n == MAX_NAMES_IN_MESSAGE) {
        sb.append(", ... (").append(known.size() + unknown.size() - n).append(" more)");
        break;
      }
      sb.append(n++ == 0 ? "" : ", ").append(Wire.sanitize(u, MAX_NAME_IN_MESSAGE));
    }
    return sb.append(']').toString();
  }
}

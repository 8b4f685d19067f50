package org.mailwire.sasl;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings for choosing and running a SASL mechanism. Immutable: every {@code with}-style method
 * returns a new instance.
 *
 * <pre>{@code
 * SaslOptions options = SaslOptions.defaults()
 *     .maxScramIterations(10_000)
 *     .oauthBearerHost("imap.example.com").oauthBearerPort(993);
 * }</pre>
 */
public final class SaslOptions {
  /** Default of {@link #maxScramIterations()}. */
  public static final int DEFAULT_MAX_SCRAM_ITERATIONS = 100_000;

  private static final SaslOptions DEFAULTS =
      new SaslOptions(false, null, DEFAULT_MAX_SCRAM_ITERATIONS, null, 0);

  private final boolean allowPlaintext;
  private final Mechanism forced;
  private final int maxScramIterations;
  private final String oauthHost;
  private final int oauthPort;

  private SaslOptions(boolean allowPlaintext, Mechanism forced, int maxScramIterations, String oauthHost, int oauthPort) {
    this.allowPlaintext = allowPlaintext;
    this.forced = forced;
    this.maxScramIterations = maxScramIterations;
    this.oauthHost = oauthHost;
    this.oauthPort = oauthPort;
  }

  /**
   * The safe defaults: mechanisms that send a secret in clear are refused on an unencrypted
   * channel, the mechanism is chosen automatically, SCRAM iteration counts above {@value
   * #DEFAULT_MAX_SCRAM_ITERATIONS} are refused, no OAUTHBEARER host or port.
   *
   * @return the default options
   */
  public static SaslOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Whether PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER may run over a connection without TLS, where
   * anyone on the path can read the password or token. Off by default.
   *
   * @param allow true to opt in
   * @return a copy with the setting changed
   */
  public SaslOptions allowPlaintextOnInsecureChannel(boolean allow) {
    return new SaslOptions(allow, forced, maxScramIterations, oauthHost, oauthPort);
  }

  /**
   * Uses {@code mechanism} instead of choosing automatically. The choice still fails when the
   * server does not offer it, when it does not fit the credentials, or when it sends a secret in
   * clear over an insecure channel without {@link #allowPlaintextOnInsecureChannel(boolean)}.
   *
   * @param mechanism the mechanism to use, or null to choose automatically
   * @return a copy with the setting changed
   */
  public SaslOptions forceMechanism(Mechanism mechanism) {
    return new SaslOptions(allowPlaintext, mechanism, maxScramIterations, oauthHost, oauthPort);
  }

  /**
   * The highest SCRAM iteration count accepted from a server. Each iteration costs one HMAC, so a
   * hostile server could otherwise make the client compute for minutes; the count is checked before
   * any key derivation. Servers use 4096 (Dovecot) to a few tens of thousands.
   *
   * @param max the limit, at least 1
   * @return a copy with the setting changed
   * @throws IllegalArgumentException if {@code max < 1}
   */
  public SaslOptions maxScramIterations(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxScramIterations must be at least 1: " + max);
    }
    return new SaslOptions(allowPlaintext, forced, max, oauthHost, oauthPort);
  }

  /**
   * The host name OAUTHBEARER sends in its {@code host=} field (RFC 7628 section 3.1), usually the
   * host name the client connected to.
   *
   * @param host the host name, or null to omit the field
   * @return a copy with the setting changed
   * @throws IllegalArgumentException if {@code host} is empty or has characters other than
   *     printable ASCII
   */
  public SaslOptions oauthBearerHost(String host) {
    if (host != null) {
      if (host.isEmpty()) {
        throw new IllegalArgumentException("OAUTHBEARER host is empty");
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          throw new IllegalArgumentException("OAUTHBEARER host must be printable ASCII");
        }
      }
    }
    return new SaslOptions(allowPlaintext, forced, maxScramIterations, host, oauthPort);
  }

  /**
   * The port OAUTHBEARER sends in its {@code port=} field (RFC 7628 section 3.1).
   *
   * @param port 1 to 65535, or 0 to omit the field
   * @return a copy with the setting changed
   * @throws IllegalArgumentException if {@code port} is outside 0..65535
   */
  public SaslOptions oauthBearerPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("OAUTHBEARER port out of range: " + port);
    }
    return new SaslOptions(allowPlaintext, forced, maxScramIterations, oauthHost, port);
  }

  /**
   * Whether secrets may be sent in clear over an insecure channel.
   *
   * @return the setting of {@link #allowPlaintextOnInsecureChannel(boolean)}
   */
  public boolean plaintextOnInsecureChannelAllowed() {
    return allowPlaintext;
  }

  /**
   * The forced mechanism.
   *
   * @return the mechanism set by {@link #forceMechanism(Mechanism)}, or empty for automatic choice
   */
  public Optional<Mechanism> forcedMechanism() {
    return Optional.ofNullable(forced);
  }

  /**
   * The SCRAM iteration limit.
   *
   * @return the highest accepted iteration count
   */
  public int maxScramIterations() {
    return maxScramIterations;
  }

  /**
   * The OAUTHBEARER host.
   *
   * @return the host for the {@code host=} field, or empty
   */
  public Optional<String> oauthBearerHost() {
    return Optional.ofNullable(oauthHost);
  }

  /**
   * The OAUTHBEARER port.
   *
   * @return the port for the {@code port=} field, or empty
   */
  public OptionalInt oauthBearerPort() {
    return oauthPort == 0 ? OptionalInt.empty() : OptionalInt.of(oauthPort);
  }

  /**
   * A description of the settings.
   *
   * @return the settings as text
   */
  @Override
  public String toString() {
    return "SaslOptions[allowPlaintextOnInsecureChannel=" + allowPlaintext
        + ", forceMechanism=" + (forced == null ? "auto" : forced.saslName())
        + ", maxScramIterations=" + maxScramIterations
        + (oauthHost == null ? "" : ", oauthBearerHost=" + oauthHost)
        + (oauthPort == 0 ? "" : ", oauthBearerPort=" + oauthPort) + "]";
  }

  /**
   * Value equality.
   *
   * @param o another object
   * @return true if {@code o} is a {@code SaslOptions} with the same settings
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SaslOptions
        && ((SaslOptions) o).allowPlaintext == allowPlaintext
        && ((SaslOptions) o).forced == forced
        && ((SaslOptions) o).maxScramIterations == maxScramIterations
        && Objects.equals(((SaslOptions) o).oauthHost, oauthHost)
        && ((SaslOptions) o).oauthPort == oauthPort;
  }

  /**
   * A hash consistent with {@link #equals(Object)}.
   *
   * @return the hash of the settings
   */
  @Override
  public int hashCode() {
    return Objects.hash(allowPlaintext, forced, maxScramIterations, oauthHost, oauthPort);
  }
}

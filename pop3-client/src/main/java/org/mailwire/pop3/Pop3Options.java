package org.mailwire.pop3;

import java.util.Objects;
import org.mailwire.pop3.codec.Pop3Limits;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.transport.WireTrace;

/**
 * Options of a {@link Pop3Client}; immutable, each {@code with...} method returns a copy.
 *
 * <p>Defaults: plaintext authentication refused on connections without TLS; {@link AuthMethod#AUTO};
 * {@link SaslOptions#defaults()}; {@link Pop3Limits#defaults()}; the wire trace to the {@code
 * org.mailwire.wire} System.Logger at DEBUG; pipelining used when the server announces it, at
 * most {@value #DEFAULT_PIPELINE_WINDOW} commands in flight.
 *
 * <pre>{@code
 * Pop3Options o = Pop3Options.defaults().withAllowPlaintextAuth(true).withTrace(WireTrace.to(System.err::println));
 * }</pre>
 */
public final class Pop3Options {
  /** Default most commands in flight when pipelining. */
  public static final int DEFAULT_PIPELINE_WINDOW = 32;

  private static final Pop3Options DEFAULTS =
      new Pop3Options(false, AuthMethod.AUTO, SaslOptions.defaults(), Pop3Limits.defaults(), null, true, DEFAULT_PIPELINE_WINDOW);

  private final boolean allowPlaintextAuth;
  private final AuthMethod authMethod;
  private final SaslOptions saslOptions;
  private final Pop3Limits limits;
  private final WireTrace trace;
  private final boolean pipelining;
  private final int pipelineWindow;

  private Pop3Options(
      boolean allowPlaintextAuth, AuthMethod authMethod, SaslOptions saslOptions, Pop3Limits limits,
      WireTrace trace, boolean pipelining, int pipelineWindow) {
    this.allowPlaintextAuth = allowPlaintextAuth;
    this.authMethod = authMethod;
    this.saslOptions = saslOptions;
    this.limits = limits;
    this.trace = trace;
    this.pipelining = pipelining;
    this.pipelineWindow = pipelineWindow;
  }

  /** Returns the defaults described in the class documentation. */
  public static Pop3Options defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy that allows (or refuses) sending passwords without TLS: {@code USER}/{@code
   * PASS} and SASL mechanisms that carry the secret in clear ({@code PLAIN}, {@code LOGIN}). Only
   * for loopback or test servers.
   */
  public Pop3Options withAllowPlaintextAuth(boolean allow) {
    return new Pop3Options(allow, authMethod, saslOptions, limits, trace, pipelining, pipelineWindow);
  }

  /** Returns a copy authenticating with {@code method}. */
  public Pop3Options withAuthMethod(AuthMethod method) {
    return new Pop3Options(allowPlaintextAuth, Objects.requireNonNull(method), saslOptions, limits, trace, pipelining, pipelineWindow);
  }

  /**
   * Returns a copy with these SASL options (e.g. a forced mechanism). Its plaintext setting is
   * overridden by {@link #withAllowPlaintextAuth}.
   */
  public Pop3Options withSaslOptions(SaslOptions options) {
    return new Pop3Options(allowPlaintextAuth, authMethod, Objects.requireNonNull(options), limits, trace, pipelining, pipelineWindow);
  }

  /** Returns a copy with these decoder limits. */
  public Pop3Options withLimits(Pop3Limits limits) {
    return new Pop3Options(allowPlaintextAuth, authMethod, saslOptions, Objects.requireNonNull(limits), trace, pipelining, pipelineWindow);
  }

  /** Returns a copy tracing the wire to {@code trace} ({@link WireTrace#OFF} for none). */
  public Pop3Options withTrace(WireTrace trace) {
    return new Pop3Options(allowPlaintextAuth, authMethod, saslOptions, limits, Objects.requireNonNull(trace), pipelining, pipelineWindow);
  }

  /**
   * Returns a copy that uses (or never uses) PIPELINING, with at most {@code window} commands in
   * flight.
   *
   * @throws IllegalArgumentException if {@code window < 1}
   */
  public Pop3Options withPipelining(boolean enabled, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("pipeline window must be >= 1");
    }
    return new Pop3Options(allowPlaintextAuth, authMethod, saslOptions, limits, trace, enabled, window);
  }

  /** Returns whether passwords may be sent without TLS. */
  public boolean allowPlaintextAuth() {
    return allowPlaintextAuth;
  }

  /** Returns the authentication method. */
  public AuthMethod authMethod() {
    return authMethod;
  }

  /** Returns the SASL options, with the plaintext setting of these options applied. */
  public SaslOptions saslOptions() {
    return saslOptions.allowPlaintextOnInsecureChannel(allowPlaintextAuth);
  }

  /** Returns the decoder limits. */
  public Pop3Limits limits() {
    return limits;
  }

  /** Returns the wire trace ({@link WireTrace#logger()} unless set). */
  public WireTrace trace() {
    return trace == null ? WireTrace.logger() : trace;
  }

  /** Returns whether pipelining is used when announced. */
  public boolean pipelining() {
    return pipelining;
  }

  /** Returns the most commands in flight when pipelining. */
  public int pipelineWindow() {
    return pipelineWindow;
  }
}

package org.mailwire.smtp;

import java.util.Objects;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.smtp.codec.LineEndings;
import org.mailwire.smtp.codec.ReplyDecoder;
import org.mailwire.transport.WireTrace;

/**
 * Options of an {@link SmtpClient}; immutable, each {@code with...} method returns a copy.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>dialect</td><td>{@link Dialect#SMTP}</td></tr>
 *   <tr><td>clientDomain</td><td>{@code "localhost"} (set your host's name for Internet mail)</td></tr>
 *   <tr><td>trace</td><td>{@link WireTrace#logger()}</td></tr>
 *   <tr><td>timeouts</td><td>{@link SmtpTimeouts#rfc5321()}</td></tr>
 *   <tr><td>lineEndings</td><td>{@link LineEndings#CONVERT_TO_CRLF}</td></tr>
 *   <tr><td>pipelining</td><td>used when offered</td></tr>
 *   <tr><td>chunking</td><td>off: DATA, and BDAT only for BINARYMIME</td></tr>
 *   <tr><td>chunkSize</td><td>128 KiB</td></tr>
 *   <tr><td>replyLimits</td><td>{@link ReplyDecoder.Limits#defaults()}</td></tr>
 *   <tr><td>sasl</td><td>{@link SaslOptions#defaults()} (no plaintext secrets without TLS)</td></tr>
 * </table>
 */
public final class SmtpOptions {
  /** Default BDAT chunk size: 128 KiB. */
  public static final int DEFAULT_CHUNK_SIZE = 128 * 1024;

  private final Dialect dialect;
  private final String clientDomain;
  private final WireTrace trace;
  private final SmtpTimeouts timeouts;
  private final LineEndings lineEndings;
  private final boolean pipelining;
  private final boolean chunking;
  private final int chunkSize;
  private final ReplyDecoder.Limits replyLimits;
  private final SaslOptions sasl;

  private SmtpOptions(
      Dialect dialect,
      String clientDomain,
      WireTrace trace,
      SmtpTimeouts timeouts,
      LineEndings lineEndings,
      boolean pipelining,
      boolean chunking,
      int chunkSize,
      ReplyDecoder.Limits replyLimits,
      SaslOptions sasl) {
    this.dialect = dialect;
    this.clientDomain = clientDomain;
    this.trace = trace;
    this.timeouts = timeouts;
    this.lineEndings = lineEndings;
    this.pipelining = pipelining;
    this.chunking = chunking;
    this.chunkSize = chunkSize;
    this.replyLimits = replyLimits;
    this.sasl = sasl;
  }

  /** The defaults (SMTP). */
  public static SmtpOptions defaults() {
    return new SmtpOptions(
        Dialect.SMTP,
        "localhost",
        WireTrace.logger(),
        SmtpTimeouts.rfc5321(),
        LineEndings.CONVERT_TO_CRLF,
        true,
        false,
        DEFAULT_CHUNK_SIZE,
        ReplyDecoder.Limits.defaults(),
        SaslOptions.defaults());
  }

  /** The defaults with {@link Dialect#LMTP}. */
  public static SmtpOptions lmtp() {
    return defaults().withDialect(Dialect.LMTP);
  }

  /** SMTP or LMTP. */
  public Dialect dialect() {
    return dialect;
  }

  /** The domain or address literal sent with EHLO/HELO/LHLO. */
  public String clientDomain() {
    return clientDomain;
  }

  /** Where the wire trace goes. */
  public WireTrace trace() {
    return trace;
  }

  /** The reply timeouts. */
  public SmtpTimeouts timeouts() {
    return timeouts;
  }

  /** What happens to bare CR and LF in message content. */
  public LineEndings lineEndings() {
    return lineEndings;
  }

  /** Whether PIPELINING is used when the server offers it. */
  public boolean pipelining() {
    return pipelining;
  }

  /**
   * Whether BDAT is used for every message when the server offers CHUNKING. Off by default: DATA
   * streams without a round trip per chunk and was as fast or faster against Postfix; BINARYMIME
   * messages always go as BDAT.
   */
  public boolean chunking() {
    return chunking;
  }

  /** The most message bytes per BDAT chunk, and the read size for DATA. */
  public int chunkSize() {
    return chunkSize;
  }

  /** The reply decoder limits. */
  public ReplyDecoder.Limits replyLimits() {
    return replyLimits;
  }

  /** The SASL options {@link SmtpClient#login(org.mailwire.sasl.Credentials)} uses. */
  public SaslOptions sasl() {
    return sasl;
  }

  /** SMTP or LMTP. */
  public SmtpOptions withDialect(Dialect d) {
    return new SmtpOptions(Objects.requireNonNull(d), clientDomain, trace, timeouts, lineEndings, pipelining, chunking, chunkSize, replyLimits, sasl);
  }

  /**
   * The domain (or address literal such as {@code [192.0.2.1]}) given with EHLO/HELO/LHLO.
   *
   * @throws IllegalArgumentException when it is not a valid ASCII domain or address literal
   */
  public SmtpOptions withClientDomain(String domain) {
    org.mailwire.smtp.codec.Addresses.checkClientDomain(domain);
    return new SmtpOptions(dialect, domain, trace, timeouts, lineEndings, pipelining, chunking, chunkSize, replyLimits, sasl);
  }

  /** Where the wire trace goes; {@link WireTrace#OFF} for nowhere. */
  public SmtpOptions withTrace(WireTrace t) {
    return new SmtpOptions(dialect, clientDomain, Objects.requireNonNull(t), timeouts, lineEndings, pipelining, chunking, chunkSize, replyLimits, sasl);
  }

  /** The reply timeouts. */
  public SmtpOptions withTimeouts(SmtpTimeouts t) {
    return new SmtpOptions(dialect, clientDomain, trace, Objects.requireNonNull(t), lineEndings, pipelining, chunking, chunkSize, replyLimits, sasl);
  }

  /** What to do with bare CR and LF in message content (BINARYMIME content is always sent as is). */
  public SmtpOptions withLineEndings(LineEndings l) {
    return new SmtpOptions(dialect, clientDomain, trace, timeouts, Objects.requireNonNull(l), pipelining, chunking, chunkSize, replyLimits, sasl);
  }

  /** Whether to pipeline when the server offers PIPELINING (LMTP always pipelines). */
  public SmtpOptions withPipelining(boolean on) {
    return new SmtpOptions(dialect, clientDomain, trace, timeouts, lineEndings, on, chunking, chunkSize, replyLimits, sasl);
  }

  /** Whether to use BDAT for every message when the server offers CHUNKING (default off). */
  public SmtpOptions withChunking(boolean on) {
    return new SmtpOptions(dialect, clientDomain, trace, timeouts, lineEndings, pipelining, on, chunkSize, replyLimits, sasl);
  }

  /**
   * The most message bytes per BDAT chunk (and the read size for DATA).
   *
   * @throws IllegalArgumentException outside 512 .. 64 MiB
   */
  public SmtpOptions withChunkSize(int bytes) {
    if (bytes < 512 || bytes > 64 * 1024 * 1024) {
      throw new IllegalArgumentException("chunk size must be 512 .. 64 MiB");
    }
    return new SmtpOptions(dialect, clientDomain, trace, timeouts, lineEndings, pipelining, chunking, bytes, replyLimits, sasl);
  }

  /** Limits of the reply decoder. */
  public SmtpOptions withReplyLimits(ReplyDecoder.Limits l) {
    return new SmtpOptions(dialect, clientDomain, trace, timeouts, lineEndings, pipelining, chunking, chunkSize, Objects.requireNonNull(l), sasl);
  }

  /** SASL options for {@link SmtpClient#login}, e.g. allowing PLAIN without TLS on loopback. */
  public SmtpOptions withSasl(SaslOptions o) {
    return new SmtpOptions(dialect, clientDomain, trace, timeouts, lineEndings, pipelining, chunking, chunkSize, replyLimits, Objects.requireNonNull(o));
  }
}

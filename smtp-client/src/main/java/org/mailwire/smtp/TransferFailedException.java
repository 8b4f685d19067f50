package org.mailwire.smtp;

import org.mailwire.transport.TransportException;

/**
 * A message could not be transferred because the connection failed or became unusable (closed by
 * the server, timed out, a malformed reply, the caller's stream failed) before the server's final
 * reply arrived. The message was <b>not</b> sent as far as the client knows, and the connection is
 * closed. The cause says what happened.
 *
 * <p>{@link #mayHaveBeenDelivered()} is true when the end of the content had been sent but its
 * reply never arrived: the server may have accepted the message (RFC 1047), so a retry may
 * duplicate it. {@link #contentStarted()} is false when no byte of the caller's stream was read,
 * so the same stream can be sent again on another connection.
 */
public class TransferFailedException extends TransportException {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final String stage;
  private final long contentBytes;
  private final boolean contentStarted;
  private final boolean mayHaveBeenDelivered;

  /**
   * @param label the message's name
   * @param stage what the client was doing (e.g. {@code "waiting for the reply to MAIL"})
   * @param contentBytes message bytes read from the caller's stream so far
   * @param contentStarted whether any byte of the caller's stream was read
   * @param mayHaveBeenDelivered whether the end of the content was sent without a reply
   * @param cause the failure
   */
  public TransferFailedException(
      String label,
      String stage,
      long contentBytes,
      boolean contentStarted,
      boolean mayHaveBeenDelivered,
      Throwable cause) {
    super(
        label
            + " was not sent: connection failed while "
            + stage
            + " ("
            + contentBytes
            + " content bytes sent"
            + (mayHaveBeenDelivered ? "; the end of the content was sent, so the server may have accepted it" : "")
            + "): "
            + cause.getMessage(),
        cause);
    this.label = label;
    this.stage = stage;
    this.contentBytes = contentBytes;
    this.contentStarted = contentStarted;
    this.mayHaveBeenDelivered = mayHaveBeenDelivered;
  }

  /** The message's name. */
  public String label() {
    return label;
  }

  /** What the client was doing when the connection failed. */
  public String stage() {
    return stage;
  }

  /** Message bytes read from the caller's stream before the failure. */
  public long contentBytes() {
    return contentBytes;
  }

  /** Whether any byte of the caller's stream was read. */
  public boolean contentStarted() {
    return contentStarted;
  }

  /** Whether the end of the content was sent, so the server may have accepted the message. */
  public boolean mayHaveBeenDelivered() {
    return mayHaveBeenDelivered;
  }
}

package org.mailwire.transport;

/**
 * The server understood a command and refused it: IMAP {@code NO}/{@code BAD}, POP3 {@code -ERR},
 * an SMTP 4xx/5xx reply, an ActiveSync status. The connection stays usable unless the protocol
 * says otherwise.
 *
 * <p>The status and code are data, for retry logic: {@link #status()} is the protocol's own
 * result ({@code "NO"}, {@code "-ERR"}, {@code "550"}, ...), {@link #code()} the finer code when
 * the server sent one (an RFC 3463 enhanced status code such as {@code "5.1.1"}, an IMAP or POP3
 * response code such as {@code "AUTHENTICATIONFAILED"} or {@code "IN-USE"}), and {@link
 * #serverText()} the human-readable text.
 */
public class CommandException extends MailwireException {
  private static final long serialVersionUID = 1L;

  private final String status;
  private final String code;
  private final String serverText;
  private final boolean isTransient;

  /**
   * @param command what was refused, for the message (must not contain secrets)
   * @param status the protocol's result, never {@code null}
   * @param code the finer code, or {@code null} when the server sent none
   * @param serverText the server's text, or an empty string
   * @param isTransient whether the same command may succeed later (SMTP 4xx, POP3 {@code
   *     [SYS/TEMP]}, {@code [IN-USE]}, ...)
   */
  public CommandException(
      String command, String status, String code, String serverText, boolean isTransient) {
    super(
        command
            + " refused: "
            + status
            + (code == null ? "" : " [" + code + "]")
            + (serverText == null || serverText.isEmpty() ? "" : " " + serverText));
    this.status = status;
    this.code = code;
    this.serverText = serverText == null ? "" : serverText;
    this.isTransient = isTransient;
  }

  /** The protocol's result word or number, e.g. {@code "NO"}, {@code "-ERR"}, {@code "550"}. */
  public String status() {
    return status;
  }

  /** The finer code the server sent (enhanced status code, response code), or {@code null}. */
  public String code() {
    return code;
  }

  /** The server's human-readable text; empty when it sent none. */
  public String serverText() {
    return serverText;
  }

  /** {@code true} when the refusal is temporary and a retry later may succeed. */
  public boolean isTransient() {
    return isTransient;
  }
}

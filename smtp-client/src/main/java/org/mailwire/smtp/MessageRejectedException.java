package org.mailwire.smtp;

import java.util.List;
import org.mailwire.smtp.codec.Reply;
import org.mailwire.transport.CommandException;

/**
 * The server refused a message: MAIL FROM, every recipient (or, under {@link
 * RecipientPolicy#ALL_OR_NOTHING}, one of them), DATA/BDAT, or the content itself after the final
 * dot. Nothing was sent to anyone, and the connection stays usable (unless the reply was 421).
 *
 * <p>{@link #status()} and {@link #code()} are those of the reply that decided the refusal;
 * {@link #isTransient()} is true when a later retry may succeed (that reply was 4yz; for refused
 * recipients, every refusal was 4yz). {@link #recipients()} has each recipient's own reply, for
 * retrying the transient ones.
 */
public class MessageRejectedException extends CommandException {
  private static final long serialVersionUID = 1L;

  /** The step the refusal came at. */
  public enum Stage {
    /** MAIL FROM was refused. */
    MAIL,
    /** Recipients were refused (all of them, or one under ALL_OR_NOTHING). */
    RCPT,
    /** DATA or the first BDAT was refused. */
    DATA,
    /** The content was refused (the reply to the final dot or BDAT LAST; LMTP: every recipient). */
    CONTENT
  }

  private final String label;
  private final Stage stage;
  private final transient List<RecipientStatus> recipients;
  private final transient Reply reply;

  /**
   * @param label the message's name
   * @param stage where it was refused
   * @param reply the deciding reply
   * @param isTransient whether a retry may succeed
   * @param recipients each recipient's status
   */
  public MessageRejectedException(
      String label, Stage stage, Reply reply, boolean isTransient, List<RecipientStatus> recipients) {
    super(
        label + ": " + stage,
        Integer.toString(reply.code()),
        reply.enhancedStatusText(),
        reply.text(),
        isTransient);
    this.label = label;
    this.stage = stage;
    this.reply = reply;
    this.recipients = List.copyOf(recipients);
  }

  /** The message's name. */
  public String label() {
    return label;
  }

  /** Where the refusal came. */
  public Stage stage() {
    return stage;
  }

  /** The deciding reply. */
  public Reply reply() {
    return reply;
  }

  /** Each recipient's status, in envelope order. */
  public List<RecipientStatus> recipients() {
    return recipients;
  }
}

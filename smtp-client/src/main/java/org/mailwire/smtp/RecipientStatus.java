package org.mailwire.smtp;

import java.util.Objects;
import org.mailwire.smtp.codec.Reply;

/**
 * What happened to one recipient of a message: the reply to its RCPT TO and, for LMTP, the
 * delivery reply after the content.
 *
 * @param address the recipient address
 * @param rcptReply the reply to RCPT TO, or {@code null} when the transaction failed before it
 *     was answered (MAIL refused)
 * @param deliveryReply for LMTP, this recipient's reply after the content; {@code null} for SMTP
 *     or when the content was not sent
 */
public record RecipientStatus(String address, Reply rcptReply, Reply deliveryReply) {

  /** @throws NullPointerException when {@code address} is null */
  public RecipientStatus {
    Objects.requireNonNull(address, "address");
  }

  /** The reply that decides the outcome: the delivery reply when there is one, else the RCPT reply. */
  public Reply reply() {
    return deliveryReply != null ? deliveryReply : rcptReply;
  }

  /** Whether the server accepted this recipient (and, for LMTP, delivered to it). */
  public boolean accepted() {
    Reply r = reply();
    return r != null && r.isPositiveCompletion();
  }

  /** Whether the refusal was transient (4yz): a retry later may succeed. */
  public boolean isTransientFailure() {
    Reply r = reply();
    return r != null && r.isTransientFailure();
  }

  /** Whether the refusal was permanent (5yz). */
  public boolean isPermanentFailure() {
    Reply r = reply();
    return r != null && r.isPermanentFailure();
  }

  @Override
  public String toString() {
    Reply r = reply();
    return address + ": " + (r == null ? "not attempted" : r.toString().replace('\n', ' '));
  }
}

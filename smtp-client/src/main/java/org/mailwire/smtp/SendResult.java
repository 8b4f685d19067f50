package org.mailwire.smtp;

import java.util.List;
import java.util.Optional;
import org.mailwire.smtp.codec.Reply;

/**
 * A message the server took responsibility for: the final 2yz reply to the end of the content
 * (for LMTP: at least one recipient's delivery reply was 2yz), the queue id from it, and every
 * recipient's status. Recipients refused under {@link RecipientPolicy#PARTIAL} are listed with
 * their replies, transient (4yz) and permanent (5yz) apart.
 *
 * @param label the message's name (see {@link Envelope#label()})
 * @param queueId the id the server gave the message in its final reply ({@code "queued as
 *     4Xy..."}, {@code "id=..."}), when one could be found
 * @param finalReply the final reply (for LMTP: the first successful delivery reply)
 * @param recipients every recipient, in envelope order
 * @param contentBytes the number of message bytes read from the caller's stream
 */
public record SendResult(
    String label,
    Optional<String> queueId,
    Reply finalReply,
    List<RecipientStatus> recipients,
    long contentBytes) {

  /** Copies {@code recipients}. @throws NullPointerException when it is null or holds null */
  public SendResult {
    recipients = List.copyOf(recipients);
  }

  /** The recipients that were accepted (LMTP: delivered). */
  public List<RecipientStatus> accepted() {
    return recipients.stream().filter(RecipientStatus::accepted).toList();
  }

  /** The recipients that were refused. */
  public List<RecipientStatus> refused() {
    return recipients.stream().filter(r -> !r.accepted()).toList();
  }

  /** Whether every recipient was accepted. */
  public boolean allAccepted() {
    return recipients.stream().allMatch(RecipientStatus::accepted);
  }
}

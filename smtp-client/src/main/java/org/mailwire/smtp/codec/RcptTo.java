package org.mailwire.smtp.codec;

import java.util.Objects;
import java.util.Set;

/**
 * The RCPT TO command and its RFC 3461 DSN parameters.
 *
 * @param forwardPath the recipient address without angle brackets
 * @param dsnNotify the {@code NOTIFY=} values, empty for none; {@link DsnNotify#NEVER} only alone
 * @param originalRecipient the {@code ORCPT=} address (sent as {@code rfc822;xtext}, or {@code
 *     utf-8;utf-8-addr-xtext} when not ASCII), or {@code null}
 */
public record RcptTo(String forwardPath, Set<DsnNotify> dsnNotify, String originalRecipient) {

  /**
   * Checks the DSN parameters; the address itself is checked when encoded, since whether UTF-8 is
   * allowed depends on the transaction.
   *
   * @throws IllegalArgumentException when NEVER is combined with other values, or ORCPT is invalid
   */
  public RcptTo {
    Objects.requireNonNull(forwardPath, "forwardPath");
    dsnNotify = Set.copyOf(Objects.requireNonNull(dsnNotify, "dsnNotify"));
    if (dsnNotify.contains(DsnNotify.NEVER) && dsnNotify.size() > 1) {
      throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined with other values");
    }
    if (originalRecipient != null) {
      Addresses.checkMailbox(originalRecipient, true, "ORCPT address");
    }
  }

  /** {@code RCPT TO:<forwardPath>} with no parameters. */
  public static RcptTo of(String forwardPath) {
    return new RcptTo(forwardPath, Set.of(), null);
  }
}

package org.mailwire.smtp;

/** What happens when the server accepts some recipients of a message and refuses others. */
public enum RecipientPolicy {
  /**
   * Send only if every recipient was accepted; otherwise the transaction is reset and {@link
   * MessageRejectedException} lists each recipient's reply. The default. With more than one
   * recipient this costs one round trip more under PIPELINING, since DATA must wait for the RCPT
   * replies.
   */
  ALL_OR_NOTHING,
  /** Send to the recipients that were accepted; the result lists the refused ones. */
  PARTIAL
}

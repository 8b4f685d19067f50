package org.mailwire.smtp;

/** Which protocol a session speaks. */
public enum Dialect {
  /** SMTP and submission (RFC 5321, RFC 6409): EHLO with HELO fallback, one reply per message. */
  SMTP,
  /**
   * LMTP (RFC 2033): LHLO instead of EHLO, PIPELINING always available, and after the content one
   * reply per accepted recipient.
   */
  LMTP
}

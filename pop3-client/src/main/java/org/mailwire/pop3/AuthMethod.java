package org.mailwire.pop3;

/** How {@link Pop3Client#login(String, char[])} authenticates. */
public enum AuthMethod {
  /**
   * The default: SASL ({@code AUTH}, RFC 5034) when the server offers a mechanism usable with the
   * credentials, else {@code APOP} when the greeting carries a timestamp, else {@code USER}/{@code
   * PASS}.
   */
  AUTO,
  /** {@code AUTH} only; the mechanism is chosen from the server's list (or forced in the SASL options). */
  SASL,
  /** {@code APOP} only (RFC 1939 §7); fails if the greeting has no timestamp. */
  APOP,
  /** {@code USER} then {@code PASS} only (RFC 1939 §7). */
  USER_PASS
}

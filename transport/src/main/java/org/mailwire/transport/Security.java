package org.mailwire.transport;

/** How a connection is protected (RFC 8314 recommends {@link #IMPLICIT_TLS}). */
public enum Security {
  /** TLS from the first byte (IMAPS 993, POP3S 995, submissions 465). The default. */
  IMPLICIT_TLS,
  /**
   * Plaintext first, then an upgrade with STARTTLS/STLS before any credentials are sent; the
   * protocol client refuses to continue if the server does not offer it.
   */
  STARTTLS,
  /**
   * No TLS at all. Credentials cannot be sent in plaintext unless the caller opts in separately at
   * the protocol client.
   */
  PLAIN
}

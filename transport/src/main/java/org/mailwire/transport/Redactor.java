package org.mailwire.transport;

/**
 * Decides how much of a client line the {@link WireTrace} may show. Protocol sessions supply one
 * that knows which lines carry credentials: {@code a1 LOGIN user pass}, {@code PASS secret}, SASL
 * responses, {@code AUTH PLAIN <base64>}.
 */
@FunctionalInterface
public interface Redactor {
  /** Shows every line whole. */
  Redactor NONE = (line, off, len) -> len;

  /** Hides every line (for example while a SASL exchange is under way). */
  Redactor ALL = (line, off, len) -> 0;

  /**
   * @param line the buffer holding the client line
   * @param off the line's first byte
   * @param len the line's length without its CRLF
   * @return how many leading bytes may be shown; the rest is replaced by a redaction mark
   */
  int visibleLength(byte[] line, int off, int len);
}

package org.mailwire.imap.codec;

/**
 * The name of a body section in a FETCH response: {@code BODY[1.2.HEADER]<0>}, {@code BINARY[3]},
 * {@code RFC822}, {@code RFC822.HEADER} or {@code RFC822.TEXT}.
 *
 * @param kind which item
 * @param section the text between the brackets exactly as the server sent it;
 *     empty for {@code BODY[]} and for the RFC822 items
 * @param origin the partial origin {@code <n>}, or {@code -1} when absent
 */
public record BodySection(Kind kind, String section, long origin) {

  /** The FETCH item that carries a body section. */
  public enum Kind {
    /** {@code BODY[section]<origin>}. */
    BODY("BODY"),
    /** {@code BINARY[section]<origin>} (RFC 3516). */
    BINARY("BINARY"),
    /** {@code RFC822}: the whole message (RFC 3501). */
    RFC822("RFC822"),
    /** {@code RFC822.HEADER}: the header (RFC 3501). */
    RFC822_HEADER("RFC822.HEADER"),
    /** {@code RFC822.TEXT}: the body text (RFC 3501). */
    RFC822_TEXT("RFC822.TEXT");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    /** The item name as it appears on the wire. */
    public String wire() {
      return wire;
    }
  }

  /** The item as it appears on the wire, e.g. {@code BODY[1.TEXT]<0>}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.wire());
    if (kind == Kind.BODY || kind == Kind.BINARY) {
      sb.append('[').append(section).append(']');
    }
    if (origin >= 0) {
      sb.append('<').append(origin).append('>');
    }
    return sb.toString();
  }
}

package org.mailwire.smtp.codec;

/** The {@code BODY=} parameter of MAIL FROM: what kind of content the message has. */
public enum BodyType {
  /** 7-bit ASCII lines (RFC 5321); no {@code BODY=} parameter is sent. */
  SEVEN_BIT("7BIT"),
  /** 8-bit text lines (RFC 6152); needs the server's {@code 8BITMIME}. */
  EIGHT_BIT_MIME("8BITMIME"),
  /** Arbitrary binary content (RFC 3030); needs {@code BINARYMIME} and {@code CHUNKING}. */
  BINARY_MIME("BINARYMIME");

  private final String keyword;

  BodyType(String keyword) {
    this.keyword = keyword;
  }

  /** The parameter value as sent, e.g. {@code "8BITMIME"}. */
  public String keyword() {
    return keyword;
  }
}

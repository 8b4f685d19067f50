package org.mailwire.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The EHLO keywords {@link Capabilities} recognises (RFC 5321 §4.1.1.1 and the extension RFCs).
 * Keywords not listed here are kept as text in {@link Capabilities#otherKeywords()}.
 */
public enum Extension {
  /** RFC 1870 message size declaration; parameter: the maximum size in bytes. */
  SIZE("SIZE"),
  /** RFC 4954 authentication; parameters: the SASL mechanisms. */
  AUTH("AUTH"),
  /** RFC 6152 8-bit MIME transport. */
  EIGHTBITMIME("8BITMIME"),
  /** RFC 3030 binary MIME (needs {@link #CHUNKING}). */
  BINARYMIME("BINARYMIME"),
  /** RFC 3030 BDAT. */
  CHUNKING("CHUNKING"),
  /** RFC 2920 command pipelining. */
  PIPELINING("PIPELINING"),
  /** RFC 6531 internationalised addresses and headers. */
  SMTPUTF8("SMTPUTF8"),
  /** RFC 3461 delivery status notifications. */
  DSN("DSN"),
  /** RFC 2034 enhanced status codes in replies. */
  ENHANCEDSTATUSCODES("ENHANCEDSTATUSCODES"),
  /** RFC 8689 REQUIRETLS. */
  REQUIRETLS("REQUIRETLS"),
  /** RFC 3207 STARTTLS. */
  STARTTLS("STARTTLS"),
  /** RFC 5321 VRFY. */
  VRFY("VRFY"),
  /** RFC 5321 EXPN. */
  EXPN("EXPN"),
  /** RFC 5321 HELP. */
  HELP("HELP"),
  /** RFC 1985 ETRN. */
  ETRN("ETRN"),
  /** RFC 2852 deliver-by; parameter: the minimum by-time. */
  DELIVERBY("DELIVERBY"),
  /** RFC 6710 message transfer priorities; parameter: the policy. */
  MT_PRIORITY("MT-PRIORITY"),
  /** RFC 4865 future release; parameters: the maximum intervals. */
  FUTURERELEASE("FUTURERELEASE"),
  /** RFC 3865 no-soliciting; parameter: solicitation keywords. */
  NO_SOLICITING("NO-SOLICITING"),
  /** RFC 4468 BURL; parameters: URL types. */
  BURL("BURL"),
  /** RFC 9422 LIMITS; parameters: the limits. */
  LIMITS("LIMITS"),
  /** RFC 2645 ATRN. */
  ATRN("ATRN");

  private final String keyword;
  final byte[] bytes;

  Extension(String keyword) {
    this.keyword = keyword;
    this.bytes = keyword.getBytes(StandardCharsets.US_ASCII);
  }

  /** The keyword as sent in an EHLO reply, e.g. {@code "8BITMIME"}. */
  public String keyword() {
    return keyword;
  }

  /** The extension named {@code keyword} (any case), or empty when not one of these. */
  public static Optional<Extension> byKeyword(String keyword) {
    for (Extension e : values()) {
      if (e.keyword.equalsIgnoreCase(keyword)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}

package org.mailwire.smtp.codec;

/**
 * Checks of mailbox addresses before they reach the wire (RFC 5321 §4.1.2, §4.5.3.1; RFC 6531 for
 * UTF-8), and the xtext encodings of RFC 3461 §4 and RFC 6533 §3.
 *
 * <p>A mailbox is {@code local-part@domain}: the local part a dot-atom or a quoted string, the
 * domain a host name or an address literal {@code [...]}. Limits, in UTF-8 octets: local part 64,
 * domain 255, the whole path 256 including the angle brackets. CR, LF, NUL and every other control
 * character are always refused, so a command line can never be split or extended by an address.
 */
public final class Addresses {
  /** Longest local part in octets (RFC 5321 §4.5.3.1.1). */
  public static final int MAX_LOCAL_PART = 64;
  /** Longest domain in octets (RFC 5321 §4.5.3.1.2). */
  public static final int MAX_DOMAIN = 255;
  /** Longest path in octets, angle brackets included (RFC 5321 §4.5.3.1.3). */
  public static final int MAX_PATH = 256;
  /** Longest ENVID before encoding (RFC 3461 §4.4). */
  public static final int MAX_ENVID = 100;

  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private Addresses() {}

  /**
   * Checks a mailbox address for MAIL FROM, RCPT TO or ORCPT.
   *
   * @param address the address, without angle brackets
   * @param utf8 whether non-ASCII characters are allowed (the transaction uses SMTPUTF8)
   * @param what the argument's name, for the exception message
   * @return {@code address}
   * @throws IllegalArgumentException when the address is malformed, too long, contains a control
   *     character, or is not ASCII while {@code utf8} is false
   */
  public static String checkMailbox(String address, boolean utf8, String what) {
    if (address.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw new IllegalArgumentException(
            what + " must not contain control characters such as CR, LF or NUL (index " + i + ")");
      }
      if (c >= 0x80 && !utf8) {
        throw new IllegalArgumentException(
            what + " has non-ASCII characters; it can only be sent with SMTPUTF8");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= address.length() || !Character.isLowSurrogate(address.charAt(i + 1))) {
          throw new IllegalArgumentException(what + " has an unpaired surrogate (index " + i + ")");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(what + " has an unpaired surrogate (index " + i + ")");
      }
    }
    int octets = utf8Length(address, 0, address.length());
    if (octets + 2 > MAX_PATH) {
      throw new IllegalArgumentException(what + " is longer than " + (MAX_PATH - 2) + " octets");
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      if (address.equalsIgnoreCase("postmaster")) {
        return address; // RFC 5321 §4.1.1.3: "<Postmaster>" needs no domain
      }
      throw new IllegalArgumentException(what + " has no '@domain'");
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    checkLocalPart(local, what);
    checkDomain(domain, what);
    return address;
  }

  private static void checkLocalPart(String local, String what) {
    if (local.isEmpty()) {
      throw new IllegalArgumentException(what + " has an empty local part");
    }
    if (utf8Length(local, 0, local.length()) > MAX_LOCAL_PART) {
      throw new IllegalArgumentException(what + ": local part longer than " + MAX_LOCAL_PART + " octets");
    }
    if (local.charAt(0) == '"') {
      if (local.length() < 2 || local.charAt(local.length() - 1) != '"') {
        throw new IllegalArgumentException(what + ": unterminated quoted local part");
      }
      for (int i = 1; i < local.length() - 1; i++) {
        char c = local.charAt(i);
        if (c == '\\') {
          if (++i >= local.length() - 1) {
            throw new IllegalArgumentException(what + ": dangling backslash in quoted local part");
          }
        } else if (c == '"') {
          throw new IllegalArgumentException(what + ": unescaped quote in quoted local part");
        }
      }
      return;
    }
    boolean dot = true;
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c == '.') {
        if (dot) {
          throw new IllegalArgumentException(what + ": misplaced '.' in local part");
        }
        dot = true;
      } else if (isAtext(c)) {
        dot = false;
      } else {
        throw new IllegalArgumentException(
            what + ": character '" + c + "' needs a quoted local part");
      }
    }
    if (dot) {
      throw new IllegalArgumentException(what + ": local part ends with '.'");
    }
  }

  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c >= 0x80
        || ATEXT_SPECIALS.indexOf(c) >= 0;
  }

  /**
   * Checks a domain (host name or address literal), as used in addresses and in EHLO.
   *
   * @throws IllegalArgumentException when it is malformed or too long
   */
  static void checkDomain(String domain, String what) {
    if (domain.isEmpty()) {
      throw new IllegalArgumentException(what + " has an empty domain");
    }
    if (utf8Length(domain, 0, domain.length()) > MAX_DOMAIN) {
      throw new IllegalArgumentException(what + ": domain longer than " + MAX_DOMAIN + " octets");
    }
    if (domain.charAt(0) == '[') {
      if (domain.length() < 3 || domain.charAt(domain.length() - 1) != ']') {
        throw new IllegalArgumentException(what + ": malformed address literal");
      }
      for (int i = 1; i < domain.length() - 1; i++) {
        char c = domain.charAt(i);
        if (c <= 0x20 || c >= 0x7f || c == '[' || c == ']' || c == '\\') {
          throw new IllegalArgumentException(what + ": malformed address literal");
        }
      }
      return;
    }
    int labelStart = 0;
    for (int i = 0; i <= domain.length(); i++) {
      char c = i < domain.length() ? domain.charAt(i) : '.';
      if (c == '.') {
        int n = i - labelStart;
        if (n == 0 || utf8Length(domain, labelStart, i) > 63) {
          throw new IllegalArgumentException(what + ": empty or over-long domain label");
        }
        labelStart = i + 1;
      } else if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c >= 0x80)) {
        throw new IllegalArgumentException(what + ": character '" + c + "' is not allowed in a domain");
      }
    }
  }

  /**
   * Checks the domain given with EHLO, HELO or LHLO: ASCII, a host name or an address literal.
   *
   * @return {@code domain}
   * @throws IllegalArgumentException when it is malformed
   */
  public static String checkClientDomain(String domain) {
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "client domain must be printable ASCII without spaces (index " + i + ")");
      }
    }
    checkDomain(domain, "client domain");
    return domain;
  }

  /**
   * Encodes {@code s} as RFC 3461 xtext: printable ASCII except {@code +} and {@code =} as is,
   * every other byte as {@code +XX}.
   *
   * @throws IllegalArgumentException when {@code s} is not ASCII
   */
  public static String xtext(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        throw new IllegalArgumentException("xtext takes ASCII only");
      }
      if (c >= 33 && c <= 126 && c != '+' && c != '=') {
        sb.append(c);
      } else {
        sb.append('+').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /**
   * Encodes {@code s} as RFC 6533 utf-8-addr-xtext: printable ASCII except {@code +}, {@code =}
   * and {@code \} as is, every other code point as {@code \x{HEX}}.
   */
  public static String utf8AddrXtext(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    s.codePoints()
        .forEach(
            cp -> {
              if (cp >= 33 && cp <= 126 && cp != '+' && cp != '=' && cp != '\\') {
                sb.append((char) cp);
              } else {
                String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
                sb.append("\\x{").append(hex.length() < 2 ? "0" + hex : hex).append('}');
              }
            });
    return sb.toString();
  }

  /**
   * Checks an RFC 3461 ENVID: 1..100 printable ASCII characters.
   *
   * @return {@code envid}
   * @throws IllegalArgumentException otherwise
   */
  public static String checkEnvelopeId(String envid) {
    if (envid.isEmpty() || envid.length() > MAX_ENVID) {
      throw new IllegalArgumentException("ENVID must have 1.." + MAX_ENVID + " characters");
    }
    for (int i = 0; i < envid.length(); i++) {
      char c = envid.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("ENVID must be printable ASCII (index " + i + ")");
      }
    }
    return envid;
  }

  /** The number of UTF-8 octets of {@code s[from, to)}, without encoding it. */
  static int utf8Length(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Whether {@code s} has only ASCII characters. */
  public static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}

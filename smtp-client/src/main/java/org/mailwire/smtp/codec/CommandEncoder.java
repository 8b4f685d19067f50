package org.mailwire.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.mailwire.transport.bytes.Ascii;

/**
 * Encodes SMTP and LMTP commands (RFC 5321 §4.1 and the extension RFCs) into a growable byte
 * buffer, each line ending in CRLF. Commands accumulate until {@link #clear()}, so a pipelined
 * group (RFC 2920) is one {@link #array()} range written at once.
 *
 * <p>Every argument that reaches the wire is checked first: addresses by {@link Addresses} (no CR,
 * LF, NUL or other controls, length limits, UTF-8 only with SMTPUTF8), domains, ENVID (sent as
 * xtext), SASL mechanism names and base64 payloads. A refused argument throws {@link
 * IllegalArgumentException} and leaves the buffer as it was.
 *
 * <pre>{@code
 * CommandEncoder enc = new CommandEncoder();
 * enc.mail(MailFrom.of("a@example.com")).rcpt(RcptTo.of("b@example.org"), false).data();
 * transport.write(enc.array(), 0, enc.length());
 * enc.clear();
 * }</pre>
 */
public final class CommandEncoder {
  /**
   * The longest AUTH command line with an initial response, CRLF included (RFC 4954 §4: 12288
   * octets); longer initial responses must wait for the server's empty challenge.
   */
  public static final int MAX_AUTH_LINE = 12288;

  private static final byte[] CRLF = {'\r', '\n'};

  private byte[] buf = new byte[256];
  private int len;

  /** An empty encoder. */
  public CommandEncoder() {}

  /** The buffer; the encoded commands are {@code array()[0 .. length())}. */
  public byte[] array() {
    return buf;
  }

  /** The number of encoded bytes. */
  public int length() {
    return len;
  }

  /** Forgets the encoded commands (after they were written). */
  public void clear() {
    len = 0;
  }

  /** A copy of the encoded commands. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** {@code EHLO domain}. @throws IllegalArgumentException for an invalid domain */
  public CommandEncoder ehlo(String domain) {
    return hello("EHLO ", domain);
  }

  /** {@code HELO domain}. @throws IllegalArgumentException for an invalid domain */
  public CommandEncoder helo(String domain) {
    return hello("HELO ", domain);
  }

  /** {@code LHLO domain} (RFC 2033). @throws IllegalArgumentException for an invalid domain */
  public CommandEncoder lhlo(String domain) {
    return hello("LHLO ", domain);
  }

  private CommandEncoder hello(String verb, String domain) {
    Addresses.checkClientDomain(domain);
    ascii(verb);
    ascii(domain);
    return crlf();
  }

  /**
   * {@code MAIL FROM:<path>} with {@code SIZE=}, {@code BODY=}, {@code SMTPUTF8}, {@code RET=},
   * {@code ENVID=} and {@code REQUIRETLS} as {@code m} says. {@code m} was checked when built.
   */
  public CommandEncoder mail(MailFrom m) {
    ascii("MAIL FROM:<");
    utf8(m.reversePath());
    ascii(">");
    if (m.size() >= 0) {
      ascii(" SIZE=");
      ascii(Long.toString(m.size()));
    }
    if (m.body() != BodyType.SEVEN_BIT) {
      ascii(" BODY=");
      ascii(m.body().keyword());
    }
    if (m.smtputf8()) {
      ascii(" SMTPUTF8");
    }
    if (m.ret() != null) {
      ascii(" RET=");
      ascii(m.ret().name());
    }
    if (m.envelopeId() != null) {
      ascii(" ENVID=");
      ascii(Addresses.xtext(m.envelopeId()));
    }
    if (m.requireTls()) {
      ascii(" REQUIRETLS");
    }
    return crlf();
  }

  /**
   * {@code RCPT TO:<path>} with {@code NOTIFY=} and {@code ORCPT=} as {@code r} says.
   *
   * @param smtputf8 whether the transaction's MAIL FROM carried SMTPUTF8 (allows a UTF-8 address)
   * @throws IllegalArgumentException when the address is invalid, or not ASCII without SMTPUTF8
   */
  public CommandEncoder rcpt(RcptTo r, boolean smtputf8) {
    Addresses.checkMailbox(r.forwardPath(), smtputf8, "recipient address");
    ascii("RCPT TO:<");
    utf8(r.forwardPath());
    ascii(">");
    if (!r.dsnNotify().isEmpty()) {
      ascii(" NOTIFY=");
      boolean first = true;
      for (DsnNotify n : DsnNotify.values()) {
        if (r.dsnNotify().contains(n)) {
          if (!first) {
            ascii(",");
          }
          ascii(n.name());
          first = false;
        }
      }
    }
    if (r.originalRecipient() != null) {
      String o = r.originalRecipient();
      ascii(" ORCPT=");
      if (Addresses.isAscii(o)) {
        ascii("rfc822;");
        ascii(Addresses.xtext(o));
      } else {
        ascii("utf-8;");
        ascii(Addresses.utf8AddrXtext(o));
      }
    }
    return crlf();
  }

  /** {@code DATA}. */
  public CommandEncoder data() {
    ascii("DATA");
    return crlf();
  }

  /**
   * {@code BDAT size} or {@code BDAT size LAST} (RFC 3030); exactly {@code size} bytes of content
   * must follow.
   *
   * @throws IllegalArgumentException when {@code size} is negative
   */
  public CommandEncoder bdat(long size, boolean last) {
    if (size < 0) {
      throw new IllegalArgumentException("BDAT size must be >= 0");
    }
    ascii("BDAT ");
    ascii(Long.toString(size));
    if (last) {
      ascii(" LAST");
    }
    return crlf();
  }

  /** {@code RSET}. */
  public CommandEncoder rset() {
    ascii("RSET");
    return crlf();
  }

  /** {@code NOOP}. */
  public CommandEncoder noop() {
    ascii("NOOP");
    return crlf();
  }

  /** {@code QUIT}. */
  public CommandEncoder quit() {
    ascii("QUIT");
    return crlf();
  }

  /** {@code STARTTLS} (RFC 3207). */
  public CommandEncoder startTls() {
    ascii("STARTTLS");
    return crlf();
  }

  /**
   * {@code AUTH mechanism [initial-response]} (RFC 4954).
   *
   * @param mechanism the SASL mechanism name (RFC 4422: 1..20 of A-Z, 0-9, '-', '_')
   * @param initialResponseBase64 the base64 initial response, an empty array for an empty one
   *     (sent as {@code =}), or {@code null} for none
   * @throws IllegalArgumentException for an invalid mechanism name or non-base64 bytes
   */
  public CommandEncoder auth(String mechanism, byte[] initialResponseBase64) {
    checkMechanism(mechanism);
    if (initialResponseBase64 != null) {
      checkBase64(initialResponseBase64);
    }
    ascii("AUTH ");
    ascii(mechanism.toUpperCase(Locale.ROOT));
    if (initialResponseBase64 != null) {
      ascii(" ");
      if (initialResponseBase64.length == 0) {
        ascii("=");
      } else {
        bytes(initialResponseBase64, 0, initialResponseBase64.length);
      }
    }
    return crlf();
  }

  /**
   * A SASL response line (base64, possibly empty) answering a 334 challenge.
   *
   * @throws IllegalArgumentException for non-base64 bytes
   */
  public CommandEncoder authResponse(byte[] base64) {
    checkBase64(base64);
    bytes(base64, 0, base64.length);
    return crlf();
  }

  /** {@code *}: cancels the SASL exchange (RFC 4954 §4). */
  public CommandEncoder authCancel() {
    ascii("*");
    return crlf();
  }

  /** The length of the AUTH line {@link #auth} would write, CRLF included. */
  public static int authLineLength(String mechanism, byte[] initialResponseBase64) {
    int n = 5 + mechanism.length() + 2;
    if (initialResponseBase64 != null) {
      n += 1 + Math.max(1, initialResponseBase64.length);
    }
    return n;
  }

  private static void checkMechanism(String m) {
    if (m.isEmpty() || m.length() > 20) {
      throw new IllegalArgumentException("SASL mechanism name must have 1..20 characters");
    }
    for (int i = 0; i < m.length(); i++) {
      char c = Character.toUpperCase(m.charAt(i));
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        throw new IllegalArgumentException("invalid SASL mechanism name");
      }
    }
  }

  private static void checkBase64(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=')) {
        throw new IllegalArgumentException("SASL payload is not base64 (index " + i + ")");
      }
    }
  }

  private CommandEncoder crlf() {
    bytes(CRLF, 0, 2);
    return this;
  }

  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void utf8(String s) {
    if (Addresses.isAscii(s)) {
      ascii(s);
    } else {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      bytes(b, 0, b.length);
    }
  }

  private void bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void ensure(int n) {
    if (buf.length - len < n) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  @Override
  public String toString() {
    return Ascii.string(buf, 0, len);
  }
}

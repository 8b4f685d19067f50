package org.mailwire.pop3.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mailwire.transport.Redactor;
import org.mailwire.transport.bytes.Ascii;

/**
 * One encoded POP3 command line, CRLF included, with what the session needs to know about it:
 * its {@link Name}, whether a successful reply is multi-line, and how much of it a wire trace may
 * show.
 *
 * <p>Every argument is checked before encoding: CR, LF and NUL are rejected ({@link
 * IllegalArgumentException}), so no argument can inject a second command. Message numbers must be
 * {@code >= 1}. Secrets ({@code PASS}, the APOP digest, SASL responses) are encoded from {@code
 * char[]}/{@code byte[]} and can be wiped with {@link #wipe()} once written.
 *
 * <pre>{@code
 * Pop3Command c = Pop3Command.retr(3);
 * transport.write(c.bytes());
 * }</pre>
 */
public final class Pop3Command {
  /** The POP3 commands (RFC 1939, RFC 2449, RFC 2595, RFC 5034, RFC 6856). */
  public enum Name {
    USER, PASS, APOP, AUTH,
    /** A SASL response line (or {@code *} to cancel) sent after a continuation. */
    AUTH_RESPONSE,
    STLS, CAPA, STAT, LIST, UIDL, RETR, TOP, DELE, NOOP, RSET, QUIT, UTF8, LANG
  }

  /** RFC 2449 §4 / RFC 5034 §4: the longest command line, CRLF included. */
  public static final int MAX_COMMAND_LENGTH = 255;

  private final Name name;
  private final byte[] bytes;
  private final boolean multiLine;
  private final int visible;

  private Pop3Command(Name name, byte[] bytes, boolean multiLine, int visible) {
    this.name = name;
    this.bytes = bytes;
    this.multiLine = multiLine;
    this.visible = visible;
  }

  /** Returns the command name. */
  public Name name() {
    return name;
  }

  /** Returns the encoded line including CRLF (the array itself; do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  /** Returns whether a {@code +OK} reply to this command is followed by a multi-line body. */
  public boolean isMultiLine() {
    return multiLine;
  }

  /** Returns a redactor that shows only the non-secret start of this command in a trace. */
  public Redactor redactor() {
    int v = visible;
    return (line, off, len) -> Math.min(v, len);
  }

  /** Overwrites the encoded bytes with zeros (after a secret-bearing command was written). */
  public void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  /** Returns the command as the trace shows it: secrets replaced. */
  @Override
  public String toString() {
    int end = bytes.length - 2;
    String shown = Ascii.string(bytes, 0, Math.min(visible, end));
    return visible < end ? shown + "<redacted>" : shown;
  }

  // --- AUTHORIZATION state ------------------------------------------------------------------

  /**
   * {@code USER name} (RFC 1939 §7).
   *
   * @throws IllegalArgumentException if {@code name} is empty or holds CR, LF or NUL
   */
  public static Pop3Command user(String name) {
    return simple(Name.USER, "USER " + arg(name, "user name"), false);
  }

  /**
   * {@code PASS secret} (RFC 1939 §7); the password is encoded as UTF-8 and redacted in traces.
   *
   * @throws IllegalArgumentException if the password is empty or holds CR, LF or NUL
   */
  public static Pop3Command pass(char[] password) {
    checkSecret(password, "password");
    byte[] pw = utf8(password);
    byte[] line = new byte[5 + pw.length + 2];
    System.arraycopy(Ascii.bytes("PASS "), 0, line, 0, 5);
    System.arraycopy(pw, 0, line, 5, pw.length);
    Arrays.fill(pw, (byte) 0);
    line[line.length - 2] = '\r';
    line[line.length - 1] = '\n';
    return new Pop3Command(Name.PASS, line, false, 5);
  }

  /**
   * {@code APOP name digest} (RFC 1939 §7), the digest computed with {@link Apop#digest}.
   *
   * @param name the mailbox name (no spaces: the digest follows the first space)
   * @param timestamp the greeting's timestamp, brackets included ({@link Apop#timestamp})
   * @param secret the shared secret
   * @throws IllegalArgumentException if {@code name} is empty, holds a space, CR, LF or NUL
   */
  public static Pop3Command apop(String name, String timestamp, char[] secret) {
    String n = arg(name, "user name");
    if (n.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("APOP user name must not contain a space");
    }
    String line = "APOP " + n + " " + Apop.digest(timestamp, secret);
    return new Pop3Command(Name.APOP, crlf(line), false, 6 + n.length());
  }

  /**
   * {@code AUTH mechanism [initial-response]} (RFC 5034 §4). The initial response is sent only if
   * the line stays within {@link #MAX_COMMAND_LENGTH}; otherwise callers must send the command
   * without it and answer the server's first (empty) continuation instead. An empty initial
   * response is sent as {@code =}.
   *
   * @param mechanism the SASL mechanism name, e.g. {@code SCRAM-SHA-256}
   * @param initialResponseBase64 the base64 initial response, or {@code null} for none
   * @throws IllegalArgumentException if the mechanism is not a SASL name (RFC 4422 §3.1) or the
   *     response is not base64 text, or the line would exceed {@link #MAX_COMMAND_LENGTH}
   */
  public static Pop3Command auth(String mechanism, byte[] initialResponseBase64) {
    if (!isSaslName(mechanism)) {
      throw new IllegalArgumentException("not a SASL mechanism name: " + mechanism);
    }
    String head = "AUTH " + mechanism;
    if (initialResponseBase64 == null) {
      return new Pop3Command(Name.AUTH, crlf(head), false, head.length());
    }
    checkBase64(initialResponseBase64);
    int irLen = initialResponseBase64.length == 0 ? 1 : initialResponseBase64.length;
    if (head.length() + 1 + irLen + 2 > MAX_COMMAND_LENGTH) {
      throw new IllegalArgumentException(
          "AUTH with initial response exceeds " + MAX_COMMAND_LENGTH + " octets; send it without");
    }
    byte[] line = new byte[head.length() + 1 + irLen + 2];
    System.arraycopy(Ascii.bytes(head), 0, line, 0, head.length());
    line[head.length()] = ' ';
    if (initialResponseBase64.length == 0) {
      line[head.length() + 1] = '=';
    } else {
      System.arraycopy(initialResponseBase64, 0, line, head.length() + 1, irLen);
    }
    line[line.length - 2] = '\r';
    line[line.length - 1] = '\n';
    return new Pop3Command(Name.AUTH, line, false, head.length() + 1);
  }

  /**
   * Returns whether {@code AUTH mechanism} with an initial response of {@code base64Length}
   * octets fits in {@link #MAX_COMMAND_LENGTH} (RFC 5034 §4).
   */
  public static boolean initialResponseFits(String mechanism, int base64Length) {
    return 5 + mechanism.length() + 1 + Math.max(1, base64Length) + 2 <= MAX_COMMAND_LENGTH;
  }

  /**
   * A SASL response line answering a continuation (RFC 5034 §4): the base64 text, all of it
   * redacted in traces.
   *
   * @throws IllegalArgumentException if it is not base64 text
   */
  public static Pop3Command authResponse(byte[] base64) {
    checkBase64(base64);
    byte[] line = Arrays.copyOf(base64, base64.length + 2);
    line[line.length - 2] = '\r';
    line[line.length - 1] = '\n';
    return new Pop3Command(Name.AUTH_RESPONSE, line, false, 0);
  }

  /** {@code *}: cancels a SASL exchange (RFC 5034 §4); the server answers {@code -ERR}. */
  public static Pop3Command authCancel() {
    return new Pop3Command(Name.AUTH_RESPONSE, crlf("*"), false, 1);
  }

  /** {@code STLS} (RFC 2595 §4). */
  public static Pop3Command stls() {
    return simple(Name.STLS, "STLS", false);
  }

  /** {@code CAPA} (RFC 2449 §5); multi-line. */
  public static Pop3Command capa() {
    return simple(Name.CAPA, "CAPA", true);
  }

  /** {@code UTF8} (RFC 6856 §2): enables UTF-8 mode. */
  public static Pop3Command utf8() {
    return simple(Name.UTF8, "UTF8", false);
  }

  /** {@code LANG} (RFC 6856 §3) without argument: lists the languages; multi-line. */
  public static Pop3Command lang() {
    return simple(Name.LANG, "LANG", true);
  }

  /**
   * {@code LANG tag} (RFC 6856 §3): selects a language for server texts.
   *
   * @throws IllegalArgumentException if the tag is empty or holds a space, CR, LF or NUL
   */
  public static Pop3Command lang(String tag) {
    String t = arg(tag, "language tag");
    if (t.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("language tag must not contain a space");
    }
    return simple(Name.LANG, "LANG " + t, false);
  }

  // --- TRANSACTION state --------------------------------------------------------------------

  /** {@code STAT} (RFC 1939 §5). */
  public static Pop3Command stat() {
    return simple(Name.STAT, "STAT", false);
  }

  /** {@code LIST}: the scan listing of every message; multi-line. */
  public static Pop3Command list() {
    return simple(Name.LIST, "LIST", true);
  }

  /** {@code LIST n}: one message's size; single-line. @throws IllegalArgumentException if n < 1 */
  public static Pop3Command list(int message) {
    return simple(Name.LIST, "LIST " + number(message), false);
  }

  /** {@code UIDL}: every message's unique id (RFC 1939 §7); multi-line. */
  public static Pop3Command uidl() {
    return simple(Name.UIDL, "UIDL", true);
  }

  /** {@code UIDL n}: one message's unique id. @throws IllegalArgumentException if n < 1 */
  public static Pop3Command uidl(int message) {
    return simple(Name.UIDL, "UIDL " + number(message), false);
  }

  /** {@code RETR n}: the whole message; multi-line. @throws IllegalArgumentException if n < 1 */
  public static Pop3Command retr(int message) {
    return simple(Name.RETR, "RETR " + number(message), true);
  }

  /**
   * {@code TOP n lines} (RFC 1939 §7): the header and the first {@code lines} body lines;
   * multi-line.
   *
   * @throws IllegalArgumentException if {@code message < 1} or {@code lines < 0}
   */
  public static Pop3Command top(int message, int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("TOP line count must be >= 0: " + lines);
    }
    return simple(Name.TOP, "TOP " + number(message) + " " + lines, true);
  }

  /** {@code DELE n}: marks a message deleted. @throws IllegalArgumentException if n < 1 */
  public static Pop3Command dele(int message) {
    return simple(Name.DELE, "DELE " + number(message), false);
  }

  /** {@code NOOP}. */
  public static Pop3Command noop() {
    return simple(Name.NOOP, "NOOP", false);
  }

  /** {@code RSET}: unmarks every message marked deleted. */
  public static Pop3Command rset() {
    return simple(Name.RSET, "RSET", false);
  }

  /** {@code QUIT}: in TRANSACTION state, commits deletions (UPDATE state). */
  public static Pop3Command quit() {
    return simple(Name.QUIT, "QUIT", false);
  }

  // --- helpers ------------------------------------------------------------------------------

  private static Pop3Command simple(Name name, String line, boolean multiLine) {
    if (line.length() + 2 > MAX_COMMAND_LENGTH) {
      throw new IllegalArgumentException(name + " line exceeds " + MAX_COMMAND_LENGTH + " octets");
    }
    return new Pop3Command(name, crlf(line), multiLine, Integer.MAX_VALUE);
  }

  private static byte[] crlf(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    byte[] r = Arrays.copyOf(b, b.length + 2);
    r[b.length] = '\r';
    r[b.length + 1] = '\n';
    return r;
  }

  private static String arg(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return Ascii.requireNoLineBreak(s, what);
  }

  private static String number(int message) {
    if (message < 1) {
      throw new IllegalArgumentException("message number must be >= 1: " + message);
    }
    return Integer.toString(message);
  }

  private static void checkSecret(char[] secret, String what) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < secret.length; i++) {
      char c = secret[i];
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(what + " must not contain CR, LF or NUL (found at index " + i + ")");
      }
    }
  }

  static byte[] utf8(char[] chars) {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] r = new byte[bb.remaining()];
    bb.get(r);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return r;
  }

  private static boolean isSaslName(String m) {
    if (m == null || m.isEmpty() || m.length() > 20) {
      return false;
    }
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static void checkBase64(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        throw new IllegalArgumentException("SASL response is not base64 (byte " + i + ")");
      }
    }
  }
}

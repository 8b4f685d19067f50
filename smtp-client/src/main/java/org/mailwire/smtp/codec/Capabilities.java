package org.mailwire.smtp.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailwire.transport.bytes.Ascii;

/**
 * What a server offers in its EHLO (or LHLO) reply (RFC 5321 §4.1.1.1): the known {@link
 * Extension}s as a bit set, the {@code SIZE} limit, the {@code AUTH} mechanisms, the parameters of
 * other known extensions, and every unknown keyword with its parameters. Immutable.
 *
 * <p>Parsing matches keywords as bytes and interns the usual SASL mechanism names, so parsing a
 * typical EHLO reply allocates little more than this object.
 *
 * <pre>{@code
 * Capabilities caps = Capabilities.parse(ehloReply);
 * if (caps.has(Extension.PIPELINING)) ...
 * long max = caps.sizeLimit();              // -1: no SIZE, 0: no fixed limit
 * List<String> mechs = caps.authMechanisms(); // ["PLAIN", "LOGIN"]
 * }</pre>
 */
public final class Capabilities {
  /** The capabilities of a server greeted with HELO: no extensions at all. */
  public static final Capabilities NONE = new Capabilities();

  private static final String[] SASL = {
    "PLAIN", "LOGIN", "CRAM-MD5", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS",
    "SCRAM-SHA-256-PLUS", "XOAUTH2", "OAUTHBEARER", "DIGEST-MD5", "GSSAPI", "NTLM", "EXTERNAL",
    "ANONYMOUS", "GS2-KRB5"
  };
  private static final byte[][] SASL_BYTES = new byte[SASL.length][];
  private static final Extension[][] BY_LENGTH = new Extension[32][];

  static {
    for (int i = 0; i < SASL.length; i++) {
      SASL_BYTES[i] = Ascii.bytes(SASL[i]);
    }
    List<List<Extension>> lists = new ArrayList<>();
    for (int i = 0; i < BY_LENGTH.length; i++) {
      lists.add(new ArrayList<>());
    }
    for (Extension e : Extension.values()) {
      lists.get(e.bytes.length).add(e);
    }
    for (int i = 0; i < BY_LENGTH.length; i++) {
      BY_LENGTH[i] = lists.get(i).toArray(new Extension[0]);
    }
  }

  private static final int ORDER_SLOTS = 16;

  private long bits;
  private long sizeLimit = -1;
  private long authOrder;
  private int authKnown;
  private List<String> authOther;
  private String[] params;
  private Map<String, String> others;

  private Capabilities() {}

  /**
   * Parses the keyword lines (every line but the first, which holds the server's name) of an EHLO
   * or LHLO reply.
   *
   * @return the capabilities; a reply with a single line offers no extensions
   * @throws IllegalArgumentException when the reply is not a 2yz reply
   */
  public static Capabilities parse(ReplyView ehloReply) {
    if (!ehloReply.isPositiveCompletion()) {
      throw new IllegalArgumentException("not a positive EHLO reply: " + ehloReply.code());
    }
    Capabilities c = new Capabilities();
    byte[] a = ehloReply.array();
    for (int i = 1; i < ehloReply.lineCount(); i++) {
      c.line(a, ehloReply.textStart(i), ehloReply.textEnd(i));
    }
    return c;
  }

  /**
   * Parses the keyword lines of an EHLO or LHLO reply; see {@link #parse(ReplyView)}.
   *
   * @throws IllegalArgumentException when the reply is not a 2yz reply
   */
  public static Capabilities parse(Reply ehloReply) {
    if (!ehloReply.isPositiveCompletion()) {
      throw new IllegalArgumentException("not a positive EHLO reply: " + ehloReply.code());
    }
    Capabilities c = new Capabilities();
    for (int i = 1; i < ehloReply.lines().size(); i++) {
      byte[] b = ehloReply.lines().get(i).getBytes(StandardCharsets.UTF_8);
      c.line(b, 0, b.length);
    }
    return c;
  }

  private void line(byte[] a, int from, int to) {
    while (from < to && a[from] == ' ') {
      from++;
    }
    while (to > from && (a[to - 1] == ' ' || a[to - 1] == '\t')) {
      to--;
    }
    if (from == to) {
      return;
    }
    int k = from;
    while (k < to && isKeywordChar(a[k])) {
      k++;
    }
    boolean legacyAuth = false;
    if (k < to && a[k] == '=' && Ascii.equalsIgnoreCase(a, from, k - from, Extension.AUTH.bytes)) {
      legacyAuth = true; // "AUTH=PLAIN LOGIN", sent by old servers for old clients
    } else if (k < to && a[k] != ' ') {
      // Not a well-formed keyword: keep the whole line rather than drop it.
      other(text(a, from, to - from).toUpperCase(Locale.ROOT), "");
      return;
    }
    int p = k + 1;
    while (p < to && a[p] == ' ') {
      p++;
    }
    int len = k - from;
    Extension ext = legacyAuth ? Extension.AUTH : lookup(a, from, len);
    if (ext == null) {
      other(text(a, from, len).toUpperCase(Locale.ROOT), p < to ? text(a, p, to - p) : "");
      return;
    }
    bits |= 1L << ext.ordinal();
    switch (ext) {
      case SIZE -> {
        long n = p < to ? Ascii.parseUnsignedLong(a, p, to - p) : 0;
        sizeLimit = Math.max(n, 0);
        if (n < 0) {
          param(ext, text(a, p, to - p));
        }
      }
      case AUTH -> mechanisms(a, p, to);
      default -> {
        if (p < to) {
          param(ext, text(a, p, to - p));
        }
      }
    }
  }

  /** Keywords and parameters are ASCII; anything else is decoded as the reply text is (UTF-8). */
  private static String text(byte[] a, int off, int len) {
    return new String(a, off, len, StandardCharsets.UTF_8);
  }

  private static boolean isKeywordChar(byte b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-';
  }

  private static Extension lookup(byte[] a, int off, int len) {
    if (len >= BY_LENGTH.length) {
      return null;
    }
    for (Extension e : BY_LENGTH[len]) {
      if (Ascii.equalsIgnoreCase(a, off, len, e.bytes)) {
        return e;
      }
    }
    return null;
  }

  private void mechanisms(byte[] a, int p, int to) {
    while (p < to) {
      while (p < to && a[p] == ' ') {
        p++;
      }
      int s = p;
      while (p < to && a[p] != ' ') {
        p++;
      }
      if (p == s) {
        break;
      }
      int known = -1;
      for (int i = 0; i < SASL_BYTES.length; i++) {
        if (Ascii.equalsIgnoreCase(a, s, p - s, SASL_BYTES[i])) {
          known = i;
          break;
        }
      }
      if (known >= 0 && authKnown < ORDER_SLOTS && !hasKnownMechanism(known)) {
        authOrder |= (long) (known + 1) << (4 * authKnown);
        authKnown++;
      } else if (known < 0 || !hasKnownMechanism(known)) {
        String m = known >= 0 ? SASL[known] : text(a, s, p - s).toUpperCase(Locale.ROOT);
        if (authOther == null) {
          authOther = new ArrayList<>(2);
        }
        if (!authOther.contains(m)) {
          authOther.add(m);
        }
      }
    }
  }

  private boolean hasKnownMechanism(int index) {
    for (int i = 0; i < authKnown; i++) {
      if (((authOrder >>> (4 * i)) & 0xf) == index + 1) {
        return true;
      }
    }
    return false;
  }

  private void param(Extension e, String value) {
    if (params == null) {
      params = new String[Extension.values().length];
    }
    params[e.ordinal()] = value;
  }

  private void other(String keyword, String value) {
    if (others == null) {
      others = new LinkedHashMap<>();
    }
    others.putIfAbsent(keyword, value);
  }

  /** Whether the server offered {@code e}. */
  public boolean has(Extension e) {
    return (bits & (1L << e.ordinal())) != 0;
  }

  /** Whether the server offered the keyword (any case), known or not. */
  public boolean has(String keyword) {
    Optional<Extension> e = Extension.byKeyword(keyword);
    return e.isPresent() ? has(e.get()) : others != null && others.containsKey(keyword.toUpperCase(Locale.ROOT));
  }

  /** The known extensions offered, as a new set. */
  public Set<Extension> extensions() {
    EnumSet<Extension> s = EnumSet.noneOf(Extension.class);
    for (Extension e : Extension.values()) {
      if (has(e)) {
        s.add(e);
      }
    }
    return s;
  }

  /**
   * The RFC 1870 size limit: {@code -1} when SIZE is not offered, {@code 0} when offered without a
   * fixed limit, else the largest message size in bytes the server accepts.
   */
  public long sizeLimit() {
    return sizeLimit;
  }

  /** The SASL mechanisms offered with AUTH, upper case, in the server's order (known names first). */
  public List<String> authMechanisms() {
    List<String> r = new ArrayList<>(authKnown + (authOther == null ? 0 : authOther.size()));
    for (int i = 0; i < authKnown; i++) {
      r.add(SASL[(int) ((authOrder >>> (4 * i)) & 0xf) - 1]);
    }
    if (authOther != null) {
      r.addAll(authOther);
    }
    return Collections.unmodifiableList(r);
  }

  /** Whether {@code mechanism} (any case) was offered with AUTH. */
  public boolean supportsAuth(String mechanism) {
    String m = mechanism.toUpperCase(Locale.ROOT);
    for (int i = 0; i < authKnown; i++) {
      if (SASL[(int) ((authOrder >>> (4 * i)) & 0xf) - 1].equals(m)) {
        return true;
      }
    }
    return authOther != null && authOther.contains(m);
  }

  /**
   * The parameters the server gave with a known extension, as text ({@code "10240000"} for SIZE,
   * {@code "PLAIN LOGIN"} for AUTH).
   *
   * @return the parameters, empty when the extension was not offered or offered without any
   */
  public Optional<String> parameters(Extension e) {
    if (!has(e)) {
      return Optional.empty();
    }
    if (params != null && params[e.ordinal()] != null) {
      return Optional.of(params[e.ordinal()]);
    }
    if (e == Extension.SIZE) {
      return sizeLimit > 0 ? Optional.of(Long.toString(sizeLimit)) : Optional.empty();
    }
    if (e == Extension.AUTH) {
      List<String> m = authMechanisms();
      return m.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", m));
    }
    return Optional.empty();
  }

  /**
   * Keywords not in {@link Extension}, upper case, in the server's order, each with its
   * parameters ({@code ""} when none). Lines that are not well-formed keywords are kept whole as
   * keys.
   */
  public Map<String, String> otherKeywords() {
    return others == null ? Map.of() : Collections.unmodifiableMap(others);
  }

  /** The offered keywords with their parameters, one per line, as an EHLO reply lists them. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Extension e : Extension.values()) {
      if (has(e)) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(e.keyword());
        parameters(e).ifPresent(p -> sb.append(' ').append(p));
      }
    }
    if (others != null) {
      for (Map.Entry<String, String> o : others.entrySet()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(o.getKey());
        if (!o.getValue().isEmpty()) {
          sb.append(' ').append(o.getValue());
        }
      }
    }
    return sb.toString();
  }
}

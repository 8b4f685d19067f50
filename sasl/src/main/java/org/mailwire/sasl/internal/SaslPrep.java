package org.mailwire.sasl.internal;

import java.text.Normalizer;
import org.mailwire.sasl.SaslException;

/**
 * SASLprep (RFC 4013): the stringprep (RFC 3454) profile for user names and passwords.
 *
 * <ol>
 *   <li>Map: non-ASCII spaces (table C.1.2) become U+0020; the "commonly mapped to nothing"
 *       characters (table B.1) are removed (B.1 first, so that U+200B, which is in both, is
 *       removed).
 *   <li>Normalize with Unicode normalization form KC. {@link Normalizer} implements a newer Unicode
 *       than 3.2; two differences are handled so that the result is the Unicode 3.2 one: code
 *       points unassigned in 3.2 (table A.1) are left untouched (they are starters that never
 *       compose, so the text between them is normalized separately), and the five CJK
 *       compatibility ideographs whose decomposition Unicode Corrigendum #4 changed keep their
 *       3.2 mapping.
 *   <li>Prohibit: the output must not contain a character of tables C.1.2, C.2.1, C.2.2, C.3, C.4,
 *       C.5, C.6, C.7, C.8 or C.9 (unpaired surrogates count as C.5).
 *   <li>Bidi (RFC 3454 section 6): a string with a right-to-left character (table D.1) must not
 *       contain a left-to-right one (table D.2), and must start and end with a right-to-left
 *       character.
 *   <li>Unassigned code points (table A.1): allowed in queries, prohibited in stored strings.
 * </ol>
 *
 * <p>Failures are reported as {@link SaslException}; the message names the rule and, only when
 * the caller says the input is not secret, the offending code point.
 */
public final class SaslPrep {
  /** Unicode 3.2 NFKC of the five code points Unicode Corrigendum #4 changed. */
  private static final int[][] CORRIGENDUM_4 = {
    {0x2F868, 0x2136A}, {0x2F874, 0x5F33}, {0x2F91F, 0x43AB}, {0x2F95F, 0x7AAE}, {0x2F9BF, 0x4D57},
  };

  private SaslPrep() {}

  /**
   * Prepares {@code s} as a stored string (unassigned code points prohibited), as RFC 5802 asks
   * for passwords.
   *
   * @param s the string to prepare
   * @param what what the string is ("password"), for the message
   * @param secret whether {@code s} is secret: then the message names no code point
   * @return the prepared string
   * @throws SaslException if {@code s} contains a prohibited or unassigned code point or
   *     breaks the bidi rule
   */
  public static String stored(CharSequence s, String what, boolean secret) throws SaslException {
    return prepare(s, false, what, secret);
  }

  /**
   * Prepares {@code s} as a query (unassigned code points allowed), as RFC 5802 asks for user
   * names.
   *
   * @param s the string to prepare
   * @param what what the string is ("user name"), for the message
   * @param secret whether {@code s} is secret: then the message names no code point
   * @return the prepared string
   * @throws SaslException if {@code s} contains a prohibited code point or breaks the bidi
   *     rule
   */
  public static String query(CharSequence s, String what, boolean secret) throws SaslException {
    return prepare(s, true, what, secret);
  }

  private static String prepare(CharSequence s, boolean allowUnassigned, String what, boolean secret)
      throws SaslException {
    // 1. Map.
    StringBuilder mapped = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      if (StringprepTables.contains(StringprepTables.B1, cp)) {
        continue;
      }
      if (StringprepTables.contains(StringprepTables.C12, cp)) {
        mapped.append(' ');
        continue;
      }
      if (StringprepTables.contains(StringprepTables.A1, cp)) {
        if (!allowUnassigned) {
          throw fail(what, "contains a code point unassigned in Unicode 3.2", cp, secret);
        }
      }
      mapped.appendCodePoint(cp);
    }
    // 2. Normalize (KC, Unicode 3.2 semantics).
    String normalized = normalize32(mapped);
    mapped.setLength(0);
    // 3. Prohibit, 4. bidi.
    boolean hasRandAl = false;
    boolean hasL = false;
    int first = -1;
    int last = -1;
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (StringprepTables.contains(StringprepTables.PROHIBITED, cp)) {
        throw fail(what, "contains a character SASLprep prohibits", cp, secret);
      }
      boolean randAl = StringprepTables.contains(StringprepTables.D1, cp);
      hasRandAl |= randAl;
      hasL |= StringprepTables.contains(StringprepTables.D2, cp);
      if (first < 0) {
        first = randAl ? 1 : 0;
      }
      last = randAl ? 1 : 0;
    }
    if (hasRandAl) {
      if (hasL) {
        throw fail(what, "mixes right-to-left and left-to-right characters", -1, secret);
      }
      if (first != 1 || last != 1) {
        throw fail(what, "has right-to-left characters but does not start and end with one", -1, secret);
      }
    }
    return normalized;
  }

  /** NFKC as Unicode 3.2 defines it (see the class comment). */
  private static String normalize32(CharSequence s) {
    boolean plain = true;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return s.toString();
    }
    StringBuilder out = new StringBuilder(s.length());
    int segment = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = Character.codePointAt(s, i);
      int next = i + Character.charCount(cp);
      int fixed = corrigendum4(cp);
      if (fixed >= 0 || StringprepTables.contains(StringprepTables.A1, cp)) {
        out.append(Normalizer.normalize(s.subSequence(segment, i), Normalizer.Form.NFKC));
        out.appendCodePoint(fixed >= 0 ? fixed : cp);
        segment = next;
      }
      i = next;
    }
    out.append(Normalizer.normalize(s.subSequence(segment, s.length()), Normalizer.Form.NFKC));
    return out.toString();
  }

  private static int corrigendum4(int cp) {
    if (cp < 0x2F868 || cp > 0x2F9BF) {
      return -1;
    }
    for (int[] m : CORRIGENDUM_4) {
      if (m[0] == cp) {
        return m[1];
      }
    }
    return -1;
  }

  private static SaslException fail(String what, String rule, int cp, boolean secret) {
    StringBuilder sb = new StringBuilder(what).append(' ').append(rule);
    if (cp >= 0 && !secret) {
      sb.append(String.format(" (U+%04X)", cp));
    }
    return new SaslException(sb.append(" (RFC 4013 SASLprep)").toString());
  }
}

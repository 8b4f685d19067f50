package org.mailwire.smtp.internal;

import java.util.Optional;

/**
 * Finds the queue id a server names in its reply to the end of a message. There is no standard
 * form; these are the common ones:
 *
 * <ul>
 *   <li>Postfix: {@code 250 2.0.0 Ok: queued as 4Xy7s02Yx5z}
 *   <li>Exim: {@code 250 OK id=1rXyz-000123-AB}
 *   <li>Sendmail: {@code 250 2.0.0 4AB1Cd012345 Message accepted for delivery}
 *   <li>Dovecot LMTP: {@code 250 2.0.0 <alice@example.com> sJm3H2lZbmZ7CQAA Saved}
 *   <li>Gmail: {@code 250 2.0.0 OK  1700000000 a1-20020a.123 - gsmtp}
 * </ul>
 */
public final class QueueIds {
  private QueueIds() {}

  /** The queue id in {@code text}, or empty when none of the known forms matches. */
  public static Optional<String> find(String text) {
    int i = indexOfIgnoreCase(text, "queued as ");
    if (i >= 0) {
      return token(text, i + "queued as ".length());
    }
    i = indexOfIgnoreCase(text, "id=");
    if (i >= 0 && (i == 0 || text.charAt(i - 1) == ' ')) {
      return token(text, i + 3);
    }
    i = indexOfIgnoreCase(text, " Message accepted");
    if (i > 0) {
      return lastToken(text, i);
    }
    i = text.endsWith(" Saved") ? text.length() - " Saved".length() : -1;
    if (i > 0) {
      return lastToken(text, i);
    }
    i = text.indexOf(" - gsmtp");
    if (i > 0) {
      return lastToken(text, i);
    }
    return Optional.empty();
  }

  private static Optional<String> token(String s, int from) {
    int end = from;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ',' && s.charAt(end) != ';') {
      end++;
    }
    String t = s.substring(from, end);
    while (t.endsWith(".") || t.endsWith(")")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  private static Optional<String> lastToken(String s, int end) {
    int start = end;
    while (start > 0 && !Character.isWhitespace(s.charAt(start - 1))) {
      start--;
    }
    String t = s.substring(start, end);
    return t.isEmpty() || t.startsWith("<") ? Optional.empty() : Optional.of(t);
  }

  private static int indexOfIgnoreCase(String s, String what) {
    int n = what.length();
    for (int i = 0; i + n <= s.length(); i++) {
      if (s.regionMatches(true, i, what, 0, n)) {
        return i;
      }
    }
    return -1;
  }
}

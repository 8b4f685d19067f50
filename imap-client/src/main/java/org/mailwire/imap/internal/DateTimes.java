package org.mailwire.imap.internal;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parses IMAP date-time ({@code "dd-Mon-yyyy hh:mm:ss +zzzz"}) without regular expressions or formatters. */
public final class DateTimes {
  private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";

  private DateTimes() {}

  /**
   * Parses {@code s[off, off+len)}.
   *
   * @param strict when true only the RFC form ({@code date-day-fixed}: a space or digit before a
   *     one-digit day) is accepted; when false also a one-digit day without padding and a missing
   *     zone (taken as +0000)
   * @return the date-time, or {@code null} when it does not parse; {@code loose[0]} is set when a
   *     non-RFC form was accepted
   */
  public static OffsetDateTime parse(byte[] s, int off, int len, boolean strict, boolean[] loose) {
    int i = off;
    int end = off + len;
    int day;
    if (i < end && s[i] == ' ') {
      i++;
      day = digits(s, i, 1, end);
      i += 1;
    } else if (i + 1 < end && s[i + 1] == '-') {
      if (strict) {
        return null;
      }
      loose[0] = true;
      day = digits(s, i, 1, end);
      i += 1;
    } else {
      day = digits(s, i, 2, end);
      i += 2;
    }
    if (day < 0 || i + 1 + 3 + 1 + 4 > end || s[i] != '-' || s[i + 4] != '-') {
      return null;
    }
    int month = month(s, i + 1);
    int year = digits(s, i + 5, 4, end);
    i += 9;
    if (month < 0 || year < 0 || i + 9 > end || s[i] != ' ') {
      return null;
    }
    int hh = digits(s, i + 1, 2, end);
    int mm = digits(s, i + 4, 2, end);
    int ss = digits(s, i + 7, 2, end);
    if (hh < 0 || mm < 0 || ss < 0 || s[i + 3] != ':' || s[i + 6] != ':') {
      return null;
    }
    i += 9;
    int zone = 0;
    if (i == end) {
      if (strict) {
        return null;
      }
      loose[0] = true;
    } else {
      if (i + 6 != end || s[i] != ' ' || (s[i + 1] != '+' && s[i + 1] != '-')) {
        return null;
      }
      int zh = digits(s, i + 2, 2, end);
      int zm = digits(s, i + 4, 2, end);
      if (zh < 0 || zm < 0) {
        return null;
      }
      zone = (zh * 3600 + zm * 60) * (s[i + 1] == '-' ? -1 : 1);
    }
    try {
      return OffsetDateTime.of(year, month, day, hh, mm, ss, 0, ZoneOffset.ofTotalSeconds(zone));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int month(byte[] s, int i) {
    for (int m = 0; m < 12; m++) {
      if ((s[i] & 0xDF) == MONTHS.charAt(3 * m)
          && (s[i + 1] & 0xDF) == MONTHS.charAt(3 * m + 1)
          && (s[i + 2] & 0xDF) == MONTHS.charAt(3 * m + 2)) {
        return m + 1;
      }
    }
    return -1;
  }

  private static int digits(byte[] s, int i, int n, int end) {
    if (i + n > end) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < n; k++) {
      byte b = s[i + k];
      if (b < '0' || b > '9') {
        return -1;
      }
      v = v * 10 + (b - '0');
    }
    return v;
  }
}

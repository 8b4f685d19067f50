package org.mailwire.smtp.codec;

/**
 * An RFC 3463 enhanced mail system status code, {@code class.subject.detail}, e.g. {@code 5.1.1}
 * (bad destination mailbox address) or {@code 4.2.2} (mailbox full).
 *
 * <p>The class is 2 (success), 4 (persistent transient failure) or 5 (permanent failure); the
 * subject is 0..999 and the detail 0..999 (RFC 3463 §2, with RFC 5248 allowing three digits).
 *
 * @param statusClass 2, 4 or 5
 * @param subject 0..999
 * @param detail 0..999
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

  /**
   * @throws IllegalArgumentException when a part is out of range
   */
  public EnhancedStatus {
    if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
      throw new IllegalArgumentException("class must be 2, 4 or 5: " + statusClass);
    }
    if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
      throw new IllegalArgumentException("subject and detail must be 0..999");
    }
  }

  /**
   * Parses {@code "5.1.1"}.
   *
   * @return the code
   * @throws IllegalArgumentException when {@code s} is not a valid enhanced status code
   */
  public static EnhancedStatus parse(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    int end = EnhancedStatus.scan(b, 0, b.length);
    if (end != b.length) {
      throw new IllegalArgumentException("not an enhanced status code: " + s);
    }
    return of(b, 0, b.length);
  }

  /** Whether this is a success code (class 2). */
  public boolean isSuccess() {
    return statusClass == 2;
  }

  /** Whether this is a transient failure (class 4): the same action may succeed later. */
  public boolean isTransient() {
    return statusClass == 4;
  }

  /** Whether this is a permanent failure (class 5). */
  public boolean isPermanent() {
    return statusClass == 5;
  }

  /** The code as written on the wire, e.g. {@code "5.1.1"}. */
  @Override
  public String toString() {
    return statusClass + "." + subject + "." + detail;
  }

  /**
   * Scans an enhanced status code at {@code a[off..to)} without allocating: a class digit (2, 4
   * or 5), a dot, 1..3 digits, a dot, 1..3 digits, followed by the end of the range or a space.
   *
   * @return the index just after the code, or {@code -1} when there is none
   */
  static int scan(byte[] a, int off, int to) {
    if (to - off < 5) {
      return -1;
    }
    byte c = a[off];
    if ((c != '2' && c != '4' && c != '5') || a[off + 1] != '.') {
      return -1;
    }
    int i = off + 2;
    int n = digits(a, i, to);
    if (n == 0 || i + n >= to || a[i + n] != '.') {
      return -1;
    }
    i += n + 1;
    n = digits(a, i, to);
    if (n == 0) {
      return -1;
    }
    i += n;
    if (i < to && a[i] != ' ') {
      return -1;
    }
    return i;
  }

  private static int digits(byte[] a, int from, int to) {
    int n = 0;
    while (from + n < to && n <= 3 && a[from + n] >= '0' && a[from + n] <= '9') {
      n++;
    }
    return n > 3 ? 0 : n;
  }

  /** Parses a code already validated by {@link #scan}; {@code a[off..to)} is exactly the code. */
  static EnhancedStatus of(byte[] a, int off, int to) {
    int cls = a[off] - '0';
    int i = off + 2;
    int subject = 0;
    while (a[i] != '.') {
      subject = subject * 10 + (a[i++] - '0');
    }
    i++;
    int detail = 0;
    while (i < to && a[i] != ' ') {
      detail = detail * 10 + (a[i++] - '0');
    }
    return new EnhancedStatus(cls, subject, detail);
  }
}

package org.mailwire.imap.codec;

import java.util.Arrays;

/**
 * An IMAP sequence set ({@code 1:3,7,9:*}) of message sequence numbers or UIDs: an immutable list
 * of ranges. {@code *} (the largest number in use) is {@link #STAR}; the SEARCHRES marker {@code $}
 * is {@link #SAVED}.
 *
 * <p>{@link #of(long...)} and {@link #compact()} sort and merge; {@link #parse(String)} keeps the
 * ranges as sent (servers need not compact). Numbers are between 1 and 4294967295 (or {@link
 * #STAR}).
 */
public final class SequenceSet {
  /** The value that stands for {@code *}. */
  public static final long STAR = Long.MAX_VALUE;

  /** The largest number a sequence set may hold (2^32 - 1). */
  public static final long MAX_NUMBER = 0xFFFF_FFFFL;

  /** {@code $}: the result saved by a previous {@code SEARCH RETURN (SAVE)} (RFC 5182). */
  public static final SequenceSet SAVED = new SequenceSet(new long[0], true);

  /** {@code 1:*}. */
  public static final SequenceSet ALL = new SequenceSet(new long[] {1, STAR}, false);

  private final long[] ranges; // lo0, hi0, lo1, hi1, ... ; lo <= hi unless given reversed
  private final boolean saved;

  private SequenceSet(long[] ranges, boolean saved) {
    this.ranges = ranges;
    this.saved = saved;
  }

  /**
   * A compacted set of the given numbers.
   *
   * @throws IllegalArgumentException if empty or a number is out of range
   */
  public static SequenceSet of(long... numbers) {
    if (numbers.length == 0) {
      throw new IllegalArgumentException("empty sequence set");
    }
    long[] r = new long[numbers.length * 2];
    for (int i = 0; i < numbers.length; i++) {
      check(numbers[i]);
      r[2 * i] = r[2 * i + 1] = numbers[i];
    }
    return new SequenceSet(r, false).compact();
  }

  /**
   * The range {@code from:to} (either order; {@link #STAR} for {@code *}).
   *
   * @throws IllegalArgumentException if a bound is out of range
   */
  public static SequenceSet range(long from, long to) {
    check(from);
    check(to);
    return new SequenceSet(new long[] {Math.min(from, to), Math.max(from, to)}, false);
  }

  /**
   * A set from {@code lo, hi} pairs as given (not compacted).
   *
   * @throws IllegalArgumentException if the array has odd length, is empty, or holds a number out of range
   */
  public static SequenceSet ofRanges(long... pairs) {
    if (pairs.length == 0 || pairs.length % 2 != 0) {
      throw new IllegalArgumentException("need lo,hi pairs");
    }
    for (long v : pairs) {
      check(v);
    }
    return new SequenceSet(pairs.clone(), false);
  }

  private static void check(long v) {
    if (v != STAR && (v < 1 || v > MAX_NUMBER)) {
      throw new IllegalArgumentException("sequence number out of range: " + v);
    }
  }

  /**
   * Parses {@code 1:3,5,7:*} or {@code $}.
   *
   * @return the set, or {@code null} when {@code s} is not a valid sequence set
   */
  public static SequenceSet parse(CharSequence s) {
    int n = s.length();
    if (n == 1 && s.charAt(0) == '$') {
      return SAVED;
    }
    if (n == 0) {
      return null;
    }
    long[] r = new long[8];
    int count = 0;
    int i = 0;
    while (true) {
      long lo;
      long hi;
      long[] out = new long[1];
      i = number(s, i, out);
      if (i < 0) {
        return null;
      }
      lo = hi = out[0];
      if (i < n && s.charAt(i) == ':') {
        i = number(s, i + 1, out);
        if (i < 0) {
          return null;
        }
        hi = out[0];
      }
      if (count + 2 > r.length) {
        r = Arrays.copyOf(r, r.length * 2);
      }
      r[count++] = lo;
      r[count++] = hi;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ',') {
        return null;
      }
      i++;
    }
    return new SequenceSet(Arrays.copyOf(r, count), false);
  }

  private static int number(CharSequence s, int i, long[] out) {
    int n = s.length();
    if (i < n && s.charAt(i) == '*') {
      out[0] = STAR;
      return i + 1;
    }
    long v = 0;
    int start = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = v * 10 + (s.charAt(i) - '0');
      if (v > MAX_NUMBER) {
        return -1;
      }
      i++;
    }
    if (i == start || v == 0) {
      return -1;
    }
    out[0] = v;
    return i;
  }

  /** This set sorted, with overlapping and adjacent ranges merged (each range low-to-high). */
  public SequenceSet compact() {
    if (saved) {
      return this;
    }
    int k = ranges.length / 2;
    long[][] pairs = new long[k][];
    for (int i = 0; i < k; i++) {
      long a = ranges[2 * i];
      long b = ranges[2 * i + 1];
      pairs[i] = new long[] {Math.min(a, b), Math.max(a, b)};
    }
    Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
    long[] out = new long[k * 2];
    int c = 0;
    for (long[] p : pairs) {
      if (c > 0 && (out[c - 1] == STAR || p[0] <= out[c - 1] + 1)) {
        out[c - 1] = Math.max(out[c - 1], p[1]);
      } else {
        out[c++] = p[0];
        out[c++] = p[1];
      }
    }
    return new SequenceSet(Arrays.copyOf(out, c), false);
  }

  /** Whether this is the SEARCHRES marker {@code $}. */
  public boolean isSaved() {
    return saved;
  }

  /** The number of ranges. */
  public int rangeCount() {
    return ranges.length / 2;
  }

  /** The first bound of range {@code i} ({@link #STAR} for {@code *}). */
  public long from(int i) {
    return ranges[2 * i];
  }

  /** The second bound of range {@code i} ({@link #STAR} for {@code *}). */
  public long to(int i) {
    return ranges[2 * i + 1];
  }

  /** Whether {@code n} lies in one of the ranges ({@code *} taken as unbounded). */
  public boolean contains(long n) {
    for (int i = 0; i < ranges.length; i += 2) {
      long lo = Math.min(ranges[i], ranges[i + 1]);
      long hi = Math.max(ranges[i], ranges[i + 1]);
      if (n >= lo && n <= hi) {
        return true;
      }
    }
    return false;
  }

  /**
   * The numbers of this set in order, expanded.
   *
   * @throws IllegalStateException if the set contains {@code *} or {@code $}, or more than {@code max} numbers
   */
  public long[] toArray(int max) {
    if (saved) {
      throw new IllegalStateException("$ has no numbers");
    }
    long total = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      if (ranges[i] == STAR || ranges[i + 1] == STAR) {
        throw new IllegalStateException("set contains *");
      }
      total += Math.abs(ranges[i + 1] - ranges[i]) + 1;
      if (total > max) {
        throw new IllegalStateException("more than " + max + " numbers");
      }
    }
    long[] out = new long[(int) total];
    int c = 0;
    for (int i = 0; i < ranges.length; i += 2) {
      long lo = Math.min(ranges[i], ranges[i + 1]);
      long hi = Math.max(ranges[i], ranges[i + 1]);
      for (long v = lo; v <= hi; v++) {
        out[c++] = v;
      }
    }
    return out;
  }

  /** The wire form, e.g. {@code 1:3,5,9:*} or {@code $}. */
  @Override
  public String toString() {
    if (saved) {
      return "$";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ranges.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      append(sb, ranges[i]);
      if (ranges[i + 1] != ranges[i]) {
        sb.append(':');
        append(sb, ranges[i + 1]);
      }
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, long v) {
    if (v == STAR) {
      sb.append('*');
    } else {
      sb.append(v);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceSet s && s.saved == saved && Arrays.equals(s.ranges, ranges);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ranges) + (saved ? 1 : 0);
  }
}

package org.mailwire.pop3.codec;

import java.util.Arrays;

/**
 * A {@code LIST} scan listing (RFC 1939 §5): for each message not marked deleted, its number and
 * size in octets. Stored in two primitive arrays, not an object per line.
 */
public final class ScanListing {
  private final int[] numbers;
  private final long[] sizes;
  private final int count;

  /**
   * @param numbers message numbers; the first {@code count} are used (not copied)
   * @param sizes sizes in octets, parallel to {@code numbers} (not copied)
   * @param count number of entries
   */
  ScanListing(int[] numbers, long[] sizes, int count) {
    this.numbers = numbers;
    this.sizes = sizes;
    this.count = count;
  }

  /** Returns a listing of the given entries (copied); for tests and servers' single-line replies. */
  public static ScanListing of(int[] numbers, long[] sizes) {
    if (numbers.length != sizes.length) {
      throw new IllegalArgumentException("numbers and sizes differ in length");
    }
    return new ScanListing(numbers.clone(), sizes.clone(), numbers.length);
  }

  /** Returns the number of entries. */
  public int size() {
    return count;
  }

  /** Returns the message number of entry {@code i} (0-based). */
  public int number(int i) {
    return numbers[checkIndex(i)];
  }

  /** Returns the size in octets of entry {@code i} (0-based). */
  public long octets(int i) {
    return sizes[checkIndex(i)];
  }

  /** Returns the index of message {@code number}, or {@code -1} if it is not listed. */
  public int indexOf(int number) {
    for (int i = 0; i < count; i++) {
      if (numbers[i] == number) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the message numbers, in listing order (a copy). */
  public int[] numbers() {
    return Arrays.copyOf(numbers, count);
  }

  private int checkIndex(int i) {
    return java.util.Objects.checkIndex(i, count);
  }

  /** Returns whether {@code o} lists the same entries in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ScanListing s
        && count == s.count
        && Arrays.equals(numbers, 0, count, s.numbers, 0, count)
        && Arrays.equals(sizes, 0, count, s.sizes, 0, count);
  }

  /** Returns a hash of the entries. */
  @Override
  public int hashCode() {
    int h = count;
    for (int i = 0; i < count; i++) {
      h = 31 * (31 * h + numbers[i]) + Long.hashCode(sizes[i]);
    }
    return h;
  }

  /** Returns e.g. {@code ScanListing[1=120, 2=200]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ScanListing[");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ", ").append(numbers[i]).append('=').append(sizes[i]);
    }
    return sb.append(']').toString();
  }
}

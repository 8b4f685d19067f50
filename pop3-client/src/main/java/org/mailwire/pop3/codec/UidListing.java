package org.mailwire.pop3.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code UIDL} listing (RFC 1939 §7): for each message not marked deleted, its number and its
 * unique id (1 to 70 characters in 0x21..0x7E). The ids are kept in one byte array; a {@code
 * String} is made only when {@link #uid(int)} asks for one.
 */
public final class UidListing {
  private final int[] numbers;
  private final byte[] uidBytes;
  private final int[] uidEnds;
  private final int count;

  UidListing(int[] numbers, byte[] uidBytes, int[] uidEnds, int count) {
    this.numbers = numbers;
    this.uidBytes = uidBytes;
    this.uidEnds = uidEnds;
    this.count = count;
  }

  /**
   * Returns a listing of the given entries (copied).
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static UidListing of(int[] numbers, String[] uids) {
    if (numbers.length != uids.length) {
      throw new IllegalArgumentException("numbers and uids differ in length");
    }
    byte[][] enc = new byte[uids.length][];
    int total = 0;
    for (int i = 0; i < uids.length; i++) {
      enc[i] = uids[i].getBytes(StandardCharsets.ISO_8859_1);
      total += enc[i].length;
    }
    byte[] all = new byte[total];
    int[] ends = new int[uids.length];
    int p = 0;
    for (int i = 0; i < enc.length; i++) {
      System.arraycopy(enc[i], 0, all, p, enc[i].length);
      p += enc[i].length;
      ends[i] = p;
    }
    return new UidListing(numbers.clone(), all, ends, numbers.length);
  }

  /** Returns the number of entries. */
  public int size() {
    return count;
  }

  /** Returns the message number of entry {@code i} (0-based). */
  public int number(int i) {
    return numbers[java.util.Objects.checkIndex(i, count)];
  }

  /** Returns the unique id of entry {@code i} (0-based), as a new string. */
  public String uid(int i) {
    java.util.Objects.checkIndex(i, count);
    int start = i == 0 ? 0 : uidEnds[i - 1];
    return new String(uidBytes, start, uidEnds[i] - start, StandardCharsets.ISO_8859_1);
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

  /** Returns a new map from unique id to message number, in listing order. */
  public Map<String, Integer> byUid() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      m.put(uid(i), numbers[i]);
    }
    return m;
  }

  /** Returns whether {@code o} lists the same entries in the same order. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UidListing u) || u.count != count) {
      return false;
    }
    int bytes = count == 0 ? 0 : uidEnds[count - 1];
    return Arrays.equals(numbers, 0, count, u.numbers, 0, count)
        && Arrays.equals(uidEnds, 0, count, u.uidEnds, 0, count)
        && Arrays.equals(uidBytes, 0, bytes, u.uidBytes, 0, bytes);
  }

  /** Returns a hash of the entries. */
  @Override
  public int hashCode() {
    int h = count;
    for (int i = 0; i < count; i++) {
      h = 31 * h + numbers[i];
    }
    return h;
  }

  /** Returns e.g. {@code UidListing[1=abc, 2=def]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("UidListing[");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ", ").append(numbers[i]).append('=').append(uid(i));
    }
    return sb.append(']').toString();
  }
}

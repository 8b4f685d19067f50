package org.mailwire.pop3.codec;

import java.util.Arrays;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.Decoder;

/**
 * Decoders for the multi-line {@code LIST} and {@code UIDL} listings (RFC 1939 §5, §7) and the
 * single-line forms ({@code +OK 2 320}) of {@code LIST n}, {@code UIDL n} and {@code STAT}.
 *
 * <p>A listing decoder takes the bytes after the {@code +OK} status line. It consumes each
 * complete line into primitive arrays (no {@code String} per line), returns the listing when the
 * terminating {@code .} line has been consumed, and {@code null} before that. Each line is {@code
 * msg-number SP size} or {@code msg-number SP unique-id}; anything after a further space is
 * ignored (RFC 1939 permits servers to add information). A line that is anything else (an {@code
 * -ERR} in the middle of a listing, a number out of range, an id with controls) is a {@link
 * ProtocolException}; more lines than {@link Pop3Limits#maxListingEntries()} a {@link
 * LimitExceededException}.
 */
public final class ListingDecoders {
  private ListingDecoders() {}

  /** Returns a new decoder for a {@code LIST} listing with the given limits. */
  public static Decoder<ScanListing> scanListing(Pop3Limits limits) {
    return new ScanDecoder(limits);
  }

  /** Returns a new decoder for a {@code UIDL} listing with the given limits. */
  public static Decoder<UidListing> uidListing(Pop3Limits limits) {
    return new UidDecoder(limits);
  }

  /**
   * Parses the text of {@code +OK nn mm} (the reply to {@code STAT}): message count and octets.
   *
   * @param ok the status line
   * @return the mailbox statistics
   * @throws ProtocolException if the text does not start with two numbers
   */
  public static MailboxStat parseStat(StatusLine ok) throws ProtocolException {
    byte[] t = Ascii.bytes(asciiOrFail(ok.text(), "STAT"));
    int sp = Ascii.indexOf(t, 0, t.length, (byte) ' ');
    if (sp < 0) {
      throw new ProtocolException("STAT reply is not 'count size'", -1, t, 0, t.length);
    }
    int count = Ascii.parseUnsignedInt(t, 0, sp);
    int end = wordEnd(t, sp + 1, t.length);
    long size = Ascii.parseUnsignedLong(t, sp + 1, end - sp - 1);
    if (count < 0 || size < 0) {
      throw new ProtocolException("STAT reply is not 'count size'", -1, t, 0, t.length);
    }
    return new MailboxStat(count, size);
  }

  /**
   * Parses the text of {@code +OK n size}, the reply to {@code LIST n}.
   *
   * @return the size in octets
   * @throws ProtocolException if the text is not {@code number SP size}
   */
  public static long parseListSize(StatusLine ok) throws ProtocolException {
    byte[] t = Ascii.bytes(asciiOrFail(ok.text(), "LIST"));
    int sp = Ascii.indexOf(t, 0, t.length, (byte) ' ');
    long size = -1;
    if (sp > 0 && Ascii.parseUnsignedInt(t, 0, sp) > 0) {
      int end = wordEnd(t, sp + 1, t.length);
      size = Ascii.parseUnsignedLong(t, sp + 1, end - sp - 1);
    }
    if (size < 0) {
      throw new ProtocolException("LIST reply is not 'number size'", -1, t, 0, t.length);
    }
    return size;
  }

  /**
   * Parses the text of {@code +OK n uid}, the reply to {@code UIDL n}.
   *
   * @return the unique id
   * @throws ProtocolException if the text is not {@code number SP unique-id}
   */
  public static String parseUid(StatusLine ok) throws ProtocolException {
    byte[] t = Ascii.bytes(asciiOrFail(ok.text(), "UIDL"));
    int sp = Ascii.indexOf(t, 0, t.length, (byte) ' ');
    if (sp > 0 && Ascii.parseUnsignedInt(t, 0, sp) > 0) {
      int end = wordEnd(t, sp + 1, t.length);
      if (end > sp + 1 && validUid(t, sp + 1, end)) {
        return Ascii.string(t, sp + 1, end - sp - 1);
      }
    }
    throw new ProtocolException("UIDL reply is not 'number unique-id'", -1, t, 0, t.length);
  }

  private static String asciiOrFail(String text, String what) throws ProtocolException {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7e) {
        throw new ProtocolException(what + " reply has non-ASCII text: " + text.substring(0, i));
      }
    }
    return text;
  }

  private static int wordEnd(byte[] a, int from, int to) {
    int sp = Ascii.indexOf(a, from, to, (byte) ' ');
    return sp < 0 ? to : sp;
  }

  static boolean validUid(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] < 0x21 || a[i] > 0x7e) {
        return false;
      }
    }
    return to > from;
  }

  /** Parses the message number before the first space; returns [number, index of space]. */
  private static long numberAndSpace(byte[] a, int start, int end, long offset, String what)
      throws ProtocolException {
    int sp = Ascii.indexOf(a, start, end, (byte) ' ');
    int n = sp < 0 ? -1 : Ascii.parseUnsignedInt(a, start, sp - start);
    if (n <= 0 || sp + 1 >= end) {
      throw new ProtocolException(
          "malformed " + what + " line (expected 'number SP value')", offset, a, start, end);
    }
    return ((long) sp << 32) | n;
  }

  private static final class ScanDecoder extends MultiLineLines<ScanListing> {
    private final int maxEntries;
    private int[] numbers = new int[16];
    private long[] sizes = new long[16];
    private int count;

    ScanDecoder(Pop3Limits limits) {
      super(limits.maxLineLength());
      this.maxEntries = limits.maxListingEntries();
    }

    @Override
    void line(byte[] a, int start, int end, long offset) throws ProtocolException {
      long ns = numberAndSpace(a, start, end, offset, "LIST");
      int sp = (int) (ns >>> 32);
      int valueEnd = wordEnd(a, sp + 1, end);
      long size = Ascii.parseUnsignedLong(a, sp + 1, valueEnd - sp - 1);
      if (size < 0) {
        throw new ProtocolException("malformed LIST size", offset + (sp + 1 - start), a, start, end);
      }
      if (count == maxEntries) {
        throw new LimitExceededException("maxListingEntries", maxEntries, offset, a, start, end);
      }
      if (count == numbers.length) {
        int cap = (int) Math.min((long) count * 2, maxEntries);
        numbers = Arrays.copyOf(numbers, cap);
        sizes = Arrays.copyOf(sizes, cap);
      }
      numbers[count] = (int) ns;
      sizes[count] = size;
      count++;
    }

    @Override
    ScanListing result() {
      return new ScanListing(numbers, sizes, count);
    }
  }

  private static final class UidDecoder extends MultiLineLines<UidListing> {
    private final int maxEntries;
    private int[] numbers = new int[16];
    private int[] ends = new int[16];
    private byte[] uids = new byte[256];
    private int count;

    UidDecoder(Pop3Limits limits) {
      super(limits.maxLineLength());
      this.maxEntries = limits.maxListingEntries();
    }

    @Override
    void line(byte[] a, int start, int end, long offset) throws ProtocolException {
      long ns = numberAndSpace(a, start, end, offset, "UIDL");
      int sp = (int) (ns >>> 32);
      int uidEnd = wordEnd(a, sp + 1, end);
      if (!validUid(a, sp + 1, uidEnd)) {
        throw new ProtocolException(
            "malformed UIDL unique-id (1..70 chars 0x21-0x7E)", offset + (sp + 1 - start), a, start, end);
      }
      if (count == maxEntries) {
        throw new LimitExceededException("maxListingEntries", maxEntries, offset, a, start, end);
      }
      if (count == numbers.length) {
        int cap = (int) Math.min((long) count * 2, maxEntries);
        numbers = Arrays.copyOf(numbers, cap);
        ends = Arrays.copyOf(ends, cap);
      }
      int used = count == 0 ? 0 : ends[count - 1];
      int len = uidEnd - sp - 1;
      if (uids.length - used < len) {
        uids = Arrays.copyOf(uids, Math.max(uids.length * 2, used + len));
      }
      System.arraycopy(a, sp + 1, uids, used, len);
      numbers[count] = (int) ns;
      ends[count] = used + len;
      count++;
    }

    @Override
    UidListing result() {
      return new UidListing(numbers, uids, ends, count);
    }
  }
}

package org.mailwire.transport.bytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.Transport;

/**
 * The bytes received from a server and not yet consumed by a decoder: a growable array with a read
 * index and a write index. Decoders look at {@code array()[readIndex() .. writeIndex())} and call
 * {@link #skip(int)} only for what they have fully decoded; a decoder that needs more input leaves
 * the read index where it was.
 *
 * <p>The buffer grows (doubling) up to {@code maxCapacity} and compacts (moves unread bytes to the
 * front) before it grows. It counts every byte ever consumed, so decoders can report stream
 * offsets in errors ({@link #streamOffset(int)}).
 *
 * <p>Line scanning ({@link #findLineEnd(int)}) remembers how far it has looked, so feeding a long
 * line one byte at a time costs linear, not quadratic, time.
 *
 * <p>Not thread-safe; one connection, one buffer.
 *
 * <pre>{@code
 * InputBuffer in = new InputBuffer(8192, 1 << 20);
 * while (true) {
 *   Reply r = decoder.decode(in);        // null: need more input
 *   if (r != null) { handle(r); continue; }
 *   if (in.readFrom(transport) < 0) throw new ConnectionClosedException("reply", in.consumed());
 * }
 * }</pre>
 */
public final class InputBuffer {
  private byte[] buf;
  private int readIndex;
  private int writeIndex;
  private final int maxCapacity;
  /** Absolute stream offset of {@code buf[0]}. */
  private long base;
  /** Index up to which {@link #findLineEnd} has already found no LF; {@code >= readIndex}. */
  private int scanned;

  /**
   * @param initialCapacity the first array size (at least 16)
   * @param maxCapacity the largest the buffer may grow; a decoder's limits (line length and so on)
   *     must fit within it
   */
  public InputBuffer(int initialCapacity, int maxCapacity) {
    if (initialCapacity < 16 || maxCapacity < initialCapacity) {
      throw new IllegalArgumentException(
          "need 16 <= initialCapacity <= maxCapacity, got " + initialCapacity + ", " + maxCapacity);
    }
    this.buf = new byte[initialCapacity];
    this.maxCapacity = maxCapacity;
  }

  /** A buffer of 8 KiB growing up to {@code maxCapacity}. */
  public static InputBuffer withMaxCapacity(int maxCapacity) {
    return new InputBuffer(Math.min(8192, Math.max(16, maxCapacity)), Math.max(16, maxCapacity));
  }

  /** The backing array; valid bytes are {@code [readIndex(), writeIndex())}. It may be replaced when the buffer grows. */
  public byte[] array() {
    return buf;
  }

  /** Index of the first unconsumed byte in {@link #array()}. */
  public int readIndex() {
    return readIndex;
  }

  /** Index one past the last received byte in {@link #array()}. */
  public int writeIndex() {
    return writeIndex;
  }

  /** Number of received, unconsumed bytes. */
  public int readable() {
    return writeIndex - readIndex;
  }

  /** The byte at absolute array index {@code i}; no bounds check beyond the array's own. */
  public byte get(int i) {
    return buf[i];
  }

  /** Total number of bytes consumed since the buffer was made. */
  public long consumed() {
    return base + readIndex;
  }

  /** The stream offset of the byte at array index {@code i}. */
  public long streamOffset(int i) {
    return base + i;
  }

  /**
   * Consumes {@code n} bytes.
   *
   * @throws IllegalArgumentException if fewer than {@code n} bytes are readable
   */
  public void skip(int n) {
    if (n < 0 || n > readable()) {
      throw new IllegalArgumentException("skip " + n + " of " + readable() + " readable bytes");
    }
    readIndex += n;
    if (scanned < readIndex) {
      scanned = readIndex;
    }
    if (readIndex == writeIndex) {
      base += readIndex;
      readIndex = writeIndex = scanned = 0;
    }
  }

  /** Consumes everything up to array index {@code index} (exclusive). */
  public void skipTo(int index) {
    skip(index - readIndex);
  }

  /**
   * Drops every unconsumed byte, counting them as consumed. Used before a TLS handshake: bytes
   * received in plaintext must never be read as if they came over TLS.
   *
   * @return the number of bytes dropped
   */
  public int discard() {
    int n = readable();
    skip(n);
    return n;
  }

  /**
   * Appends {@code len} bytes.
   *
   * @throws LimitExceededException if the unconsumed bytes would exceed {@code maxCapacity}
   */
  public void write(byte[] src, int off, int len) throws LimitExceededException {
    ensureWritable(len);
    System.arraycopy(src, off, buf, writeIndex, len);
    writeIndex += len;
  }

  /** Appends all of {@code src}. */
  public void write(byte[] src) throws LimitExceededException {
    write(src, 0, src.length);
  }

  /** Appends the remaining bytes of {@code src}, advancing its position. */
  public void write(ByteBuffer src) throws LimitExceededException {
    int len = src.remaining();
    ensureWritable(len);
    src.get(buf, writeIndex, len);
    writeIndex += len;
  }

  /**
   * Reads once from {@code transport} into the free space (compacting or growing first if there is
   * none). Blocks as {@link Transport#read} does.
   *
   * @return the number of bytes read, or {@code -1} at end of stream
   * @throws LimitExceededException if the buffer is full at {@code maxCapacity}
   * @throws IOException as {@link Transport#read} throws
   */
  public int readFrom(Transport transport) throws IOException {
    if (writeIndex == buf.length) {
      int room = maxCapacity - readable();
      ensureWritable(room <= 0 ? 1 : Math.min(room, Math.min(buf.length, 8192)));
    }
    int n = transport.read(buf, writeIndex, buf.length - writeIndex);
    if (n > 0) {
      writeIndex += n;
    }
    return n;
  }

  /**
   * Makes room for {@code n} more bytes: compacts, then grows up to {@code maxCapacity}.
   *
   * @throws LimitExceededException if the unconsumed bytes plus {@code n} exceed {@code
   *     maxCapacity}
   */
  public void ensureWritable(int n) throws LimitExceededException {
    if (buf.length - writeIndex >= n) {
      return;
    }
    int live = readable();
    if ((long) live + n > maxCapacity) {
      throw new LimitExceededException(
          "maxBufferCapacity", maxCapacity, streamOffset(readIndex), buf, readIndex, writeIndex);
    }
    if (buf.length - live >= n && readIndex > 0) {
      compact();
      return;
    }
    int newCap = buf.length;
    while (newCap - live < n) {
      newCap = (int) Math.min((long) newCap * 2, maxCapacity);
    }
    byte[] next = new byte[newCap];
    System.arraycopy(buf, readIndex, next, 0, live);
    base += readIndex;
    scanned -= readIndex;
    writeIndex = live;
    readIndex = 0;
    buf = next;
  }

  private void compact() {
    int live = readable();
    System.arraycopy(buf, readIndex, buf, 0, live);
    base += readIndex;
    scanned -= readIndex;
    writeIndex = live;
    readIndex = 0;
  }

  /**
   * Finds the end of the line that starts at the read index: the index of its LF. The caller
   * decides whether a bare LF is acceptable (check {@code array()[lf - 1] == '\r'}).
   *
   * @param maxLineLength the longest line accepted, counting the line end
   * @return the array index of the LF, or {@code -1} when no full line has arrived yet
   * @throws LimitExceededException when {@code maxLineLength} bytes have arrived without an LF
   */
  public int findLineEnd(int maxLineLength) throws LimitExceededException {
    int limit = (int) Math.min(writeIndex, (long) readIndex + maxLineLength);
    int lf = Ascii.indexOf(buf, Math.max(scanned, readIndex), limit, (byte) '\n');
    if (lf >= 0) {
      return lf;
    }
    scanned = limit;
    if (limit - readIndex >= maxLineLength) {
      throw new LimitExceededException(
          "maxLineLength", maxLineLength, streamOffset(readIndex), buf, readIndex, limit);
    }
    return -1;
  }

  /**
   * Reads from {@code transport} until a whole line is buffered, for clients that read line by
   * line.
   *
   * @param maxLineLength the longest line accepted, counting the line end
   * @return the array index of the line's LF (as {@link #findLineEnd(int)})
   * @throws LimitExceededException when {@code maxLineLength} bytes arrive without an LF
   * @throws org.mailwire.transport.ConnectionClosedException when the peer closes first (with or
   *     without a partial line buffered)
   * @throws IOException as {@link Transport#read} throws (timeouts included)
   */
  public int fillLine(Transport transport, int maxLineLength) throws IOException {
    int lf;
    while ((lf = findLineEnd(maxLineLength)) < 0) {
      if (readFrom(transport) < 0) {
        throw new org.mailwire.transport.ConnectionClosedException(
            readable() > 0
                ? "server closed the connection in the middle of a line (" + readable() + " bytes)"
                : "server closed the connection while a line was expected",
            streamOffset(writeIndex));
      }
    }
    return lf;
  }

  /** The current size of the backing array (never above {@code maxCapacity}). */
  public int capacity() {
    return buf.length;
  }

  /** A copy of the unconsumed bytes (for tests and diagnostics). */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(buf, readIndex, writeIndex);
  }

  @Override
  public String toString() {
    return "InputBuffer[readable=" + readable() + ", consumed=" + consumed() + ", capacity=" + buf.length + "/" + maxCapacity + "]";
  }
}

package org.mailwire.activesync.wbxml;

import java.io.EOFException;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes an ActiveSync WBXML document to an {@link OutputStream}: the header {@code 03 01 6A 00}
 * (WBXML 1.3, unknown public id, UTF-8, no string table), then tags, inline strings and OPAQUE data.
 *
 * <p>Each start tag is held back until the writer knows whether the element has content, so an
 * element with none is written without the content bit and without an END. SWITCH_PAGE is written
 * only when the code page changes. Bytes are collected in an internal buffer and passed to the
 * stream when it fills and on {@link #flush()} / {@link #finish()}; OPAQUE data from an {@link
 * InputStream} is copied through that buffer, never held whole.
 *
 * <pre>{@code
 * WbxmlWriter w = new WbxmlWriter(out, ProtocolVersion.V14_1);
 * w.start(CodePages.require("FolderHierarchy", "FolderSync"));
 * w.start(CodePages.require("FolderHierarchy", "SyncKey")).text("0").end();
 * w.end();
 * w.finish();   // 03 01 6A 00 00 07 56 52 03 30 00 01 01
 * }</pre>
 *
 * <p>Misuse (an END with no open element, text outside an element, a second root element, a tag
 * the negotiated protocol version lacks, a string containing U+0000 or an unpaired surrogate)
 * throws {@link IllegalStateException} or {@link IllegalArgumentException} and writes nothing for
 * that call. Not thread-safe.
 */
public final class WbxmlWriter implements Flushable {
  private static final int BUFFER = 8192;

  private final OutputStream out;
  private final ProtocolVersion version;
  private final byte[] buf = new byte[BUFFER];
  private int len;

  private boolean headerWritten;
  private boolean rootDone;
  private boolean broken;
  private int page;
  private int depth;
  private boolean pending;
  private int pendingPage;
  private int pendingToken;

  /**
   * A writer that accepts every tag of every protocol version.
   *
   * @param out where the document goes; the writer does not close it
   */
  public WbxmlWriter(OutputStream out) {
    this(out, null);
  }

  /**
   * A writer for one negotiated protocol version.
   *
   * @param out where the document goes; the writer does not close it
   * @param version the negotiated version; {@link #start(Tag)} refuses tags it lacks. {@code null}
   *     accepts every tag.
   */
  public WbxmlWriter(OutputStream out, ProtocolVersion version) {
    if (out == null) {
      throw new IllegalArgumentException("out is null");
    }
    this.out = out;
    this.version = version;
  }

  /** Returns the negotiated protocol version, or {@code null} when tags are not checked. */
  public ProtocolVersion protocolVersion() {
    return version;
  }

  /**
   * Starts an element (the start tag is written once the writer knows whether it has content).
   *
   * @param tag the tag (not {@code null})
   * @return this writer
   * @throws IllegalArgumentException when a protocol version is set and does not have the tag
   * @throws IllegalStateException when the root element has already ended
   * @throws IOException as the stream throws
   */
  public WbxmlWriter start(Tag tag) throws IOException {
    if (tag == null) {
      throw new IllegalArgumentException("tag is null");
    }
    if (version != null && !tag.supportedIn(version)) {
      throw new IllegalArgumentException(
          "tag " + tag + " is not in ActiveSync protocol version " + version);
    }
    return startToken(tag.page(), tag.token());
  }

  /**
   * Starts an element given by namespace and name, as {@link CodePages#tag(String, String)} finds
   * it.
   *
   * @return this writer
   * @throws IllegalArgumentException when there is no such tag, or the protocol version lacks it
   * @throws IllegalStateException when the root element has already ended
   * @throws IOException as the stream throws
   */
  public WbxmlWriter start(String namespace, String name) throws IOException {
    return start(CodePages.require(namespace, name));
  }

  /**
   * Starts an element by raw page and token, also one the code page does not define (for
   * reproducing documents exactly). No protocol version check is made.
   *
   * @param page the code page, 0 to 25
   * @param token the token, 0x05 to 0x3F
   * @return this writer
   * @throws IllegalArgumentException when page or token is out of range
   * @throws IllegalStateException when the root element has already ended
   * @throws IOException as the stream throws
   */
  public WbxmlWriter start(int page, int token) throws IOException {
    if (page < 0 || page > CodePages.MAX_PAGE || token < 0x05 || token > 0x3F) {
      throw new IllegalArgumentException("no tag page " + page + " token 0x" + Integer.toHexString(token));
    }
    return startToken(page, token);
  }

  private WbxmlWriter startToken(int p, int token) throws IOException {
    usable();
    if (rootDone) {
      throw new IllegalStateException("the root element has already ended");
    }
    if (!headerWritten) {
      put(0x03);
      put(0x01);
      put(0x6A);
      put(0x00);
      headerWritten = true;
    }
    flushPending(true);
    pending = true;
    pendingPage = p;
    pendingToken = token;
    depth++;
    return this;
  }

  /**
   * Ends the innermost open element: writes END, or, when the element had no content, its start
   * tag without the content bit.
   *
   * @return this writer
   * @throws IllegalStateException when no element is open
   * @throws IOException as the stream throws
   */
  public WbxmlWriter end() throws IOException {
    usable();
    if (depth == 0) {
      throw new IllegalStateException("no open element to end");
    }
    if (pending) {
      flushPending(false);
    } else {
      put(0x01);
    }
    depth--;
    if (depth == 0) {
      rootDone = true;
    }
    return this;
  }

  /**
   * Writes text as an inline string (STR_I, UTF-8). An empty string writes nothing.
   *
   * @param text the text (not {@code null})
   * @return this writer
   * @throws IllegalArgumentException when the text contains U+0000 or an unpaired surrogate
   * @throws IllegalStateException when no element is open
   * @throws IOException as the stream throws
   */
  public WbxmlWriter text(String text) throws IOException {
    usable();
    if (depth == 0) {
      throw new IllegalStateException("text outside an element");
    }
    checkText(text);
    if (text.isEmpty()) {
      return this;
    }
    flushPending(true);
    put(0x03);
    putUtf8(text);
    put(0x00);
    return this;
  }

  /**
   * Writes OPAQUE data.
   *
   * @param data the bytes (not {@code null})
   * @return this writer
   * @throws IllegalStateException when no element is open
   * @throws IOException as the stream throws
   */
  public WbxmlWriter opaque(byte[] data) throws IOException {
    return opaque(data, 0, data.length);
  }

  /**
   * Writes {@code data[off, off + length)} as OPAQUE data.
   *
   * @return this writer
   * @throws IndexOutOfBoundsException when the range is outside {@code data}
   * @throws IllegalStateException when no element is open
   * @throws IOException as the stream throws
   */
  public WbxmlWriter opaque(byte[] data, int off, int length) throws IOException {
    usable();
    if (depth == 0) {
      throw new IllegalStateException("OPAQUE data outside an element");
    }
    Objects.checkFromIndexSize(off, length, data.length);
    flushPending(true);
    put(0xC3);
    putMb(length);
    putBytes(data, off, length);
    return this;
  }

  /**
   * Writes OPAQUE data of a known length read from a stream, copying it through the writer's
   * buffer (never holding it whole). The stream is not closed.
   *
   * @param data the source
   * @param length the exact number of bytes to copy (0 to 2^32 - 1)
   * @return this writer
   * @throws IllegalArgumentException when the length is out of range
   * @throws EOFException when the stream ends before {@code length} bytes; the writer is then
   *     unusable (the document would be corrupt)
   * @throws IllegalStateException when no element is open
   * @throws IOException as the streams throw
   */
  public WbxmlWriter opaque(InputStream data, long length) throws IOException {
    usable();
    if (depth == 0) {
      throw new IllegalStateException("OPAQUE data outside an element");
    }
    if (length < 0 || length > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("OPAQUE length out of range: " + length);
    }
    flushPending(true);
    put(0xC3);
    putMb(length);
    long left = length;
    while (left > 0) {
      if (len == BUFFER) {
        drain();
      }
      int n = data.read(buf, len, (int) Math.min(BUFFER - len, left));
      if (n < 0) {
        broken = true;
        throw new EOFException("OPAQUE source ended " + left + " bytes early");
      }
      len += n;
      left -= n;
    }
    return this;
  }

  /** Returns whether the root element has ended. */
  public boolean isComplete() {
    return rootDone;
  }

  /**
   * Passes the buffered bytes to the stream and flushes it.
   *
   * @throws IOException as the stream throws
   */
  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  /**
   * Checks that the document is complete, then {@link #flush()}es. The stream stays open.
   *
   * @throws IllegalStateException when the root element has not ended
   * @throws IOException as the stream throws
   */
  public void finish() throws IOException {
    usable();
    if (!rootDone) {
      throw new IllegalStateException("the document is incomplete: " + depth + " open element(s)");
    }
    flush();
  }

  private void usable() {
    if (broken) {
      throw new IllegalStateException("the writer failed earlier; the document is corrupt");
    }
  }

  private void flushPending(boolean content) throws IOException {
    if (!pending) {
      return;
    }
    pending = false;
    if (pendingPage != page) {
      put(0x00);
      put(pendingPage);
      page = pendingPage;
    }
    put(content ? pendingToken | 0x40 : pendingToken);
  }

  private static void checkText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("text contains U+0000, which STR_I cannot carry");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException("text contains an unpaired surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("text contains an unpaired surrogate at index " + i);
      }
    }
  }

  private void putUtf8(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        put(c);
      } else if (c < 0x800) {
        put(0xC0 | (c >> 6));
        put(0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate((char) c)) {
        int cp = Character.toCodePoint((char) c, s.charAt(++i));
        put(0xF0 | (cp >> 18));
        put(0x80 | ((cp >> 12) & 0x3F));
        put(0x80 | ((cp >> 6) & 0x3F));
        put(0x80 | (cp & 0x3F));
      } else {
        put(0xE0 | (c >> 12));
        put(0x80 | ((c >> 6) & 0x3F));
        put(0x80 | (c & 0x3F));
      }
    }
  }

  private void putMb(long v) throws IOException {
    int shift = 28;
    while (shift > 0 && (v >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      put((int) ((v >>> shift) & 0x7F) | 0x80);
    }
    put((int) (v & 0x7F));
  }

  private void put(int b) throws IOException {
    if (len == BUFFER) {
      drain();
    }
    buf[len++] = (byte) b;
  }

  private void putBytes(byte[] data, int off, int length) throws IOException {
    if (length >= BUFFER) {
      drain();
      out.write(data, off, length);
      return;
    }
    if (BUFFER - len < length) {
      drain();
    }
    System.arraycopy(data, off, buf, len, length);
    len += length;
  }

  private void drain() throws IOException {
    if (len > 0) {
      out.write(buf, 0, len);
      len = 0;
    }
  }

  @Override
  public String toString() {
    return "WbxmlWriter[depth=" + depth + ", complete=" + rootDone + ", buffered=" + len + "]";
  }
}

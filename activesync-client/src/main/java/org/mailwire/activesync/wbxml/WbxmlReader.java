package org.mailwire.activesync.wbxml;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mailwire.activesync.internal.Utf8;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * A streaming pull parser for ActiveSync WBXML ([MS-ASWBXML], WBXML 1.3): feed bytes into an {@link
 * InputBuffer}, pull {@link WbxmlEvent}s. It never blocks and never reads from a socket; {@code
 * null} means "need more input" and nothing that could not be finished is consumed. Feeding a
 * document whole, one byte at a time or in any other split gives the same events (streamed chunks
 * may be cut differently), and bytes after the root element's END stay in the buffer.
 *
 * <pre>{@code
 * WbxmlReader reader = new WbxmlReader();
 * InputBuffer in = new InputBuffer(8192, 1 << 20);
 * while (true) {
 *   WbxmlEvent e = reader.decode(in);
 *   if (e instanceof WbxmlEvent.EndDocument) break;
 *   if (e != null) { handle(e); continue; }
 *   if (in.readFrom(transport) < 0) reader.endOfInput();   // throws: the document was cut short
 * }
 * }</pre>
 *
 * <p>What it accepts: the header (version 1 to 3, any public id, charset 106 = UTF-8, a string
 * table that is skipped without being stored), SWITCH_PAGE to pages 0 to 25, END, STR_I, OPAQUE, and
 * tags with or without the content bit. Everything else WBXML allows but ActiveSync never uses
 * is a {@link ProtocolException} with the stream offset: attributes, ENTITY, PI, the EXT tokens,
 * STR_T, LITERAL, unknown code pages, text outside the root element and an mb_u_int32 longer than 5
 * bytes. A token that the current page does not define is reported as a {@link
 * WbxmlEvent.StartTag} whose tag is {@code null}, or is an error when {@link Options#strict()}.
 *
 * <p>OPAQUE data and strings longer than {@link Options#maxInlineTextLength()} are streamed in
 * chunks of at most {@link Options#chunkSize()} bytes, so a 25 MB MIME body passes through in
 * memory bounded by the buffer, never buffered whole.
 *
 * <p>Not thread-safe: one document, one reader. After a {@code ProtocolException} the reader is
 * failed and further calls throw {@link IllegalStateException}.
 */
public final class WbxmlReader implements Decoder<WbxmlEvent> {

  /**
   * The reader's limits and choices. Every limit is checked before anything of that size is
   * allocated.
   *
   * @param maxDepth the deepest element nesting accepted (default 64)
   * @param maxInlineTextLength strings of up to this many input bytes arrive as one {@link
   *     WbxmlEvent.Text}; longer ones are streamed (default 16 KiB). The input buffer must be able
   *     to hold this many bytes plus two. (Replaced malformed UTF-8 can make the text's own UTF-8
   *     form up to three times longer.)
   * @param maxTextLength the longest streamed string accepted, in bytes (default 64 MiB)
   * @param maxOpaqueLength the longest OPAQUE accepted, in bytes (default 64 MiB)
   * @param maxStringTableLength the largest string table accepted (it is skipped, never stored;
   *     default 1 MiB)
   * @param chunkSize the most input bytes one chunk of streamed text or OPAQUE data covers, at
   *     least 4 (default 16 KiB). A text chunk in which malformed UTF-8 was replaced can be up to
   *     three times as long (each malformed byte becomes the three bytes of U+FFFD).
   * @param strict when {@code true}, a token the code page does not define is a {@link
   *     ProtocolException}; when {@code false} (default) it is reported as an unknown {@link
   *     WbxmlEvent.StartTag}
   * @param replaceMalformedUtf8 when {@code true}, malformed UTF-8 in strings is replaced by
   *     U+FFFD; when {@code false} (default) it is a {@link ProtocolException}
   */
  public record Options(
      int maxDepth,
      int maxInlineTextLength,
      long maxTextLength,
      long maxOpaqueLength,
      long maxStringTableLength,
      int chunkSize,
      boolean strict,
      boolean replaceMalformedUtf8) {

    /** The defaults listed on {@link Options}. */
    public static final Options DEFAULTS =
        new Options(64, 16 * 1024, 64L << 20, 64L << 20, 1L << 20, 16 * 1024, false, false);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a limit is negative, {@code maxDepth} is below 1 or
     *     {@code chunkSize} is below 4 (a chunk must hold any UTF-8 character)
     */
    public Options {
      if (maxDepth < 1 || chunkSize < 4 || maxInlineTextLength < 0 || maxTextLength < 0
          || maxOpaqueLength < 0 || maxStringTableLength < 0) {
        throw new IllegalArgumentException("invalid WBXML reader options");
      }
    }

    /** Returns these options with {@code maxDepth} changed. */
    public Options withMaxDepth(int v) {
      return new Options(v, maxInlineTextLength, maxTextLength, maxOpaqueLength,
          maxStringTableLength, chunkSize, strict, replaceMalformedUtf8);
    }

    /** Returns these options with {@code maxInlineTextLength} changed. */
    public Options withMaxInlineTextLength(int v) {
      return new Options(maxDepth, v, maxTextLength, maxOpaqueLength, maxStringTableLength,
          chunkSize, strict, replaceMalformedUtf8);
    }

    /** Returns these options with {@code maxTextLength} changed. */
    public Options withMaxTextLength(long v) {
      return new Options(maxDepth, maxInlineTextLength, v, maxOpaqueLength, maxStringTableLength,
          chunkSize, strict, replaceMalformedUtf8);
    }

    /** Returns these options with {@code maxOpaqueLength} changed. */
    public Options withMaxOpaqueLength(long v) {
      return new Options(maxDepth, maxInlineTextLength, maxTextLength, v, maxStringTableLength,
          chunkSize, strict, replaceMalformedUtf8);
    }

    /** Returns these options with {@code maxStringTableLength} changed. */
    public Options withMaxStringTableLength(long v) {
      return new Options(maxDepth, maxInlineTextLength, maxTextLength, maxOpaqueLength, v,
          chunkSize, strict, replaceMalformedUtf8);
    }

    /** Returns these options with {@code chunkSize} changed. */
    public Options withChunkSize(int v) {
      return new Options(maxDepth, maxInlineTextLength, maxTextLength, maxOpaqueLength,
          maxStringTableLength, v, strict, replaceMalformedUtf8);
    }

    /** Returns these options with {@code strict} changed. */
    public Options withStrict(boolean v) {
      return new Options(maxDepth, maxInlineTextLength, maxTextLength, maxOpaqueLength,
          maxStringTableLength, chunkSize, v, replaceMalformedUtf8);
    }

    /** Returns these options with {@code replaceMalformedUtf8} changed. */
    public Options withReplaceMalformedUtf8(boolean v) {
      return new Options(maxDepth, maxInlineTextLength, maxTextLength, maxOpaqueLength,
          maxStringTableLength, chunkSize, strict, v);
    }
  }

  /** The charset MIBenum of UTF-8, the only one ActiveSync uses. */
  public static final int CHARSET_UTF8 = 106;

  private static final int SWITCH_PAGE = 0x00;
  private static final int END = 0x01;
  private static final int ENTITY = 0x02;
  private static final int STR_I = 0x03;
  private static final int LITERAL = 0x04;
  private static final int OPAQUE = 0xC3;
  private static final int EXCERPT = 16;

  private static final WbxmlEvent.TextBegin TEXT_BEGIN = new WbxmlEvent.TextBegin();
  private static final WbxmlEvent.TextEnd TEXT_END = new WbxmlEvent.TextEnd();
  private static final WbxmlEvent.OpaqueEnd OPAQUE_END = new WbxmlEvent.OpaqueEnd();
  private static final WbxmlEvent.EndDocument END_DOCUMENT = new WbxmlEvent.EndDocument();

  private enum State {
    HEADER,
    STRING_TABLE,
    BODY,
    TEXT,
    OPAQUE,
    DONE,
    REPORTED,
    FAILED
  }

  private final Options options;
  private State state = State.HEADER;
  private int page;
  private int depth;
  private int[] stack = new int[16];
  private boolean pendingEnd;
  private int pendingPage;
  private int pendingToken;
  private long remaining;
  private long streamed;
  /** Stream offset of the first byte of the string being streamed. */
  private long textStart;
  private long lastOffset;
  /** Absolute stream offset up to which a STR_I being looked at has no NUL; -1 when none. */
  private long scannedTo = -1;

  private int version = -1;
  private long publicId = -1;
  private int charset = -1;

  // mb_u_int32 scratch, set by readMb
  private long mbValue;
  private int mbEnd;

  /** A reader with {@link Options#DEFAULTS}. */
  public WbxmlReader() {
    this(Options.DEFAULTS);
  }

  /**
   * A reader with the given options.
   *
   * @param options the limits and choices (not {@code null})
   */
  public WbxmlReader(Options options) {
    this.options = options;
  }

  /** Returns this reader's options. */
  public Options options() {
    return options;
  }

  /** Returns the WBXML version byte of the header (3 for WBXML 1.3), or -1 before the header. */
  public int version() {
    return version;
  }

  /** Returns the public identifier of the header (1 = unknown, as ActiveSync sends), or -1. */
  public long publicId() {
    return publicId;
  }

  /** Returns the charset MIBenum of the header (106 = UTF-8), or -1 before the header. */
  public int charset() {
    return charset;
  }

  /** Returns the current element depth: 0 before the root element and after it has ended. */
  public int depth() {
    return depth;
  }

  /** Returns whether the root element has ended. */
  public boolean isComplete() {
    return state == State.DONE || state == State.REPORTED;
  }

  /**
   * Declares that no more input will come. Nothing is consumed.
   *
   * @throws ProtocolException when the document is incomplete (truncated input), with the offset
   *     where the input ended; the reader is then failed
   * @throws IllegalStateException when the reader had already failed
   */
  public void endOfInput() throws ProtocolException {
    if (state == State.FAILED) {
      throw new IllegalStateException("the WBXML reader has failed");
    }
    if (!isComplete()) {
      String where =
          switch (state) {
            case HEADER -> "in the header";
            case STRING_TABLE -> "in the string table";
            case TEXT -> "inside an inline string";
            case OPAQUE -> "inside OPAQUE data (" + remaining + " bytes missing)";
            default -> depth == 0 ? "before the root element" : "at depth " + depth;
          };
      state = State.FAILED;
      throw new ProtocolException("WBXML document truncated " + where, lastOffset, null, 0, 0);
    }
  }

  /**
   * Decodes the next event.
   *
   * @param in the received bytes; only what the returned event covers is consumed (the header,
   *     SWITCH_PAGE tokens and string table bytes are consumed along the way)
   * @return the next event, or {@code null} when more input is needed or the document is complete
   *     and its {@link WbxmlEvent.EndDocument} has been returned
   * @throws ProtocolException when the bytes are not ActiveSync WBXML or exceed a limit ({@link
   *     LimitExceededException}); the reader is then failed
   * @throws IllegalStateException when called after a failure
   */
  @Override
  public WbxmlEvent decode(InputBuffer in) throws ProtocolException {
    if (state == State.FAILED) {
      throw new IllegalStateException("the WBXML reader has failed");
    }
    try {
      WbxmlEvent e = next(in);
      lastOffset = in.consumed();
      return e;
    } catch (ProtocolException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private WbxmlEvent next(InputBuffer in) throws ProtocolException {
    while (true) {
      switch (state) {
        case HEADER -> {
          if (!readHeader(in)) {
            return null;
          }
        }
        case STRING_TABLE -> {
          int n = (int) Math.min(remaining, in.readable());
          in.skip(n);
          remaining -= n;
          if (remaining > 0) {
            return null;
          }
          state = State.BODY;
        }
        case BODY -> {
          return body(in);
        }
        case TEXT -> {
          return textChunk(in);
        }
        case OPAQUE -> {
          return opaqueChunk(in);
        }
        case DONE -> {
          state = State.REPORTED;
          return END_DOCUMENT;
        }
        default -> {
          return null;
        }
      }
    }
  }

  private boolean readHeader(InputBuffer in) throws ProtocolException {
    byte[] b = in.array();
    int r = in.readIndex();
    int w = in.writeIndex();
    if (r >= w) {
      return false;
    }
    int v = b[r] & 0xFF;
    if (v < 0x01 || v > 0x03) {
      throw error("unsupported WBXML version 0x" + Integer.toHexString(v), in, r);
    }
    if (!readMb(in, r + 1)) {
      return false;
    }
    long pid = mbValue;
    int i = mbEnd;
    if (pid == 0) {
      // public id given as an index into the string table
      if (!readMb(in, i)) {
        return false;
      }
      i = mbEnd;
    }
    int charsetAt = i;
    if (!readMb(in, i)) {
      return false;
    }
    long cs = mbValue;
    i = mbEnd;
    if (cs != CHARSET_UTF8) {
      throw error("unsupported WBXML charset " + cs + " (only 106, UTF-8)", in, charsetAt);
    }
    int tableAt = i;
    if (!readMb(in, i)) {
      return false;
    }
    long tableLength = mbValue;
    if (tableLength > options.maxStringTableLength()) {
      throw new LimitExceededException("maxStringTableLength", options.maxStringTableLength(),
          in.streamOffset(tableAt), b, tableAt, Math.min(w, tableAt + EXCERPT));
    }
    version = v;
    publicId = pid;
    charset = (int) cs;
    in.skipTo(mbEnd);
    remaining = tableLength;
    state = remaining > 0 ? State.STRING_TABLE : State.BODY;
    return true;
  }

  private WbxmlEvent body(InputBuffer in) throws ProtocolException {
    if (pendingEnd) {
      pendingEnd = false;
      return endTag(pendingPage, pendingToken);
    }
    while (true) {
      byte[] b = in.array();
      int r = in.readIndex();
      int w = in.writeIndex();
      if (r >= w) {
        return null;
      }
      int t = b[r] & 0xFF;
      switch (t) {
        case SWITCH_PAGE -> {
          if (r + 1 >= w) {
            return null;
          }
          int p = b[r + 1] & 0xFF;
          if (p > CodePages.MAX_PAGE) {
            throw error("unknown code page " + p, in, r + 1);
          }
          page = p;
          in.skip(2);
        }
        case END -> {
          if (depth == 0) {
            throw error("END without an open element", in, r);
          }
          depth--;
          int entry = stack[depth];
          in.skip(1);
          return endTag(entry >>> 8, entry & 0xFF);
        }
        case STR_I -> {
          requireOpenElement(in, r, "text");
          return inlineString(in);
        }
        case OPAQUE -> {
          requireOpenElement(in, r, "OPAQUE data");
          if (!readMb(in, r + 1)) {
            return null;
          }
          if (mbValue > options.maxOpaqueLength()) {
            throw new LimitExceededException("maxOpaqueLength", options.maxOpaqueLength(),
                in.streamOffset(r), b, r, Math.min(w, r + EXCERPT));
          }
          remaining = mbValue;
          in.skipTo(mbEnd);
          state = State.OPAQUE;
          return new WbxmlEvent.OpaqueBegin(remaining);
        }
        case ENTITY -> throw error("ENTITY token (not used by ActiveSync)", in, r);
        case LITERAL, 0x44, 0x84, 0xC4 -> throw error("LITERAL token (string table reference)", in, r);
        case 0x40, 0x41, 0x42, 0x80, 0x81, 0x82, 0xC0, 0xC1, 0xC2 ->
            throw error("EXT token 0x" + Integer.toHexString(t) + " (not used by ActiveSync)", in, r);
        case 0x43 -> throw error("processing instruction (not used by ActiveSync)", in, r);
        case 0x83 -> throw error("STR_T token (string table reference)", in, r);
        default -> {
          if ((t & 0x80) != 0) {
            throw error("tag with attributes (not used by ActiveSync)", in, r);
          }
          return startTag(in, r, t);
        }
      }
    }
  }

  private WbxmlEvent startTag(InputBuffer in, int r, int t) throws ProtocolException {
    int token = t & 0x3F;
    Tag tag = CodePages.tag(page, token);
    if (tag == null && options.strict()) {
      throw error("unknown token 0x" + Integer.toHexString(token) + " on code page " + page, in, r);
    }
    if (depth + 1 > options.maxDepth()) {
      throw new LimitExceededException("maxDepth", options.maxDepth(), in.streamOffset(r),
          in.array(), r, Math.min(in.writeIndex(), r + EXCERPT));
    }
    boolean content = (t & 0x40) != 0;
    if (content) {
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, Math.min(options.maxDepth(), stack.length * 2));
      }
      stack[depth++] = (page << 8) | token;
    } else {
      pendingEnd = true;
      pendingPage = page;
      pendingToken = token;
    }
    in.skip(1);
    return new WbxmlEvent.StartTag(page, token, tag, content);
  }

  private WbxmlEvent endTag(int p, int token) {
    if (depth == 0) {
      state = State.DONE;
    }
    return new WbxmlEvent.EndTag(p, token, CodePages.tag(p, token));
  }

  private void requireOpenElement(InputBuffer in, int r, String what) throws ProtocolException {
    if (depth == 0) {
      throw error(what + " outside the root element", in, r);
    }
  }

  private WbxmlEvent inlineString(InputBuffer in) throws ProtocolException {
    byte[] b = in.array();
    int r = in.readIndex();
    int w = in.writeIndex();
    int max = options.maxInlineTextLength();
    int start = r + 1;
    int limit = (int) Math.min(w, (long) start + max + 1);
    int from = start;
    if (scannedTo >= 0) {
      from = (int) Math.max(start, Math.min(limit, scannedTo - in.streamOffset(0)));
    }
    int nul = indexOfNul(b, from, limit);
    if (nul < 0) {
      if (limit - start > max) {
        scannedTo = -1;
        in.skip(1);
        streamed = 0;
        textStart = in.consumed();
        state = State.TEXT;
        return TEXT_BEGIN;
      }
      scannedTo = in.streamOffset(limit);
      return null;
    }
    scannedTo = -1;
    String text = decodeUtf8(in, start, nul);
    in.skipTo(nul + 1);
    return new WbxmlEvent.Text(text);
  }

  private WbxmlEvent textChunk(InputBuffer in) throws ProtocolException {
    byte[] b = in.array();
    int r = in.readIndex();
    int w = in.writeIndex();
    int limit = (int) Math.min(w, (long) r + options.chunkSize());
    int nul = indexOfNul(b, r, limit);
    if (nul == r) {
      in.skip(1);
      state = State.BODY;
      return TEXT_END;
    }
    int end = nul >= 0 ? nul : Utf8.completePrefix(b, r, limit);
    if (end == r) {
      // only the start of a character has arrived (chunkSize >= 4 guarantees limit == w here)
      return null;
    }
    if (streamed + (end - r) > options.maxTextLength()) {
      long over = textStart + options.maxTextLength();
      int at = (int) (over - in.streamOffset(0));
      throw new LimitExceededException("maxTextLength", options.maxTextLength(), over, b, at,
          Math.min(w, at + EXCERPT));
    }
    byte[] chunk;
    int bad = Utf8.firstMalformed(b, r, end);
    if (bad >= 0) {
      if (!options.replaceMalformedUtf8()) {
        throw error("malformed UTF-8 in an inline string", in, bad);
      }
      chunk = new String(b, r, end - r, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    } else {
      chunk = Arrays.copyOfRange(b, r, end);
    }
    streamed += end - r;
    in.skipTo(end);
    return new WbxmlEvent.TextChunk(chunk);
  }

  private WbxmlEvent opaqueChunk(InputBuffer in) {
    if (remaining == 0) {
      state = State.BODY;
      return OPAQUE_END;
    }
    int n = (int) Math.min(Math.min(remaining, in.readable()), options.chunkSize());
    if (n == 0) {
      return null;
    }
    int r = in.readIndex();
    byte[] chunk = Arrays.copyOfRange(in.array(), r, r + n);
    in.skip(n);
    remaining -= n;
    return new WbxmlEvent.OpaqueChunk(chunk);
  }

  private String decodeUtf8(InputBuffer in, int from, int to) throws ProtocolException {
    byte[] b = in.array();
    int bad = Utf8.firstMalformed(b, from, to);
    if (bad >= 0 && !options.replaceMalformedUtf8()) {
      throw error("malformed UTF-8 in an inline string", in, bad);
    }
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Reads an mb_u_int32 starting at array index {@code i}: sets {@link #mbValue} and {@link
   * #mbEnd} and returns {@code true}, or returns {@code false} when more input is needed.
   */
  private boolean readMb(InputBuffer in, int i) throws ProtocolException {
    byte[] b = in.array();
    int w = in.writeIndex();
    long v = 0;
    for (int k = 0; k < 5; k++) {
      if (i + k >= w) {
        return false;
      }
      int c = b[i + k] & 0xFF;
      v = (v << 7) | (c & 0x7F);
      if ((c & 0x80) == 0) {
        if (v > 0xFFFFFFFFL) {
          throw error("mb_u_int32 value over 32 bits", in, i);
        }
        mbValue = v;
        mbEnd = i + k + 1;
        return true;
      }
    }
    throw error("mb_u_int32 longer than 5 bytes", in, i);
  }

  private static int indexOfNul(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static ProtocolException error(String message, InputBuffer in, int at) {
    int to = Math.min(in.writeIndex(), at + EXCERPT);
    return new ProtocolException(message, in.streamOffset(at), in.array(), at, to);
  }
}

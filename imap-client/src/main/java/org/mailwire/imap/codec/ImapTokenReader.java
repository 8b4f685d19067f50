package org.mailwire.imap.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.mailwire.imap.internal.Ascii2;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * The event level of the IMAP codec: walks the server's responses as lexical tokens, each a view
 * (array, offset, length) of the input, without building any model object. It frames the stream
 * like {@link ImapResponseDecoder} (lines, {@code {n}} / {@code ~{n}} literals, the same {@link
 * ImapLimits}) and streams FETCH body sections as {@link Token#BODY_BEGIN} / {@link
 * Token#BODY_BYTES} / {@link Token#BODY_END}, but it does not check the grammar of each response:
 * it is the allocation-free path for callers that pick out a few fields (a header sync reading UIDs,
 * flags and envelopes), and a base for custom parsers.
 *
 * <p>Each response comes out as {@link Token#START} (the tag: {@code *}, {@code +} or the command
 * tag), its values, and {@link Token#END}. After a status word ({@code OK}, {@code NO}, {@code
 * BAD}, {@code BYE}, {@code PREAUTH}) and after {@code +}, the rest is response text: an optional
 * response code between {@link Token#CODE_OPEN} and {@link Token#CODE_CLOSE}, then one {@link
 * Token#TEXT}. A FETCH item name with a section is one {@link Token#ATOM} ({@code
 * BODY[HEADER.FIELDS (DATE FROM)]<0>}); a literal that is the value of {@code BODY[...]}, {@code
 * BINARY[...]} or {@code RFC822*} in a FETCH response is streamed, every other literal is one
 * {@link Token#LITERAL} (under {@link ImapLimits#maxLiteralSize()}).
 *
 * <pre>{@code
 * ImapTokenReader r = new ImapTokenReader(ImapLimits.DEFAULTS);
 * ImapTokenReader.Token t;
 * while (true) {
 *   t = r.next(in);
 *   if (t == null) {                                  // need more bytes
 *     if (in.readFrom(transport) < 0) break;
 *     continue;
 *   }
 *   switch (t) {
 *     case ATOM -> { if (r.is("UID")) wantUid = true; }
 *     case NUMBER -> { if (wantUid) { uid = r.number(); wantUid = false; } }
 *     case QUOTED, LITERAL -> index(r.array(), r.offset(), r.length());   // a view: use it now
 *     case BODY_BYTES -> sink.write(r.array(), r.offset(), r.length());
 *     case ERROR -> log(r.error());                   // the rest of that response is skipped
 *     default -> { }
 *   }
 * }
 * }</pre>
 *
 * <p>Contract ({@link Decoder}): {@link #next} returns the next token, or {@code null} when it
 * needs more input (consuming nothing it cannot finish). Tokens are read from complete line
 * segments: the bytes of a segment are consumed when its last token has been read, a literal's
 * and a body chunk's bytes when they are returned. The
 * view of a token is valid until the next call of {@link #next} or the next write into the buffer;
 * a quoted string with escapes is unescaped into the reader's own scratch array. After steady
 * state, reading tokens allocates nothing; only {@link Token#ERROR} allocates its exception.
 * A quote that no value can end at (one followed by anything but a space, {@code )}, {@code ]} or
 * the end of the line) is taken as part of the quoted string, as the lenient {@link
 * ImapResponseDecoder} does ({@link Deviation.Quirk#UNESCAPED_QUOTE}).
 * Malformed input (a line or literal over the limits, an unterminated quoted string or section,
 * unbalanced parentheses, a control byte in a value, a bad tag) yields {@link Token#ERROR}
 * instead of the rest of the response, which is skipped without buffering; the reader continues
 * with the next response. Not thread-safe: one reader per connection.
 *
 * <p>{@link #read} is the push form of the same stream: it hands every token that the buffered
 * input allows to a {@link Handler}, in one loop, which is 40 to 50 % faster than calling
 * {@link #next} per token (see the module's README for figures).
 *
 * <pre>{@code
 * ImapTokenReader.Handler h = (token, array, offset, length, number) -> {
 *   index.token(token, array, offset, length, number);   // a view: use it now
 *   return token != ImapTokenReader.Token.END;           // false: read returns after this token
 * };
 * while (r.read(in, h) > 0 || in.readFrom(transport) >= 0) {   // 0 tokens: need more bytes
 * }
 * }</pre>
 */
public final class ImapTokenReader implements Decoder<ImapTokenReader.Token> {

  /** The kinds of token. */
  public enum Token {
    /** A response starts; the view is its tag ({@code *}, {@code +} or the command tag). */
    START,
    /** An atom (also a flag such as {@code \Seen}, a sequence set, a FETCH item name with its section). */
    ATOM,
    /** A number of 1 to 18 digits; {@link #number()} is its value, the view its digits. */
    NUMBER,
    /** A quoted string; the view is its content, unescaped. */
    QUOTED,
    /** A literal that is not a streamed body section; the view is its data, {@link #number()} its size. */
    LITERAL,
    /** {@code NIL}. */
    NIL,
    /** {@code (}; {@link #depth()} is the depth inside it. */
    LIST_OPEN,
    /** {@code )}; {@link #depth()} is the depth after it. */
    LIST_CLOSE,
    /** The {@code [} of a response code. */
    CODE_OPEN,
    /** The {@code ]} of a response code. */
    CODE_CLOSE,
    /** The human-readable text of a status response or continuation (may be empty). */
    TEXT,
    /** A streamed body section starts: the previous token was its item name; {@link #number()} is its size. */
    BODY_BEGIN,
    /** Bytes of the body section in progress (a view of the input buffer). */
    BODY_BYTES,
    /** The body section in progress is complete. */
    BODY_END,
    /** The response is complete. */
    END,
    /** The response is malformed or over a limit: {@link #error()}; the rest of it is skipped, no END follows. */
    ERROR
  }

  private static final int FRAME = 0;
  private static final int TOKENS = 1;
  private static final int LITERAL_WAIT = 2;
  private static final int STREAM = 3;
  private static final int SKIP = 4;

  private static final int NORMAL = 0;
  private static final int RESP_TEXT = 1;
  private static final int CODE = 2;
  private static final int TEXT = 3;

  /**
   * Receives the tokens of {@link #read}: the push form of the event level.
   *
   * <p>The arguments are the token and its view; they are valid only during the call (the view
   * is the input buffer's or the reader's scratch array). {@link #depth()} and {@link #error()}
   * of the reader are current during the call; its other view accessors are not (use the
   * arguments).
   */
  @FunctionalInterface
  public interface Handler {
    /**
     * Receives one token.
     *
     * @param token the kind of token
     * @param array the array holding the token's bytes
     * @param offset the index of the token's first byte in {@code array}
     * @param length the number of bytes of the token
     * @param number the value of a {@link Token#NUMBER}, the size of a {@link Token#LITERAL} or
     *     {@link Token#BODY_BEGIN}; otherwise {@code -1}
     * @return {@code true} to go on, {@code false} to make {@link #read} return after this token
     */
    boolean token(Token token, byte[] array, int offset, int length, long number);
  }

  private final ImapLimits limits;
  private final int maxDepth;
  private final int maxItems;

  private int state = FRAME;
  private boolean newResponse = true;
  /** Bytes after the read index already searched for LF while framing. */
  private int scanned;
  /** Tokenizable bytes of the current line segment (before a literal header and the line end), from the read index. */
  private int content;
  /** Bytes of the segment already read as tokens (consumed from the buffer when the segment ends). */
  private int tok;
  /** Bytes of the literal header (if any) and the line end after the content. */
  private int trailer;
  /** The size of the literal announced at the end of the segment, or -1. */
  private long literal;
  /** Literal or body bytes still to deliver. */
  private long remaining;

  // lexical context of the current response
  private int mode;
  private int index;
  private boolean continuation;
  private boolean fetch;
  private boolean sectionAtom;
  private int depth;
  private int codeDepth;
  private long responseBytes;
  private int items;

  // skipping the rest of a malformed response
  private long skipBytes;
  private boolean skipLine;
  private final byte[] tail = new byte[24];
  private int tailLen;

  // the current token
  private byte[] va;
  private int vo;
  private int vl;
  private long num;
  private ProtocolException error;
  private byte[] scratch = new byte[256];

  /** A reader with {@link ImapLimits#DEFAULTS}. */
  public ImapTokenReader() {
    this(ImapLimits.DEFAULTS);
  }

  /**
   * A reader with the given limits.
   *
   * @param limits the limits (line length, literal size, response size, depth, items)
   * @throws NullPointerException if {@code limits} is null
   */
  public ImapTokenReader(ImapLimits limits) {
    this.limits = Objects.requireNonNull(limits);
    this.maxDepth = limits.maxDepth();
    this.maxItems = limits.maxItems();
  }

  /** Returns the limits in force. */
  public ImapLimits limits() {
    return limits;
  }

  /** Same as {@link #next}; never throws (malformed input is a {@link Token#ERROR}). */
  @Override
  public Token decode(InputBuffer in) {
    return next(in);
  }

  /**
   * Reads the next token.
   *
   * @param in the received bytes; whole line segments, literals and body chunks are consumed as
   *     their tokens are read, and nothing of an incomplete line
   * @return the next token, or {@code null} when more input is needed
   */
  public Token next(InputBuffer in) {
    if (state == TOKENS) {
      return token(in);
    }
    while (true) {
      switch (state) {
        case FRAME -> {
          if (!frame(in)) {
            return error != null ? Token.ERROR : null;
          }
        }
        case TOKENS -> {
          return token(in);
        }
        case LITERAL_WAIT -> {
          if (in.readable() < remaining) {
            return null;
          }
          view(in.array(), in.readIndex(), (int) remaining);
          num = remaining;
          in.skip((int) remaining);
          remaining = 0;
          state = FRAME;
          return Token.LITERAL;
        }
        case STREAM -> {
          if (remaining == 0) {
            state = FRAME;
            view(in.array(), in.readIndex(), 0);
            return Token.BODY_END;
          }
          int n = (int) Math.min(in.readable(), remaining);
          if (n == 0) {
            return null;
          }
          view(in.array(), in.readIndex(), n);
          in.skip(n);
          remaining -= n;
          return Token.BODY_BYTES;
        }
        default -> {
          if (!skip(in)) {
            return null;
          }
        }
      }
    }
  }

  /**
   * Reads tokens and hands each to {@code handler}, until the handler returns {@code false} or
   * more input is needed: the same tokens, in the same order and with the same views, as calling
   * {@link #next} until it returns {@code null}, with the same consumption of {@code in}. It is
   * faster than {@link #next} because the common tokens of a line (parentheses, numbers, {@code
   * NIL}, atoms, quoted strings) are read in one loop that keeps its position in a local variable.
   * {@link #read} and {@link #next} may be mixed on one reader.
   *
   * @param in the received bytes, consumed as by {@link #next}
   * @param handler receives each token; during the call it must not write into {@code in} nor
   *     call {@link #next} or {@link #read}
   * @return the number of tokens handed to {@code handler}: 0 when more input is needed before the
   *     next token
   * @throws NullPointerException if {@code handler} is null
   */
  public int read(InputBuffer in, Handler handler) {
    Objects.requireNonNull(handler);
    int count = 0;
    while (true) {
      if (state == TOKENS && mode == NORMAL && index != 0) {
        byte[] b = in.array();
        int base = in.readIndex();
        int end = base + content;
        int p = base + tok;
        while (true) {
          while (p < end && b[p] == ' ') {
            p++;
          }
          if (p >= end) {
            break;
          }
          byte c = b[p];
          Token t;
          int from = p;
          int to;
          long v = -1;
          if (c == '(') {
            if (depth >= maxDepth) {
              break;
            }
            depth++;
            to = ++p;
            t = Token.LIST_OPEN;
            sectionAtom = false;
          } else if (c == ')') {
            if (depth == 0) {
              break;
            }
            depth--;
            to = ++p;
            t = Token.LIST_CLOSE;
            sectionAtom = false;
          } else if (items >= maxItems || c == '{') {
            break;
          } else if (c == '"') {
            int i = Ascii2.indexOfQuoteOrBackslash(b, p + 1, end);
            if (i >= end || b[i] != '"' || !endsValue(b, i + 1, end)) {
              break;
            }
            from = p + 1;
            to = i;
            p = i + 1;
            t = Token.QUOTED;
            items++;
            index++;
            sectionAtom = false;
          } else {
            int i = p;
            int seen = 0;
            int k = 0;
            while (i < end) {
              k = FAST[b[i] & 0xff];
              if ((k & 13) != 0) {
                break;
              }
              seen |= k;
              i++;
            }
            int n = i - p;
            if (n == 0 || (k & 12) != 0) {
              break;
            }
            if (seen == 0 && n <= 18) {
              v = 0;
              for (int d = p; d < i; d++) {
                v = v * 10 + (b[d] - '0');
              }
              t = Token.NUMBER;
              sectionAtom = false;
            } else if (n == 3 && (c | 0x20) == 'n' && (b[p + 1] | 0x20) == 'i' && (b[p + 2] | 0x20) == 'l') {
              t = Token.NIL;
              sectionAtom = false;
            } else if (index < 3) {
              break; // the keywords that change the lexical context: the general path
            } else {
              t = Token.ATOM;
              sectionAtom = fetch && depth == 1 && (c | 0x20) == 'r' && isSectionName(b, p, n);
            }
            to = p = i;
            items++;
            index++;
          }
          count++;
          if (!handler.token(t, b, from, to - from, v)) {
            tok = p - base;
            view(b, from, to - from);
            num = v;
            return count;
          }
        }
        tok = p - base;
      }
      Token t = next(in);
      if (t == null) {
        return count;
      }
      count++;
      if (!handler.token(t, va, vo, vl, num)) {
        return count;
      }
    }
  }

  // ---------------------------------------------------------------------------------- the view

  /** Returns the array holding the current token's bytes (the input buffer's, or the reader's scratch array). */
  public byte[] array() {
    return va;
  }

  /** Returns the index of the current token's first byte in {@link #array()}. */
  public int offset() {
    return vo;
  }

  /** Returns the number of bytes of the current token. */
  public int length() {
    return vl;
  }

  /**
   * Returns the value of a {@link Token#NUMBER}, or the size of a {@link Token#LITERAL} or {@link
   * Token#BODY_BEGIN}; otherwise {@code -1}.
   */
  public long number() {
    return num;
  }

  /** Returns the parenthesis depth after the current token (0 outside lists). */
  public int depth() {
    return depth;
  }

  /** Returns the error of the last {@link Token#ERROR} (stream offset and excerpt), or {@code null}. */
  public ProtocolException error() {
    return error;
  }

  /**
   * Returns whether the current token's bytes equal {@code upperKeyword}, ignoring ASCII case;
   * allocates nothing.
   *
   * @param upperKeyword an upper-case ASCII keyword such as {@code "FETCH"}
   */
  public boolean is(String upperKeyword) {
    int n = upperKeyword.length();
    if (n != vl) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      byte b = va[vo + i];
      if (b >= 'a' && b <= 'z') {
        b -= 32;
      }
      if (b != upperKeyword.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the current token's bytes as a new UTF-8 string (allocates; for convenience and tests). */
  public String string() {
    return va == null ? "" : new String(va, vo, vl, StandardCharsets.UTF_8);
  }

  private void view(byte[] a, int off, int len) {
    va = a;
    vo = off;
    vl = len;
    num = -1;
  }

  // ---------------------------------------------------------------------------------- framing

  /** Frames the next line segment; false when more input is needed or an error is pending. */
  private boolean frame(InputBuffer in) {
    error = null;
    byte[] b = in.array();
    int r = in.readIndex();
    int w = in.writeIndex();
    int limit = (int) Math.min(w, (long) r + limits.maxLineLength());
    int lf = Ascii2.indexOfLf(b, r + scanned, limit);
    if (lf < 0) {
      if (limit - r >= limits.maxLineLength()) {
        scanned = 0;
        fail(new LimitExceededException("maxLineLength", limits.maxLineLength(), in.streamOffset(r), b, r, Math.min(limit, r + 64)));
        startSkip(0, true);
        return false;
      }
      if (r == w) {
        scanned = 0;
      } else {
        scanned = limit - r;
      }
      return false;
    }
    scanned = 0;
    if (newResponse) {
      newResponse = false;
      mode = NORMAL;
      index = 0;
      continuation = false;
      fetch = false;
      sectionAtom = false;
      depth = 0;
      responseBytes = 0;
      items = 0;
    }
    int segLen = lf + 1 - r;
    int contentEnd = lf > r && b[lf - 1] == '\r' ? lf - 1 : lf;
    long lit = -1;
    int hdr = contentEnd;
    if (contentEnd > r && b[contentEnd - 1] == '}') {
      int i = contentEnd - 2;
      if (i >= r && b[i] == '+') {
        i--;
      }
      long v = 0;
      long mul = 1;
      int digits = 0;
      while (i >= r && Ascii2.isDigit(b[i]) && digits < 18) {
        v += (b[i] - '0') * mul;
        mul *= 10;
        digits++;
        i--;
      }
      if (digits > 0 && i >= r && b[i] == '{') {
        lit = v;
        hdr = i > r && b[i - 1] == '~' ? i - 1 : i;
      }
    }
    if (responseBytes + segLen > limits.maxResponseSize()) {
      fail(new LimitExceededException("maxResponseSize", limits.maxResponseSize(), in.streamOffset(r), b, r, Math.min(contentEnd, r + 64)));
      startSkip(segLen + Math.max(0, lit), lit >= 0);
      newResponse = true;
      return false;
    }
    responseBytes += segLen;
    content = hdr - r;
    tok = 0;
    trailer = segLen - content;
    literal = lit;
    state = TOKENS;
    return true;
  }

  // ---------------------------------------------------------------------------------- tokens

  /**
   * Byte classes for values: bit 1 ends an atom, bit 2 ends an atom in a response code, 4 is a
   * control byte, 8 opens a section.
   */
  private static final byte[] CLASS = new byte[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      CLASS[c] = 4;
    }
    CLASS[0x7f] = 4;
    for (char c : new char[] {' ', '(', ')', '"'}) {
      CLASS[c] = 3;
    }
    CLASS[']'] = 2;
    CLASS['['] = 8;
  }

  /**
   * Byte classes of {@link #read}'s loop: 0 a digit, 16 another atom byte, 1 ends an atom; 4 (a
   * control byte) and 8 (a section) are left to the general path.
   */
  private static final byte[] FAST = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      int k = CLASS[c];
      FAST[c] = (byte) (c >= '0' && c <= '9' ? 0 : k == 3 ? 1 : k == 4 || k == 8 ? k : 16);
    }
  }

  private Token token(InputBuffer in) {
    byte[] b = in.array();
    int r = in.readIndex() + tok;
    if (index == 0) {
      return start(in, b, r);
    }
    int end = in.readIndex() + content;
    if (mode == TEXT) {
      view(b, r, end - r);
      consume(in, end - r);
      mode = NORMAL;
      return Token.TEXT;
    }
    int p = r;
    if (mode == RESP_TEXT) {
      if (continuation) {
        if (p < end && b[p] == ' ') {
          p++;
        }
      } else {
        while (p < end && b[p] == ' ') {
          p++;
        }
      }
      if (p < end && b[p] == '[') {
        view(b, p, 1);
        consume(in, p + 1 - r);
        mode = CODE;
        codeDepth = depth;
        return Token.CODE_OPEN;
      }
      consume(in, p - r);
      mode = TEXT;
      return token(in);
    }
    while (p < end && b[p] == ' ') {
      p++;
    }
    if (p == end) {
      consume(in, p - r);
      return segmentEnd(in);
    }
    byte c = b[p];
    if (mode == CODE && c == ']') {
      if (depth != codeDepth) {
        return failRest(in, p, "unbalanced parentheses in a response code");
      }
      view(b, p, 1);
      p++;
      if (p < end && b[p] == ' ') {
        p++;
      }
      consume(in, p - r);
      mode = TEXT;
      return Token.CODE_CLOSE;
    }
    sectionAtom = false;
    if (c == '(') {
      if (++depth > limits.maxDepth()) {
        return failRest(in, p, new LimitExceededException("maxDepth", limits.maxDepth(), in.streamOffset(p), b, p, Math.min(end, p + 32)));
      }
      view(b, p, 1);
      consume(in, p + 1 - r);
      return Token.LIST_OPEN;
    }
    if (c == ')') {
      if (depth == 0 || (mode == CODE && depth == codeDepth)) {
        return failRest(in, p, "unbalanced ')'");
      }
      depth--;
      view(b, p, 1);
      consume(in, p + 1 - r);
      return Token.LIST_CLOSE;
    }
    if (++items > limits.maxItems()) {
      return failRest(in, p, new LimitExceededException("maxItems", limits.maxItems(), in.streamOffset(p), b, p, Math.min(end, p + 32)));
    }
    index++;
    if (c == '"') {
      return quoted(in, b, r, p, end);
    }
    if (c == '{') {
      return failRest(in, p, "a literal header that does not end the line");
    }
    int stop = mode == CODE ? 2 : 1;
    if ((c | 0x20) == 'n' && p + 3 <= end && (b[p + 1] | 0x20) == 'i' && (b[p + 2] | 0x20) == 'l'
        && (p + 3 == end || (CLASS[b[p + 3] & 0xff] & stop) != 0)) {
      view(b, p, 3);
      consume(in, p + 3 - r);
      return Token.NIL;
    }
    int i = p;
    long v = 0;
    while (i < end) {
      byte x = b[i];
      if (x < '0' || x > '9') {
        break;
      }
      v = v * 10 + (x - '0');
      i++;
    }
    if (i > p && i - p <= 18 && (i == end || (CLASS[b[i] & 0xff] & stop) != 0)) {
      view(b, p, i - p);
      consume(in, i - r);
      num = v;
      return Token.NUMBER;
    }
    while (i < end) {
      int k = CLASS[b[i] & 0xff];
      if (k != 0) {
        if ((k & stop) != 0) {
          break;
        }
        if (k == 4) {
          return failRest(in, i, "control byte in a value");
        }
        if (k == 8 && stop == 1) {
          i = Ascii2.indexOfBracketEnd(b, i + 1, end);
          if (i < 0) {
            return failRest(in, p, "section without ']'");
          }
        }
      }
      i++;
    }
    int n = i - p;
    view(b, p, n);
    consume(in, i - r);
    if (n == 3 && is("NIL")) {
      return Token.NIL;
    }
    if (index == 2) {
      if (isStatus()) {
        mode = RESP_TEXT;
      }
    } else if (fetch) {
      sectionAtom = depth == 1 && isSectionName();
    } else if (index == 3 && depth == 0 && is("FETCH")) {
      fetch = true;
    }
    return Token.ATOM;
  }

  private void consume(InputBuffer in, int n) {
    tok += n;
  }

  private Token start(InputBuffer in, byte[] b, int r) {
    int end = in.readIndex() + content;
    int i = r;
    while (i < end && b[i] != ' ') {
      i++;
    }
    int n = i - r;
    if (n == 0) {
      return failRest(in, r, "expected a tag, '*' or '+'");
    }
    boolean star = n == 1 && b[r] == '*';
    boolean plus = n == 1 && b[r] == '+';
    if (!star && !plus) {
      for (int k = r; k < i; k++) {
        if (!Ascii2.isAstringChar(b[k]) || b[k] == '+') {
          return failRest(in, k, "invalid tag");
        }
      }
    }
    view(b, r, n);
    consume(in, n);
    index = 1;
    if (plus) {
      continuation = true;
      mode = RESP_TEXT;
    }
    return Token.START;
  }

  private boolean isStatus() {
    return switch (vl) {
      case 2 -> is("OK") || is("NO");
      case 3 -> is("BAD") || is("BYE");
      case 7 -> is("PREAUTH");
      default -> false;
    };
  }

  private boolean isSectionName() {
    if (vl >= 5 && (va[vo + 4] == '[') && startsWith("BODY")) {
      return true;
    }
    if (vl >= 7 && (va[vo + 6] == '[') && startsWith("BINARY")) {
      return true;
    }
    return is("RFC822") || is("RFC822.HEADER") || is("RFC822.TEXT");
  }

  /** {@link #isSectionName()} of {@code b[p, p + n)}. */
  private boolean isSectionName(byte[] b, int p, int n) {
    view(b, p, n);
    return isSectionName();
  }

  private boolean startsWith(String upper) {
    for (int k = 0; k < upper.length(); k++) {
      byte x = va[vo + k];
      if (x >= 'a' && x <= 'z') {
        x -= 32;
      }
      if (x != upper.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private Token quoted(InputBuffer in, byte[] b, int r, int p, int end) {
    int i = p + 1;
    int escapes = 0;
    while (true) {
      while ((i = Ascii2.indexOfQuoteOrBackslash(b, i, end)) < end && b[i] == '\\') {
        escapes++;
        i += 2;
      }
      if (i >= end) {
        return failRest(in, p, "unterminated quoted string");
      }
      if (endsValue(b, i + 1, end)) {
        break;
      }
      i++; // a quote that no value can end at is content (iCloud, 163: unescaped quotes)
    }
    if (escapes == 0) {
      view(b, p + 1, i - p - 1);
    } else {
      int len = i - p - 1 - escapes;
      if (scratch.length < len) {
        scratch = new byte[Math.max(len, scratch.length * 2)];
      }
      int o = 0;
      for (int k = p + 1; k < i; k++) {
        if (b[k] == '\\') {
          k++;
        }
        scratch[o++] = b[k];
      }
      view(scratch, 0, o);
    }
    consume(in, i + 1 - r);
    return Token.QUOTED;
  }

  /** Whether a value may end before index {@code i}: the segment's content ends, or SP, ')' or ']' follows. */
  private static boolean endsValue(byte[] b, int i, int end) {
    if (i >= end) {
      return true;
    }
    byte f = b[i];
    return f == ' ' || f == ')' || f == ']';
  }

  /** The content of the segment is exhausted: a literal follows, or the response ends. */
  private Token segmentEnd(InputBuffer in) {
    if (mode == CODE) {
      return failRest(in, in.readIndex() + tok, "response code without ']'");
    }
    int r = in.readIndex() + tok;
    if (literal >= 0) {
      long lit = literal;
      boolean body = sectionAtom;
      sectionAtom = false;
      in.skip(tok + trailer);
      tok = content = trailer = 0;
      index++;
      if (body) {
        remaining = lit;
        state = STREAM;
        view(in.array(), in.readIndex(), 0);
        num = lit;
        return Token.BODY_BEGIN;
      }
      if (lit > limits.maxLiteralSize() || responseBytes + lit > limits.maxResponseSize()) {
        boolean tooLong = lit > limits.maxLiteralSize();
        fail(new LimitExceededException(
            tooLong ? "maxLiteralSize" : "maxResponseSize",
            tooLong ? limits.maxLiteralSize() : limits.maxResponseSize(),
            in.streamOffset(in.readIndex()), in.array(), in.readIndex(), in.readIndex()));
        startSkip(lit, true);
        return Token.ERROR;
      }
      responseBytes += lit;
      remaining = lit;
      state = LITERAL_WAIT;
      return next(in);
    }
    ProtocolException unbalanced = depth == 0 ? null
        : new ProtocolException("unbalanced parentheses at the end of the response", in.streamOffset(r), in.array(), Math.max(in.readIndex(), r - 16), r);
    in.skip(tok + trailer);
    tok = content = trailer = 0;
    state = FRAME;
    newResponse = true;
    if (unbalanced != null) {
      fail(unbalanced);
      return Token.ERROR;
    }
    view(in.array(), in.readIndex(), 0);
    return Token.END;
  }

  // ---------------------------------------------------------------------------------- errors

  private void fail(ProtocolException e) {
    error = e;
    va = null;
    vo = vl = 0;
    num = -1;
  }

  /** Reports an error at {@code i} in the current segment and skips the rest of the response. */
  private Token failRest(InputBuffer in, int i, String msg) {
    byte[] b = in.array();
    int r = in.readIndex();
    int from = Math.max(i - 16, r);
    return failRest(in, i, new ProtocolException(msg, in.streamOffset(i), b, Math.min(from, i), Math.max(i, Math.min(i + 32, r + content))));
  }

  private Token failRest(InputBuffer in, int i, ProtocolException e) {
    fail(e);
    startSkip(content + trailer + Math.max(0, literal), literal >= 0);
    newResponse = true;
    return Token.ERROR;
  }

  private void startSkip(long bytes, boolean thenLines) {
    state = SKIP;
    skipBytes = bytes;
    skipLine = thenLines;
    tailLen = 0;
    content = 0;
    tok = 0;
    trailer = 0;
    literal = -1;
  }

  /** Skips the rest of a malformed response; true when done (the next response may start). */
  private boolean skip(InputBuffer in) {
    while (true) {
      if (skipBytes > 0) {
        int n = (int) Math.min(in.readable(), skipBytes);
        if (n == 0) {
          return false;
        }
        in.skip(n);
        skipBytes -= n;
        if (skipBytes > 0) {
          return false;
        }
      }
      if (!skipLine) {
        state = FRAME;
        newResponse = true;
        error = null;
        return true;
      }
      byte[] b = in.array();
      int r = in.readIndex();
      int w = in.writeIndex();
      int lf = -1;
      for (int i = r; i < w; i++) {
        if (b[i] == '\n') {
          lf = i;
          break;
        }
      }
      int stop = lf < 0 ? w : lf;
      for (int i = Math.max(r, stop - tail.length); i < stop; i++) {
        if (tailLen == tail.length) {
          System.arraycopy(tail, 1, tail, 0, tail.length - 1);
          tailLen--;
        }
        tail[tailLen++] = b[i];
      }
      in.skipTo(lf < 0 ? w : lf + 1);
      if (lf < 0) {
        return false;
      }
      int te = tailLen;
      if (te > 0 && tail[te - 1] == '\r') {
        te--;
      }
      long lit = literalAtEnd(tail, te);
      tailLen = 0;
      if (lit >= 0) {
        skipBytes = lit;
      } else {
        skipLine = false;
      }
    }
  }

  private static long literalAtEnd(byte[] t, int end) {
    int i = end - 1;
    if (i < 0 || t[i] != '}') {
      return -1;
    }
    i--;
    if (i >= 0 && t[i] == '+') {
      i--;
    }
    long v = 0;
    long mul = 1;
    int digits = 0;
    while (i >= 0 && Ascii2.isDigit(t[i]) && digits < 18) {
      v += (t[i] - '0') * mul;
      mul *= 10;
      digits++;
      i--;
    }
    return digits > 0 && i >= 0 && t[i] == '{' ? v : -1;
  }
}

package org.mailwire.imap.codec;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;
import org.mailwire.imap.internal.Ascii2;
import org.mailwire.imap.internal.ResponseParser;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * The sans-I/O IMAP response decoder: bytes from the server in, {@link ImapEvent}s out.
 *
 * <p>It frames the stream first (lines and {@code {n}} / {@code ~{n}} literals, under {@link
 * ImapLimits}), then parses each complete response with the RFC 9051 / RFC 3501 grammar and the
 * supported extensions. Body sections of FETCH responses are never buffered: they come out as
 * {@link ImapEvent.BodyBegin} / {@link ImapEvent.BodyBytes} (views of the input buffer) / {@link
 * ImapEvent.BodyEnd} as the bytes arrive, followed by the complete {@link UntaggedData.Fetch}.
 *
 * <p>Contract ({@link Decoder}): {@link #decode} returns the next event, consuming exactly its
 * bytes, or {@code null} when it needs more input; a response is parsed in place in the {@link
 * InputBuffer}, so the buffer must be able to hold {@link ImapLimits#maxResponseSize()} bytes. A
 * response that does not parse, or that exceeds a limit, becomes an {@link ImapEvent.ResponseError}
 * holding a {@link ProtocolException} and the first raw bytes; the decoder skips the rest of that
 * response (without buffering it) and continues with the next. Nothing is dropped silently.
 * {@code decode} itself throws only if the decoder is misused after a fatal error (it has none
 * today: every malformed response is reported as an event).
 *
 * <p>Lenient mode (the default) tolerates the deviations listed in {@link Deviation.Quirk}, each
 * reported to the deviation listener; strict mode turns each into a {@link
 * ImapEvent.ResponseError}.
 *
 * <pre>{@code
 * ImapResponseDecoder decoder = ImapResponseDecoder.builder().build();
 * InputBuffer in = new InputBuffer(16384, ImapLimits.DEFAULTS.maxResponseSize() + 65536);
 * while (true) {
 *   ImapEvent e = decoder.decode(in);
 *   if (e == null) {                       // need more input
 *     if (in.readFrom(transport) < 0) break;
 *     continue;
 *   }
 *   switch (e) {
 *     case ImapEvent.BodyBytes b -> out.write(b.array(), b.offset(), b.length());
 *     case Response.Tagged t -> ...;
 *     default -> ...;
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class ImapResponseDecoder implements Decoder<ImapEvent> {
  private final ImapLimits limits;
  private final boolean strict;
  private final Consumer<Deviation> deviations;
  private final ResponseParser parser;
  private final ArrayDeque<ImapEvent> pending = new ArrayDeque<>();
  private boolean greetingExpected;

  // framing of the current response (offsets relative to in.readIndex())
  private int scan;
  private int segScan;
  private int awaitLiteralEnd;
  private boolean firstSegmentSeen;
  private boolean isFetch;
  private long fetchSeq;
  private String tag;
  private long responseStart = -1;
  private long responseBytes;
  /** Body bytes streamed in the current response: counted in an error's raw length, not against maxResponseSize. */
  private long streamedBytes;
  private ProtocolException framingError;

  // responses with streamed bodies are assembled here, minus the body bytes
  private byte[] asm = new byte[0];
  private int asmLen;
  private boolean assembling;
  private int[] streamedPos = new int[4];
  private long[] streamedSize = new long[4];
  private int nStreamed;

  // streaming
  private boolean streaming;
  private long bodyRemaining;
  private BodySection bodySection;

  // discarding an over-limit response
  private boolean discarding;
  private long discardSkip;
  private ProtocolException discardError;
  private byte[] discardRaw;
  private int discardRawLen;
  private final byte[] tail = new byte[24];
  private int tailLen;

  private ImapResponseDecoder(Builder b) {
    this.limits = b.limits;
    this.strict = b.strict;
    this.deviations = b.deviations;
    this.greetingExpected = b.expectGreeting;
    this.parser = new ResponseParser(limits, strict, deviations);
  }

  /** A builder with the defaults: {@link ImapLimits#DEFAULTS}, lenient, greeting expected. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of {@link ImapResponseDecoder}. */
  public static final class Builder {
    private ImapLimits limits = ImapLimits.DEFAULTS;
    private boolean strict;
    private Consumer<Deviation> deviations;
    private boolean expectGreeting = true;

    private Builder() {}

    /** Sets the limits (default {@link ImapLimits#DEFAULTS}); returns this builder. */
    public Builder limits(ImapLimits limits) {
      this.limits = java.util.Objects.requireNonNull(limits);
      return this;
    }

    /** Strict mode: every deviation from the grammar is a {@link ImapEvent.ResponseError}; returns this builder. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Receives each tolerated deviation (lenient mode); returns this builder. */
    public Builder deviationListener(Consumer<Deviation> listener) {
      this.deviations = listener;
      return this;
    }

    /**
     * Whether the first response is the server greeting (default true); false for a decoder that
     * starts mid-connection. Returns this builder.
     */
    public Builder expectGreeting(boolean expect) {
      this.expectGreeting = expect;
      return this;
    }

    /** The decoder. */
    public ImapResponseDecoder build() {
      return new ImapResponseDecoder(this);
    }
  }

  /** Tells the decoder that UTF8=ACCEPT is enabled: raw UTF-8 mailbox names are then no deviation. */
  public void utf8Accepted(boolean on) {
    parser.utf8Accepted(on);
  }

  /** The limits in force. */
  public ImapLimits limits() {
    return limits;
  }

  /** Whether this decoder is strict. */
  public boolean isStrict() {
    return strict;
  }

  /**
   * Decodes the next event.
   *
   * @param in the received bytes; only what the returned event covers is consumed
   * @return the next event, or {@code null} when more input is needed
   * @throws ProtocolException never for malformed server data (that is an {@link
   *     ImapEvent.ResponseError}); declared by {@link Decoder}
   */
  @Override
  public ImapEvent decode(InputBuffer in) throws ProtocolException {
    if (!pending.isEmpty()) {
      return pending.poll();
    }
    while (true) {
      if (discarding) {
        return discardStep(in);
      }
      if (streaming) {
        if (bodyRemaining == 0) {
          streaming = false;
          return new ImapEvent.BodyEnd(fetchSeq, bodySection);
        }
        int n = (int) Math.min(in.readable(), bodyRemaining);
        if (n == 0) {
          return null;
        }
        ImapEvent.BodyBytes ev = new ImapEvent.BodyBytes(in.array(), in.readIndex(), n);
        in.skip(n);
        bodyRemaining -= n;
        streamedBytes += n;
        return ev;
      }
      ImapEvent e = frame(in);
      if (e != null) {
        return e;
      }
      if (!discarding && !streaming) {
        return null;
      }
    }
  }

  private static final ImapEvent AGAIN = new ImapEvent.BodyEnd(-1, null);

  /** Frames segments until an event, or null when more input is needed (or a mode changed). */
  private ImapEvent frame(InputBuffer in) throws ProtocolException {
    ImapEvent e;
    while ((e = frameSegment(in)) == AGAIN) {
      // next segment after an inline literal
    }
    return e;
  }

  private ImapEvent frameSegment(InputBuffer in) throws ProtocolException {
    byte[] buf = in.array();
    int rs = in.readIndex();
    int w = in.writeIndex();
    if (responseStart < 0) {
      responseStart = in.streamOffset(rs);
    }
    if (awaitLiteralEnd > 0) {
      if (w - rs < awaitLiteralEnd) {
        return null;
      }
      scan = segScan = awaitLiteralEnd;
      awaitLiteralEnd = 0;
    }
    int segStart = rs + scan;
    if (segStart >= w) {
      return null;
    }
    int from = Math.max(segStart, rs + segScan);
    int limit = (int) Math.min(w, (long) segStart + limits.maxLineLength());
    int lf = Ascii2.indexOfLf(buf, from, limit);
    if (lf < 0) {
      if (limit - segStart >= limits.maxLineLength()) {
        startDiscard(
            in,
            new LimitExceededException(
                "maxLineLength", limits.maxLineLength(), in.streamOffset(segStart), buf, segStart,
                Math.min(limit, segStart + 64)),
            limit,
            0);
        return null;
      }
      segScan = limit - rs;
      return null;
    }
    int segLen = lf + 1 - segStart;
    if (!firstSegmentSeen) {
      firstSegmentSeen = true;
      inspectFirstSegment(buf, segStart, lf);
    }
    int lineEnd = lf;
    if (lf > segStart && buf[lf - 1] == '\r') {
      lineEnd = lf - 1;
    } else if (framingError == null) {
      if (strict) {
        framingError = new ProtocolException("line ends with a bare LF", in.streamOffset(lf), buf, Math.max(segStart, lf - 32), lf + 1);
      } else if (deviations != null) {
        deviations.accept(new Deviation(Deviation.Quirk.BARE_LF, in.streamOffset(lf), Ascii2.excerpt(buf, Math.max(segStart, lf - 32), lf + 1)));
      }
    }
    if (responseBytes + scan + segLen > limits.maxResponseSize()) {
      startDiscard(
          in,
          new LimitExceededException("maxResponseSize", limits.maxResponseSize(), in.streamOffset(segStart), buf, segStart, Math.min(lf, segStart + 64)),
          lf + 1,
          literalSize(buf, segStart, lineEnd));
      return null;
    }
    long lit = literalSize(buf, segStart, lineEnd);
    if (lit < 0) {
      return complete(in, lf + 1);
    }
    int brace = braceIndex(buf, segStart, lineEnd);
    BodySection section = isFetch ? ResponseParser.sectionBefore(buf, segStart, brace) : null;
    if (section != null) {
      appendToAsm(buf, rs, lf + 1);
      recordStreamed(asmLen - (lf + 1 - brace), lit);
      responseBytes += lf + 1 - rs;
      in.skipTo(lf + 1);
      assembling = true;
      scan = segScan = 0;
      streaming = true;
      bodyRemaining = lit;
      bodySection = section;
      return new ImapEvent.BodyBegin(fetchSeq, section, lit);
    }
    if (lit > limits.maxLiteralSize()
        || responseBytes + scan + segLen + lit > limits.maxResponseSize()) {
      String name = lit > limits.maxLiteralSize() ? "maxLiteralSize" : "maxResponseSize";
      long lim = lit > limits.maxLiteralSize() ? limits.maxLiteralSize() : limits.maxResponseSize();
      startDiscard(in, new LimitExceededException(name, lim, in.streamOffset(brace), buf, brace, lineEnd), lf + 1, lit);
      return null;
    }
    int litEnd = lf + 1 - rs + (int) lit;
    if (w - rs < litEnd) {
      awaitLiteralEnd = litEnd;
      scan = segScan = lf + 1 - rs;
      return null;
    }
    scan = segScan = litEnd;
    return AGAIN;
  }

  private void inspectFirstSegment(byte[] buf, int s, int lf) {
    int i = s;
    while (i < lf && i - s < 64 && buf[i] != ' ' && buf[i] != '\r') {
      i++;
    }
    if (i - s == 1 && (buf[s] == '*' || buf[s] == '+')) {
      tag = buf[s] == '*' ? "*" : "+";
    } else {
      tag = new String(buf, s, i - s, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    if (i - s == 1 && buf[s] == '*' && i < lf) {
      int j = i + 1;
      long n = 0;
      int ds = j;
      while (j < lf && Ascii2.isDigit(buf[j]) && j - ds < 18) {
        n = n * 10 + (buf[j] - '0');
        j++;
      }
      if (j > ds && j + 6 <= lf && buf[j] == ' '
          && (buf[j + 1] | 0x20) == 'f' && (buf[j + 2] | 0x20) == 'e' && (buf[j + 3] | 0x20) == 't'
          && (buf[j + 4] | 0x20) == 'c' && (buf[j + 5] | 0x20) == 'h') {
        isFetch = true;
        fetchSeq = n;
      }
    }
  }

  /** The size of the literal whose header ends the line ({@code {n}}, {@code {n+}}, {@code ~{n}}), or -1. */
  private static long literalSize(byte[] buf, int segStart, int lineEnd) {
    int i = lineEnd - 1;
    if (i <= segStart || buf[i] != '}') {
      return -1;
    }
    i--;
    if (buf[i] == '+') {
      i--;
    }
    long v = 0;
    long mul = 1;
    int digits = 0;
    while (i >= segStart && Ascii2.isDigit(buf[i])) {
      if (++digits > 18) {
        return -1;
      }
      v += (buf[i] - '0') * mul;
      mul *= 10;
      i--;
    }
    if (digits == 0 || i < segStart || buf[i] != '{') {
      return -1;
    }
    return v;
  }

  private static int braceIndex(byte[] buf, int segStart, int lineEnd) {
    int i = lineEnd - 1;
    while (i >= segStart && buf[i] != '{') {
      i--;
    }
    return i;
  }

  private void appendToAsm(byte[] buf, int from, int to) {
    int n = to - from;
    if (asmLen + n > asm.length) {
      asm = Arrays.copyOf(asm, Math.max(asmLen + n, Math.max(256, asm.length * 2)));
    }
    System.arraycopy(buf, from, asm, asmLen, n);
    asmLen += n;
  }

  private void recordStreamed(int brace, long size) {
    if (nStreamed == streamedPos.length) {
      streamedPos = Arrays.copyOf(streamedPos, nStreamed * 2);
      streamedSize = Arrays.copyOf(streamedSize, nStreamed * 2);
    }
    streamedPos[nStreamed] = brace;
    streamedSize[nStreamed] = size;
    nStreamed++;
  }

  /** The response ends at array index {@code end}: parse it, consume it, reset. */
  private ImapEvent complete(InputBuffer in, int end) {
    byte[] buf = in.array();
    int rs = in.readIndex();
    boolean greeting = greetingExpected;
    greetingExpected = false;
    ImapEvent result;
    byte[] src;
    int from;
    int to;
    if (assembling) {
      appendToAsm(buf, rs, end);
      src = asm;
      from = 0;
      to = asmLen;
    } else {
      src = buf;
      from = rs;
      to = end;
    }
    long total = responseBytes + streamedBytes + (end - rs);
    if (framingError != null) {
      result = error(framingError, src, from, to, total);
    } else {
      try {
        result = parser.parse(src, from, to, responseStart, streamedPos, streamedSize, nStreamed, greeting);
        if (!parser.inlineBodies().isEmpty()) {
          pending.addAll(parser.inlineBodies());
          pending.add(result);
          result = pending.poll();
        }
      } catch (ProtocolException e) {
        result = error(e, src, from, to, total);
      }
    }
    in.skipTo(end);
    reset();
    return result;
  }

  private ImapEvent.ResponseError error(ProtocolException e, byte[] src, int from, int to, long total) {
    int n = Math.min(to - from, limits.maxErrorBytes());
    return new ImapEvent.ResponseError(tagOrNull(), e, Arrays.copyOfRange(src, from, from + n), total);
  }

  private String tagOrNull() {
    return tag == null || tag.isEmpty() ? null : tag;
  }

  private void reset() {
    scan = segScan = awaitLiteralEnd = 0;
    firstSegmentSeen = false;
    isFetch = false;
    fetchSeq = 0;
    tag = null;
    responseStart = -1;
    responseBytes = 0;
    streamedBytes = 0;
    framingError = null;
    assembling = false;
    asmLen = 0;
    nStreamed = 0;
    if (asm.length > 1 << 16) {
      asm = new byte[0];
    }
  }

  /**
   * Switches to discarding the rest of the current response: keeps the first bytes for the error,
   * consumes everything framed so far up to {@code upTo}, then skips {@code literal} bytes and
   * further lines until a line without a literal ends the response.
   */
  private void startDiscard(InputBuffer in, ProtocolException e, int upTo, long literal) {
    byte[] buf = in.array();
    int rs = in.readIndex();
    discarding = true;
    discardError = e;
    discardRaw = new byte[limits.maxErrorBytes()];
    discardRawLen = 0;
    if (assembling) {
      keepRaw(asm, 0, asmLen);
    }
    keepRaw(buf, rs, upTo);
    responseBytes += upTo - rs;
    tailLen = 0;
    boolean lineDone = upTo > rs && buf[upTo - 1] == '\n';
    if (!lineDone) {
      keepTail(buf, Math.max(rs, upTo - tail.length), upTo);
    }
    in.skipTo(upTo);
    discardSkip = lineDone ? Math.max(0, literal) : 0;
    discardLineOpen = !lineDone || literal == 0;
    awaitLiteralEnd = 0;
  }

  private boolean discardLineOpen;

  private void keepRaw(byte[] b, int from, int to) {
    int n = Math.min(to - from, discardRaw.length - discardRawLen);
    if (n > 0) {
      System.arraycopy(b, from, discardRaw, discardRawLen, n);
      discardRawLen += n;
    }
  }

  private void keepTail(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (tailLen == tail.length) {
        System.arraycopy(tail, 1, tail, 0, tail.length - 1);
        tailLen--;
      }
      tail[tailLen++] = b[i];
    }
  }

  private ImapEvent discardStep(InputBuffer in) {
    while (true) {
      byte[] buf = in.array();
      int rs = in.readIndex();
      int w = in.writeIndex();
      if (discardSkip > 0) {
        int n = (int) Math.min(discardSkip, w - rs);
        if (n == 0) {
          return null;
        }
        keepRaw(buf, rs, rs + n);
        in.skip(n);
        responseBytes += n;
        discardSkip -= n;
        if (discardSkip > 0) {
          return null;
        }
        discardLineOpen = true;
        tailLen = 0;
        continue;
      }
      if (!discardLineOpen) {
        return finishDiscard(in);
      }
      int lf = -1;
      for (int i = rs; i < w; i++) {
        if (buf[i] == '\n') {
          lf = i;
          break;
        }
      }
      int upTo = lf < 0 ? w : lf + 1;
      if (upTo == rs) {
        return null;
      }
      keepRaw(buf, rs, upTo);
      keepTail(buf, rs, lf < 0 ? w : lf);
      in.skipTo(upTo);
      responseBytes += upTo - rs;
      if (lf < 0) {
        return null;
      }
      int te = tailLen;
      if (te > 0 && tail[te - 1] == '\r') {
        te--;
      }
      long lit = literalSize(tail, 0, te);
      tailLen = 0;
      if (lit >= 0) {
        discardSkip = lit;
        discardLineOpen = false;
        if (lit == 0) {
          discardLineOpen = true;
        }
        continue;
      }
      return finishDiscard(in);
    }
  }

  private ImapEvent finishDiscard(InputBuffer in) {
    ImapEvent.ResponseError r =
        new ImapEvent.ResponseError(
            tagOrNull(), discardError, Arrays.copyOf(discardRaw, discardRawLen), responseBytes + streamedBytes);
    discarding = false;
    discardLineOpen = false;
    discardRaw = null;
    greetingExpected = false;
    reset();
    return r;
  }
}

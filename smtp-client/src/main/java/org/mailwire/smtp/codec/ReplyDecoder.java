package org.mailwire.smtp.codec;

import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * The incremental SMTP/LMTP reply decoder (RFC 5321 §4.2): frames one complete reply, single-line
 * ({@code 250 OK}) or multi-line ({@code 250-...} lines up to a {@code 250 ...} line), checks the
 * three-digit code on every line without allocating, and finds RFC 3463 enhanced status codes.
 *
 * <p>Contract (as every mailwire {@link Decoder}): a call either decodes one whole reply and
 * consumes exactly its bytes, or returns "need more input" ({@code null} / {@code false}) and
 * consumes nothing; bytes after the reply stay in the buffer. Lines already checked are
 * remembered between calls, so a reply fed one byte at a time is scanned once. Lines may end in
 * CRLF or a bare LF.
 *
 * <p>Errors: {@link ProtocolException} for a line that is not a reply line (too short, no code,
 * first digit not 2..5, a separator other than {@code ' '} or {@code '-'}) and for a code that
 * changes inside a multi-line reply; {@link LimitExceededException} when a line, the whole reply
 * or the number of lines exceeds {@link Limits}, raised as soon as the limit is passed (so memory
 * stays bounded). After an exception the decoder is failed and throws {@link
 * IllegalStateException}; the connection must be closed.
 *
 * <pre>{@code
 * ReplyDecoder dec = new ReplyDecoder();
 * ReplyView v = new ReplyView();
 * while (!dec.decode(in, v)) {
 *   if (in.readFrom(transport) < 0) throw new ConnectionClosedException("reply", in.consumed());
 * }
 * }</pre>
 */
public final class ReplyDecoder implements Decoder<Reply> {

  /**
   * Limits of the decoder, each checked before more memory is used.
   *
   * @param maxLineLength the longest reply line, line end included (RFC 5321 §4.5.3.1.5 asks for
   *     512; servers send longer ones)
   * @param maxReplyLength the most bytes of one whole (multi-line) reply
   * @param maxLines the most lines in one reply
   */
  public record Limits(int maxLineLength, int maxReplyLength, int maxLines) {
    /** Default line limit: 4096 bytes. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    /** Default reply limit: 64 KiB. */
    public static final int DEFAULT_MAX_REPLY_LENGTH = 64 * 1024;
    /** Default line count limit: 512. */
    public static final int DEFAULT_MAX_LINES = 512;

    /**
     * @throws IllegalArgumentException when a limit is too small to hold any reply, or the line
     *     limit is larger than the reply limit
     */
    public Limits {
      if (maxLineLength < 8 || maxReplyLength < maxLineLength || maxLines < 1) {
        throw new IllegalArgumentException(
            "need maxLineLength >= 8, maxReplyLength >= maxLineLength, maxLines >= 1");
      }
    }

    /** 4096-byte lines, 64 KiB replies, 512 lines. */
    public static Limits defaults() {
      return new Limits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_REPLY_LENGTH, DEFAULT_MAX_LINES);
    }
  }

  private final Limits limits;
  private final ReplyView own = new ReplyView();

  // Progress through the reply being framed, relative to its first byte.
  private InputBuffer owner;
  private long replyOffset = -1;
  private int nextLine;
  private int lines;
  private int code;
  private int enhClass;
  private int enhSubject;
  private int enhDetail;
  private int[] relStart = new int[8];
  private int[] relEnd = new int[8];
  private boolean failed;

  /** A decoder with {@link Limits#defaults()}. */
  public ReplyDecoder() {
    this(Limits.defaults());
  }

  /** A decoder with the given limits. */
  public ReplyDecoder(Limits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  /** The limits in force. */
  public Limits limits() {
    return limits;
  }

  /**
   * Decodes the next reply into an immutable {@link Reply}.
   *
   * @return the reply, or {@code null} when it has not fully arrived (nothing consumed)
   * @throws ProtocolException when the bytes are not a valid reply or exceed a limit
   */
  @Override
  public Reply decode(InputBuffer in) throws ProtocolException {
    return decode(in, own) ? own.toReply() : null;
  }

  /**
   * Decodes the next reply into {@code into} without allocating (beyond growing {@code into}'s
   * line arrays for unusually long replies).
   *
   * @return {@code true} when a whole reply was decoded and consumed; {@code false} when more
   *     input is needed (nothing consumed, {@code into} unchanged)
   * @throws ProtocolException when the bytes are not a valid reply or exceed a limit
   */
  public boolean decode(InputBuffer in, ReplyView into) throws ProtocolException {
    if (failed) {
      throw new IllegalStateException("the reply decoder failed earlier; close the connection");
    }
    long at = in.consumed();
    if (owner != in || replyOffset != at) {
      owner = in;
      replyOffset = at;
      nextLine = 0;
      lines = 0;
      enhClass = 0;
    }
    try {
      return frame(in, into);
    } catch (ProtocolException e) {
      failed = true;
      throw e;
    }
  }

  private boolean frame(InputBuffer in, ReplyView into) throws ProtocolException {
    final byte[] a = in.array();
    final int base = in.readIndex();
    final int w = in.writeIndex();
    final int maxLine = limits.maxLineLength;
    final int maxReply = limits.maxReplyLength;
    while (true) {
      int p = base + nextLine;
      int limit = (int) Math.min(w, (long) p + maxLine);
      int lf = Ascii.indexOf(a, p, limit, (byte) '\n');
      if (lf < 0) {
        if (limit - p >= maxLine) {
          throw new LimitExceededException(
              "maxLineLength", maxLine, in.streamOffset(p), a, p, limit);
        }
        if (w - base > maxReply) {
          throw new LimitExceededException(
              "maxReplyLength", maxReply, in.streamOffset(base), a, base, w);
        }
        return false;
      }
      if (lf + 1 - base > maxReply) {
        throw new LimitExceededException(
            "maxReplyLength", maxReply, in.streamOffset(base), a, base, lf + 1);
      }
      int ce = (lf > p && a[lf - 1] == '\r') ? lf - 1 : lf;
      if (ce - p < 3) {
        throw bad("reply line too short", in, p, lf + 1);
      }
      byte d1 = a[p];
      byte d2 = a[p + 1];
      byte d3 = a[p + 2];
      if (d1 < '2' || d1 > '5' || d2 < '0' || d2 > '9' || d3 < '0' || d3 > '9') {
        throw bad("expected a reply code 200..599", in, p, lf + 1);
      }
      int c = (d1 - '0') * 100 + (d2 - '0') * 10 + (d3 - '0');
      if (lines == 0) {
        code = c;
      } else if (c != code) {
        throw bad(
            "reply code changed from " + code + " to " + c + " within a multi-line reply",
            in,
            p,
            lf + 1);
      }
      boolean last;
      int ts;
      if (ce - p == 3) {
        last = true;
        ts = ce;
      } else {
        byte sep = a[p + 3];
        if (sep == ' ') {
          last = true;
        } else if (sep == '-') {
          last = false;
        } else {
          throw bad("expected ' ' or '-' after the reply code", in, p, lf + 1);
        }
        ts = p + 4;
      }
      if (ts < ce && a[ts] == d1 && (lines == 0 || enhClass != 0)) {
        int e = EnhancedStatus.scan(a, ts, ce);
        if (e > 0) {
          if (lines == 0) {
            recordEnhanced(a, ts, e);
          }
          ts = e < ce ? e + 1 : e;
        }
      }
      if (lines >= limits.maxLines) {
        throw new LimitExceededException(
            "maxReplyLines", limits.maxLines, in.streamOffset(p), a, p, lf + 1);
      }
      if (lines == relStart.length) {
        relStart = java.util.Arrays.copyOf(relStart, lines * 2);
        relEnd = java.util.Arrays.copyOf(relEnd, lines * 2);
      }
      relStart[lines] = ts - base;
      relEnd[lines] = ce - base;
      lines++;
      nextLine = lf + 1 - base;
      if (last) {
        into.array = a;
        into.start = base;
        into.end = lf + 1;
        into.code = code;
        into.enhancedClass = enhClass;
        into.enhancedSubject = enhSubject;
        into.enhancedDetail = enhDetail;
        into.ensureLines(lines);
        for (int i = 0; i < lines; i++) {
          into.textStart[i] = base + relStart[i];
          into.textEnd[i] = base + relEnd[i];
        }
        into.lineCount = lines;
        replyOffset = -1;
        in.skip(nextLine);
        return true;
      }
    }
  }

  private void recordEnhanced(byte[] a, int from, int to) {
    enhClass = a[from] - '0';
    int i = from + 2;
    int s = 0;
    while (a[i] != '.') {
      s = s * 10 + (a[i++] - '0');
    }
    i++;
    int d = 0;
    while (i < to) {
      d = d * 10 + (a[i++] - '0');
    }
    enhSubject = s;
    enhDetail = d;
  }

  private static ProtocolException bad(String what, InputBuffer in, int from, int to) {
    return new ProtocolException(what, in.streamOffset(from), in.array(), from, to);
  }
}

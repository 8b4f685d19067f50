package org.mailwire.smtp.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The streaming message encoder for DATA (RFC 5321 §4.5.2 transparency: a {@code '.'} starting a
 * line is doubled, and the content ends with {@code CRLF.CRLF}) and for BDAT chunks (RFC 3030: no
 * dot-stuffing, no terminator). Bare CR and LF are handled as the caller's {@link LineEndings}
 * says. It works chunk by chunk on caller-owned arrays and keeps only a few bits of state between
 * chunks, so a message of any size streams through in constant memory.
 *
 * <pre>{@code
 * DataEncoder enc = DataEncoder.forData(LineEndings.CONVERT_TO_CRLF);
 * byte[] in = new byte[8192];
 * byte[] out = new byte[DataEncoder.maxEncodedLength(in.length)];
 * for (int n; (n = message.read(in)) > 0; ) {
 *   transport.write(out, 0, enc.encode(in, 0, n, out, 0));
 * }
 * transport.write(out, 0, enc.finish(out, 0));   // CRLF if needed, then ".\r\n"
 * }</pre>
 */
public final class DataEncoder {
  private final LineEndings lineEndings;
  private final boolean dotStuffing;
  private boolean lineStart = true;
  private boolean endsWithCrlf = true;
  private boolean pendingCr;
  private boolean finished;
  private long consumed;
  private long produced;

  private DataEncoder(LineEndings lineEndings, boolean dotStuffing) {
    this.lineEndings = Objects.requireNonNull(lineEndings, "lineEndings");
    this.dotStuffing = dotStuffing;
  }

  /** An encoder for DATA content: dot-stuffing and the {@code .CRLF} terminator. */
  public static DataEncoder forData(LineEndings lineEndings) {
    return new DataEncoder(lineEndings, true);
  }

  /** An encoder for BDAT content: line endings only, no dot-stuffing, no terminator. */
  public static DataEncoder forBdat(LineEndings lineEndings) {
    return new DataEncoder(lineEndings, false);
  }

  /**
   * The most bytes {@link #encode} can write for {@code inputLength} input bytes, and enough for
   * {@link #finish} too: {@code 2 * inputLength + 5}.
   */
  public static int maxEncodedLength(int inputLength) {
    return Math.addExact(Math.multiplyExact(2, inputLength), 5);
  }

  /** The policy for bare CR and LF. */
  public LineEndings lineEndings() {
    return lineEndings;
  }

  /** Message bytes consumed so far. */
  public long consumed() {
    return consumed;
  }

  /** Encoded bytes produced so far (the terminator included once finished). */
  public long produced() {
    return produced;
  }

  /**
   * Encodes {@code src[off, off + len)} into {@code dst} from {@code dstOff}. A CR at the end of
   * the input is written at once; whether it was bare is decided by the next byte.
   *
   * @return the number of bytes written; at most {@link #maxEncodedLength maxEncodedLength(len)}
   * @throws IllegalArgumentException with {@link LineEndings#REJECT}, at the first bare CR or LF
   *     (the message offset in the text); the encoder is then unusable
   * @throws IllegalStateException after {@link #finish}
   * @throws IndexOutOfBoundsException when {@code dst} has less room than {@link
   *     #maxEncodedLength}
   */
  public int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    if (finished) {
      throw new IllegalStateException("encoder already finished");
    }
    Objects.checkFromIndexSize(off, len, src.length);
    if (dst.length - dstOff < maxEncodedLength(len)) {
      throw new IndexOutOfBoundsException("dst needs room for " + maxEncodedLength(len) + " bytes");
    }
    final int end = off + len;
    int i = off;
    int o = dstOff;
    while (i < end) {
      byte b = src[i];
      if (pendingCr) {
        pendingCr = false;
        if (b == '\n') {
          dst[o++] = '\n';
          lineStart = true;
          endsWithCrlf = true;
          i++;
          continue;
        }
        switch (lineEndings) {
          case CONVERT_TO_CRLF -> {
            dst[o++] = '\n';
            endsWithCrlf = true;
          }
          case REJECT -> throw bare("CR", consumed + (i - off) - 1);
          case PASS_THROUGH -> endsWithCrlf = false;
        }
        lineStart = true;
        // fall through to process b at a line start
      }
      if (b == '\r') {
        dst[o++] = '\r';
        pendingCr = true;
        lineStart = false;
        endsWithCrlf = false;
        i++;
      } else if (b == '\n') {
        switch (lineEndings) {
          case CONVERT_TO_CRLF -> {
            dst[o++] = '\r';
            dst[o++] = '\n';
            endsWithCrlf = true;
          }
          case REJECT -> throw bare("LF", consumed + (i - off));
          case PASS_THROUGH -> {
            dst[o++] = '\n';
            endsWithCrlf = false;
          }
        }
        lineStart = true;
        i++;
      } else {
        if (lineStart) {
          if (dotStuffing && b == '.') {
            dst[o++] = '.';
          }
          lineStart = false;
          endsWithCrlf = false;
        }
        int j = i + 1;
        while (j < end) {
          byte c = src[j];
          if (c == '\r' || c == '\n') {
            break;
          }
          j++;
        }
        int n = j - i;
        System.arraycopy(src, i, dst, o, n);
        o += n;
        i = j;
      }
    }
    consumed += len;
    produced += o - dstOff;
    return o - dstOff;
  }

  /**
   * Ends the content: completes a pending CR, then for DATA adds CRLF if the content did not end
   * with one and the {@code .CRLF} terminator. For BDAT only a pending CR is completed (with
   * {@link LineEndings#CONVERT_TO_CRLF}).
   *
   * @return the number of bytes written (at most 5)
   * @throws IllegalArgumentException with {@link LineEndings#REJECT} when the content ends in a
   *     bare CR
   * @throws IllegalStateException when already finished
   */
  public int finish(byte[] dst, int dstOff) {
    if (finished) {
      throw new IllegalStateException("encoder already finished");
    }
    if (dst.length - dstOff < 5) {
      throw new IndexOutOfBoundsException("dst needs room for 5 bytes");
    }
    int o = dstOff;
    if (pendingCr) {
      pendingCr = false;
      if (lineEndings == LineEndings.REJECT) {
        throw bare("CR", consumed - 1);
      }
      if (dotStuffing || lineEndings == LineEndings.CONVERT_TO_CRLF) {
        dst[o++] = '\n';
        endsWithCrlf = true;
      }
    }
    if (dotStuffing) {
      if (!endsWithCrlf) {
        dst[o++] = '\r';
        dst[o++] = '\n';
      }
      dst[o++] = '.';
      dst[o++] = '\r';
      dst[o++] = '\n';
    }
    finished = true;
    produced += o - dstOff;
    return o - dstOff;
  }

  private static IllegalArgumentException bare(String what, long offset) {
    return new IllegalArgumentException(
        "message has a bare " + what + " at offset " + offset + " (line endings: REJECT)");
  }

  /**
   * The encoded form of {@code message} as a stream: reading it reads {@code message} in chunks
   * and returns them encoded, the terminator (for DATA) at the end. Closing it closes {@code
   * message}.
   *
   * @throws IllegalStateException when this encoder was already used
   */
  public InputStream wrap(InputStream message) {
    if (consumed != 0 || finished) {
      throw new IllegalStateException("encoder already used");
    }
    Objects.requireNonNull(message, "message");
    return new InputStream() {
      private final byte[] in = new byte[8192];
      private final byte[] out = new byte[maxEncodedLength(8192)];
      private int pos;
      private int lim;
      private boolean eof;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
          return 0;
        }
        while (pos == lim) {
          if (eof) {
            return -1;
          }
          pos = 0;
          int n = message.read(in, 0, in.length);
          if (n < 0) {
            lim = finish(out, 0);
            eof = true;
          } else {
            lim = encode(in, 0, n, out, 0);
          }
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
      }

      @Override
      public void close() throws IOException {
        message.close();
      }
    };
  }
}

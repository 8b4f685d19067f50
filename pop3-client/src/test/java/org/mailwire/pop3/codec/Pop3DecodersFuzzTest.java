package org.mailwire.pop3.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Fuzzes every POP3 decoder with arbitrary bytes in arbitrary splits: each must throw nothing but
 * {@link ProtocolException}, give the same result whole and split, and the multi-line body must
 * survive decode → dot-stuff → decode unchanged.
 *
 * <p>Runs its seeds (src/test/resources/.../Pop3DecodersFuzzTestInputs) in every {@code mvn test};
 * fuzzes for real with {@code JAZZER_FUZZ=1}.
 */
class Pop3DecodersFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void decodersThrowOnlyProtocolException(FuzzedDataProvider data) {
    int which = data.consumeInt(0, 4);
    int split = data.consumeInt(1, 64);
    Pop3Limits limits = Pop3Limits.defaults()
        .withMaxLineLength(data.consumeInt(64, 4096))
        .withMaxListingEntries(data.consumeInt(1, 1000))
        .withMaxCapabilities(data.consumeInt(1, 100));
    byte[] input = data.consumeRemainingAsBytes();
    switch (which) {
      case 0 -> sameWholeAndSplit(() -> new StatusLineDecoder(limits), input, split);
      case 1 -> sameWholeAndSplit(() -> new CapaDecoder(limits), input, split);
      case 2 -> sameWholeAndSplit(() -> ListingDecoders.scanListing(limits), input, split);
      case 3 -> sameWholeAndSplit(() -> ListingDecoders.uidListing(limits), input, split);
      default -> multiLineRoundTrip(input, split);
    }
  }

  /** Decodes whole and split; both must agree (result or ProtocolException class). */
  static <T> void sameWholeAndSplit(java.util.function.Supplier<Decoder<T>> decoders, byte[] input, int split) {
    String whole = run(decoders.get(), input, input.length == 0 ? 1 : input.length);
    String pieces = run(decoders.get(), input, split);
    if (!whole.equals(pieces)) {
      throw new AssertionError("whole: " + whole + " split " + split + ": " + pieces);
    }
  }

  private static <T> String run(Decoder<T> d, byte[] input, int split) {
    InputBuffer in = new InputBuffer(16, input.length + 64);
    StringBuilder events = new StringBuilder();
    try {
      for (int off = 0; off < input.length; off += split) {
        in.write(input, off, Math.min(split, input.length - off));
        T v;
        int guard = 0;
        while ((v = d.decode(in)) != null) {
          events.append(v).append('|');
          if (++guard > input.length + 2) {
            throw new AssertionError("decoder returns events without consuming input");
          }
        }
      }
      return events + "rest=" + in.readable();
    } catch (ProtocolException e) {
      return events + e.getClass().getSimpleName();
    }
  }

  /** Body decode is split-independent, never throws, and survives re-stuffing. */
  static void multiLineRoundTrip(byte[] input, int split) {
    byte[] whole = body(input, input.length == 0 ? 1 : input.length);
    byte[] pieces = body(input, split);
    if (!Arrays.equals(whole, pieces)) {
      throw new AssertionError("split " + split + " changed the body");
    }
    if (whole == null) {
      return;
    }
    byte[] again = body(stuff(whole), split);
    if (!Arrays.equals(whole, again)) {
      throw new AssertionError("decode(stuff(body)) != body");
    }
  }

  /** The decoded body, or null if the terminator never came. */
  private static byte[] body(byte[] input, int split) {
    MultiLineDecoder d = new MultiLineDecoder();
    InputBuffer in = new InputBuffer(16, Math.max(64, split + 16));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] dst = new byte[7];
    for (int off = 0; off < input.length; off += split) {
      try {
        in.write(input, off, Math.min(split, input.length - off));
      } catch (ProtocolException e) {
        throw new AssertionError("the body decoder let the buffer fill up", e);
      }
      int n;
      while ((n = d.read(in, dst, 0, dst.length)) > 0) {
        out.write(dst, 0, n);
      }
      if (n < 0) {
        return out.toByteArray();
      }
    }
    return null;
  }

  /** RFC 1939 dot-stuffing of a decoded body, plus the terminator. */
  static byte[] stuff(byte[] body) {
    Objects.requireNonNull(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean lineStart = true;
    for (byte b : body) {
      if (lineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      lineStart = b == '\n';
    }
    if (!lineStart) {
      throw new AssertionError("a complete body must end at a line end (the terminator starts a line)");
    }
    out.writeBytes(new byte[] {'.', '\r', '\n'});
    return out.toByteArray();
  }
}

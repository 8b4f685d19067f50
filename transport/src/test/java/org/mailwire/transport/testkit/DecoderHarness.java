package org.mailwire.transport.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * Feeds a {@link Decoder} its input three ways, as every codec test must: whole, one byte at a
 * time, and whole followed by trailing bytes that must stay unconsumed.
 *
 * <pre>{@code
 * DecoderHarness.check(ReplyDecoder::new, bytes("250 OK\r\n"), List.of(expectedReply));
 * List<Reply> events = DecoderHarness.decode(new ReplyDecoder(), input, Feed.ONE_BYTE);
 * }</pre>
 */
public final class DecoderHarness {
  /** How input reaches the decoder. */
  public enum Feed {
    /** All input at once. */
    WHOLE,
    /** One byte per feed, decoding after each. */
    ONE_BYTE,
    /** All input plus {@link #TRAILING}; the trailing bytes must remain in the buffer. */
    WITH_TRAILING
  }

  /**
   * Bytes appended in {@link Feed#WITH_TRAILING} mode: the start of another response that must not
   * be consumed. Chosen so it never completes a line or structure on its own.
   */
  public static final byte[] TRAILING = {'*', ' ', 'X', '1', 0x03, 0x00, 0x01};

  private DecoderHarness() {}

  /** The outcome of one feed: the events and the bytes left unconsumed. */
  public record Result<T>(List<T> events, byte[] remaining) {}

  /**
   * Feeds {@code input} to {@code decoder} as {@code feed} says, calling {@code decode} until it
   * returns {@code null} after each feed.
   *
   * @return every event, in order, and the unconsumed bytes
   * @throws ProtocolException as the decoder throws
   */
  public static <T> Result<T> run(Decoder<T> decoder, byte[] input, Feed feed)
      throws ProtocolException {
    InputBuffer in = new InputBuffer(16, Math.max(64, input.length + TRAILING.length + 16));
    List<T> events = new ArrayList<>();
    switch (feed) {
      case WHOLE -> {
        in.write(input);
        drain(decoder, in, events);
      }
      case ONE_BYTE -> {
        for (byte b : input) {
          in.write(new byte[] {b});
          drain(decoder, in, events);
        }
      }
      case WITH_TRAILING -> {
        in.write(input);
        in.write(TRAILING);
        drain(decoder, in, events);
      }
    }
    return new Result<>(events, in.toByteArray());
  }

  /** The events of {@link #run}, without the unconsumed bytes. */
  public static <T> List<T> decode(Decoder<T> decoder, byte[] input, Feed feed)
      throws ProtocolException {
    Result<T> r = run(decoder, input, feed);
    return r.events();
  }

  private static <T> void drain(Decoder<T> decoder, InputBuffer in, List<T> events)
      throws ProtocolException {
    int guard = 0;
    T e;
    while ((e = decoder.decode(in)) != null) {
      events.add(e);
      if (++guard > 10_000_000) {
        throw new AssertionError("decoder keeps returning events without input");
      }
    }
  }

  /**
   * Runs all three feeds on fresh decoders and asserts each gives {@code expected} (after {@code
   * normalize}, which may e.g. merge streamed chunks), that whole and one-byte feeds leave {@code
   * expectedRemaining} unconsumed, and that the trailing feed leaves {@code expectedRemaining} plus
   * {@link #TRAILING}.
   *
   * @param expectedRemaining the bytes of {@code input} a complete decode leaves behind (usually
   *     empty)
   */
  public static <T, R> void check(
      Supplier<? extends Decoder<T>> decoders,
      byte[] input,
      Function<List<T>, R> normalize,
      R expected,
      byte[] expectedRemaining)
      throws ProtocolException {
    for (Feed feed : Feed.values()) {
      Result<T> r = run(decoders.get(), input, feed);
      R got = normalize.apply(r.events());
      if (!expected.equals(got)) {
        throw new AssertionError(feed + ": expected " + expected + " but got " + got);
      }
      byte[] wantLeft =
          feed == Feed.WITH_TRAILING ? concat(expectedRemaining, TRAILING) : expectedRemaining;
      if (!Arrays.equals(wantLeft, r.remaining())) {
        throw new AssertionError(
            feed
                + ": expected unconsumed "
                + Arrays.toString(wantLeft)
                + " but was "
                + Arrays.toString(r.remaining()));
      }
    }
  }

  /** {@link #check} with no normalisation and nothing left over. */
  public static <T> void check(Supplier<? extends Decoder<T>> decoders, byte[] input, List<T> expected)
      throws ProtocolException {
    check(decoders, input, Function.identity(), expected, new byte[0]);
  }

  /**
   * Asserts that every feed of {@code input} ends in an exception of {@code type} (the trailing
   * feed included), and returns the one from the whole feed.
   */
  public static <T, X extends ProtocolException> X checkFails(
      Supplier<? extends Decoder<T>> decoders, byte[] input, Class<X> type) {
    X first = null;
    for (Feed feed : Feed.values()) {
      try {
        run(decoders.get(), input, feed);
        throw new AssertionError(feed + ": expected " + type.getSimpleName() + " but decoding succeeded");
      } catch (ProtocolException e) {
        if (!type.isInstance(e)) {
          throw new AssertionError(feed + ": expected " + type.getSimpleName() + " but got " + e, e);
        }
        if (first == null) {
          first = type.cast(e);
        }
      }
    }
    return first;
  }

  /** {@code a} followed by {@code b}. */
  public static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}

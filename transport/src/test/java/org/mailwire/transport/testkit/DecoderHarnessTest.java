package org.mailwire.transport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.Ascii;
import org.mailwire.transport.bytes.Decoder;
import org.mailwire.transport.testkit.DecoderHarness.Feed;

class DecoderHarnessTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A correct CRLF line decoder. */
  static final class Lines implements Decoder<String> {
    @Override
    public String decode(org.mailwire.transport.bytes.InputBuffer in) throws ProtocolException {
      int lf = in.findLineEnd(32);
      if (lf < 0) {
        return null;
      }
      if (lf == in.readIndex() || in.get(lf - 1) != '\r') {
        throw new ProtocolException("bare LF", in.streamOffset(lf), in.array(), in.readIndex(), lf + 1);
      }
      String s = Ascii.string(in.array(), in.readIndex(), lf - 1 - in.readIndex());
      in.skipTo(lf + 1);
      return s;
    }
  }

  /** A buggy decoder: takes everything it is given as one event. */
  static final class Greedy implements Decoder<String> {
    @Override
    public String decode(org.mailwire.transport.bytes.InputBuffer in) {
      if (in.readable() == 0) {
        return null;
      }
      String s = Ascii.string(in.array(), in.readIndex(), in.readable());
      in.discard();
      return s;
    }
  }

  @Test
  void aCorrectDecoderPassesAllThreeFeeds() throws Exception {
    DecoderHarness.check(Lines::new, b("a\r\nbc\r\n"), List.of("a", "bc"));
    DecoderHarness.check(Lines::new, b("a\r\npartial"), l -> l, List.of("a"), b("partial"));
  }

  @Test
  void eachFeedIsReallyDifferent() throws Exception {
    assertThat(DecoderHarness.run(new Lines(), b("x\r\n"), Feed.WITH_TRAILING).remaining())
        .isEqualTo(DecoderHarness.TRAILING);
    assertThat(DecoderHarness.run(new Greedy(), b("abc"), Feed.ONE_BYTE).events())
        .containsExactly("a", "b", "c");
  }

  @Test
  void aDecoderThatEatsTrailingBytesOrSplitsDifferentlyIsCaught() {
    assertThatThrownBy(() -> DecoderHarness.check(Greedy::new, b("abc"), List.of("abc")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ONE_BYTE");
  }

  @Test
  void checkFailsRequiresTheExceptionInEveryFeed() {
    ProtocolException e = DecoderHarness.checkFails(Lines::new, b("ok\r\nbad\n"), ProtocolException.class);
    assertThat(e.offset()).isEqualTo(7);
    LimitExceededException l =
        DecoderHarness.checkFails(Lines::new, b("x".repeat(40) + "\r\n"), LimitExceededException.class);
    assertThat(l.limit()).isEqualTo(32);
    assertThatThrownBy(() -> DecoderHarness.checkFails(Lines::new, b("fine\r\n"), ProtocolException.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("decoding succeeded");
  }
}

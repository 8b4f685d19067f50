package org.mailwire.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fixture table for {@link DataEncoder}, each case also split at every position. */
class DataEncoderTest {

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Encodes whole. */
  static String whole(DataEncoder e, byte[] in) {
    byte[] out = new byte[DataEncoder.maxEncodedLength(in.length)];
    int n = e.encode(in, 0, in.length, out, 0);
    n += e.finish(out, n);
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Encodes in pieces cut at {@code cuts}. */
  static String pieces(DataEncoder e, byte[] in, int... cuts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    for (int cut : cuts) {
      byte[] buf = new byte[DataEncoder.maxEncodedLength(cut - from)];
      out.write(buf, 0, e.encode(in, from, cut - from, buf, 0));
      from = cut;
    }
    byte[] buf = new byte[DataEncoder.maxEncodedLength(in.length - from)];
    out.write(buf, 0, e.encode(in, from, in.length - from, buf, 0));
    out.write(buf, 0, e.finish(buf, 0));
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  static Stream<Arguments> data() {
    LineEndings c = LineEndings.CONVERT_TO_CRLF;
    LineEndings p = LineEndings.PASS_THROUGH;
    LineEndings r = LineEndings.REJECT;
    return Stream.of(
        Arguments.of(c, "", ".\r\n"),
        Arguments.of(c, "a\r\n", "a\r\n.\r\n"),
        Arguments.of(c, "no final line end", "no final line end\r\n.\r\n"),
        Arguments.of(c, ".starts with dot\r\n", "..starts with dot\r\n.\r\n"),
        Arguments.of(c, "a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n"),
        Arguments.of(c, "a\r\n..x\r\n", "a\r\n...x\r\n.\r\n"),
        Arguments.of(c, "a.b\r\n .c\r\n", "a.b\r\n .c\r\n.\r\n"),
        Arguments.of(c, "bare\nlf\n", "bare\r\nlf\r\n.\r\n"),
        Arguments.of(c, "bare\rcr\r", "bare\r\ncr\r\n.\r\n"),
        Arguments.of(c, "x\n.\ny", "x\r\n..\r\ny\r\n.\r\n"),
        Arguments.of(c, "smuggle\r\n.\rMAIL FROM:<x>", "smuggle\r\n..\r\nMAIL FROM:<x>\r\n.\r\n"),
        Arguments.of(c, "\n.\n", "\r\n..\r\n.\r\n"),
        Arguments.of(c, "\r\r\n\n", "\r\n\r\n\r\n.\r\n"),
        Arguments.of(c, "8bit \u00e9\u00ff\u0000\r\n", "8bit \u00e9\u00ff\u0000\r\n.\r\n"),
        Arguments.of(p, "bare\nlf", "bare\nlf\r\n.\r\n"),
        Arguments.of(p, "x\n.y\r.z\r\n.w", "x\n..y\r..z\r\n..w\r\n.\r\n"),
        Arguments.of(p, "ends in lf\n", "ends in lf\n\r\n.\r\n"),
        Arguments.of(p, "ends in cr\r", "ends in cr\r\n.\r\n"),
        Arguments.of(p, "ok\r\n", "ok\r\n.\r\n"),
        Arguments.of(r, "ok\r\n.x\r\n", "ok\r\n..x\r\n.\r\n"));
  }

  @ParameterizedTest
  @MethodSource("data")
  void dataEncodingIsTheSameForEverySplit(LineEndings policy, String input, String expected) {
    byte[] in = b(input);
    assertThat(whole(DataEncoder.forData(policy), in)).isEqualTo(expected);
    for (int cut = 0; cut <= in.length; cut++) {
      assertThat(pieces(DataEncoder.forData(policy), in, cut)).as("cut at " + cut).isEqualTo(expected);
    }
    int[] every = new int[in.length];
    Arrays.setAll(every, i -> i);
    assertThat(pieces(DataEncoder.forData(policy), in, every)).as("one byte at a time").isEqualTo(expected);
  }

  static Stream<Arguments> bdat() {
    LineEndings c = LineEndings.CONVERT_TO_CRLF;
    LineEndings p = LineEndings.PASS_THROUGH;
    return Stream.of(
        Arguments.of(c, "", ""),
        Arguments.of(c, ".no stuffing\r\n.\r\n", ".no stuffing\r\n.\r\n"),
        Arguments.of(c, "a\nb\rc", "a\r\nb\r\nc"),
        Arguments.of(c, "ends in cr\r", "ends in cr\r\n"),
        Arguments.of(p, "bin\n\r\u0000.\r", "bin\n\r\u0000.\r"));
  }

  @ParameterizedTest
  @MethodSource("bdat")
  void bdatEncodingHasNoStuffingAndNoTerminator(LineEndings policy, String input, String expected) {
    byte[] in = b(input);
    assertThat(whole(DataEncoder.forBdat(policy), in)).isEqualTo(expected);
    for (int cut = 0; cut <= in.length; cut++) {
      assertThat(pieces(DataEncoder.forBdat(policy), in, cut)).isEqualTo(expected);
    }
  }

  @Test
  void rejectPolicyNamesTheOffset() {
    assertThatThrownBy(() -> whole(DataEncoder.forData(LineEndings.REJECT), b("ab\r\ncd\nef")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare LF at offset 6");
    assertThatThrownBy(() -> pieces(DataEncoder.forData(LineEndings.REJECT), b("ab\rcd"), 3))
        .hasMessageContaining("bare CR at offset 2");
    assertThatThrownBy(() -> whole(DataEncoder.forData(LineEndings.REJECT), b("ab\r")))
        .hasMessageContaining("bare CR at offset 2");
  }

  @Test
  void randomMessagesNeverEndEarlyAndUnstuffToTheNormalisedInput() {
    Random rnd = new Random(42);
    byte[] alphabet = b(".\r\nab");
    for (int round = 0; round < 2000; round++) {
      byte[] in = new byte[rnd.nextInt(60)];
      for (int i = 0; i < in.length; i++) {
        in[i] = alphabet[rnd.nextInt(alphabet.length)];
      }
      int cut = in.length == 0 ? 0 : rnd.nextInt(in.length + 1);
      String out = pieces(DataEncoder.forData(LineEndings.CONVERT_TO_CRLF), in, cut);
      // The terminator appears exactly once, at the very end.
      assertThat(out.indexOf("\r\n.\r\n") == out.length() - 5 || out.equals(".\r\n")).as(out).isTrue();
      assertThat(out.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
      // Receiver's view (RFC 5321 §4.5.2): drop one leading dot per line, drop the terminator.
      String body = out.substring(0, out.length() - 3);
      StringBuilder unstuffed = new StringBuilder();
      for (String line : body.split("\r\n", -1)) {
        unstuffed.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
      }
      String expected = new String(in, StandardCharsets.ISO_8859_1)
          .replace("\r\n", "\u0001").replace("\r", "\u0001").replace("\n", "\u0001").replace("\u0001", "\r\n");
      if (!expected.isEmpty() && !expected.endsWith("\r\n")) {
        expected += "\r\n";
      }
      String got = unstuffed.substring(0, unstuffed.length() - 2); // the split adds one line too many
      assertThat(got).as("input %s", Arrays.toString(in)).isEqualTo(expected);
    }
  }

  @Test
  void outputNeverExceedsTheBound() {
    String[] worst = {"\r.\r.\r.\r.", "\n.\n.\n.", ".", "\r", "\n\n\n", "\r\r\r"};
    for (String w : worst) {
      byte[] in = b(w);
      for (LineEndings l : new LineEndings[] {LineEndings.CONVERT_TO_CRLF, LineEndings.PASS_THROUGH}) {
        DataEncoder e = DataEncoder.forData(l);
        byte[] out = new byte[DataEncoder.maxEncodedLength(in.length)];
        int n = e.encode(in, 0, in.length, out, 0);
        assertThat(n + 5).isLessThanOrEqualTo(out.length);
        assertThat(e.finish(out, n)).isLessThanOrEqualTo(5);
      }
    }
  }

  @Test
  void countsConsumedAndProduced() {
    DataEncoder e = DataEncoder.forData(LineEndings.CONVERT_TO_CRLF);
    byte[] out = new byte[64];
    e.encode(b(".a\nb"), 0, 4, out, 0);
    assertThat(e.consumed()).isEqualTo(4);
    assertThat(e.produced()).isEqualTo(6);
    e.finish(out, 0);
    assertThat(e.produced()).isEqualTo(11);
    assertThatThrownBy(() -> e.finish(out, 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> e.encode(b("x"), 0, 1, out, 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DataEncoder.forData(LineEndings.CONVERT_TO_CRLF).encode(b("xyz"), 0, 3, new byte[10], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void wrapStreamsTheEncodedMessage() throws Exception {
    byte[] big = new byte[100_000];
    Random rnd = new Random(7);
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i % 80 == 79 ? '\n' : (i % 80 == 0 && rnd.nextBoolean() ? '.' : 'x'));
    }
    String expected = whole(DataEncoder.forData(LineEndings.CONVERT_TO_CRLF), big);
    try (InputStream s = DataEncoder.forData(LineEndings.CONVERT_TO_CRLF).wrap(new ByteArrayInputStream(big))) {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      int c = s.read();
      got.write(c);
      got.write(s.readAllBytes());
      assertThat(s.read()).isEqualTo(-1);
      assertThat(got.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }
  }
}

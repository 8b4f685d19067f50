package org.mailwire.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailwire.pop3.codec.StatusLineDecoderTest.b;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.DecoderHarness;

class MultiLineDecoderTest {
  /** Merges the chunks into one body string and marks whether the End event came last. */
  static String body(List<MultiLineEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean ended = false;
    for (MultiLineEvent e : events) {
      if (ended) {
        return "event after End";
      }
      if (e instanceof MultiLineEvent.Chunk c) {
        if (c.bytes().length == 0) {
          return "empty chunk";
        }
        out.writeBytes(c.bytes());
      } else {
        ended = true;
      }
    }
    return out.toString(StandardCharsets.ISO_8859_1) + (ended ? "<END>" : "<INCOMPLETE>");
  }

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(".\r\n", "<END>"),
        Arguments.of("a\r\n.\r\n", "a\r\n<END>"),
        Arguments.of("Subject: x\r\n\r\nbody\r\n.\r\n", "Subject: x\r\n\r\nbody\r\n<END>"),
        // dot-stuffing: "..", lines of only "..", "...", a stuffed dot mid-body
        Arguments.of("..\r\n.\r\n", ".\r\n<END>"),
        Arguments.of("..\r\n..\r\n..\r\n.\r\n", ".\r\n.\r\n.\r\n<END>"),
        Arguments.of("...\r\n.\r\n", "..\r\n<END>"),
        Arguments.of("a\r\n..b\r\nc.\r\n.\r\n", "a\r\n.b\r\nc.\r\n<END>"),
        Arguments.of("a\r\n\r\n.\r\n", "a\r\n\r\n<END>"),
        // a dot not at line start stays; CR alone is not a line end
        Arguments.of("x.\r\ny\r.\r\n.\r\n", "x.\r\ny\r.\r\n<END>"),
        // lenient: bare LF line ends and terminator
        Arguments.of("a\nb\n.\n", "a\nb\n<END>"),
        // unstuffed ".x" from a broken server: the dot is dropped as RFC 1939 says for any leading dot
        Arguments.of(".x\r\n.\r\n", "x\r\n<END>"),
        Arguments.of(".\rx\r\n.\r\n", "\rx\r\n<END>"),
        // "-ERR" inside a body is body text
        Arguments.of("-ERR not a status\r\n.\r\n", "-ERR not a status\r\n<END>"),
        // binary bytes pass
        Arguments.of("\u0000\u00ff\r\n.\r\n", "\u0000\u00ff\r\n<END>"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void unstuffsAndFindsTheTerminatorInEveryFeed(String wire, String expected) throws Exception {
    DecoderHarness.check(MultiLineDecoder::new, b(wire), MultiLineDecoderTest::body, expected, new byte[0]);
  }

  @Test
  void stopsAtTheTerminatorLeavingTheNextResponse() throws Exception {
    DecoderHarness.check(
        MultiLineDecoder::new, b("a\r\n.\r\n+OK next\r\n"), MultiLineDecoderTest::body, "a\r\n<END>", b("+OK next\r\n"));
  }

  @Test
  void missingTerminatorIsNeverEnd() throws Exception {
    for (String wire : List.of("a\r\n", "a\r\n.", "a\r\n.\r", "..\r\n", "a\r\n-ERR oops\r\n")) {
      for (DecoderHarness.Feed f : DecoderHarness.Feed.values()) {
        List<MultiLineEvent> ev = DecoderHarness.run(new MultiLineDecoder(), b(wire), f).events();
        assertThat(body(ev)).as(wire + " " + f).endsWith("<INCOMPLETE>");
      }
    }
  }

  @Test
  void terminatorSplitAcrossReadsWithDotDotLines() throws Exception {
    MultiLineDecoder d = new MultiLineDecoder();
    InputBuffer in = new InputBuffer(16, 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] reads = {"..\r", "\n.", ".\r\n", ".", "\r", "\n"};
    byte[] dst = new byte[64];
    for (int i = 0; i < reads.length; i++) {
      in.write(b(reads[i]));
      int n;
      while ((n = d.read(in, dst, 0, dst.length)) > 0) {
        out.write(dst, 0, n);
      }
      assertThat(d.isDone()).isEqualTo(i == reads.length - 1);
      if (i == reads.length - 1) {
        assertThat(n).isEqualTo(-1);
      }
    }
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(".\r\n.\r\n");
    assertThat(in.readable()).isZero();
  }

  @Test
  void readHonoursTheCallersLength() throws Exception {
    MultiLineDecoder d = new MultiLineDecoder();
    InputBuffer in = new InputBuffer(16, 1024);
    in.write(b("abcdef\r\n..gh\r\n.\r\n"));
    byte[] dst = new byte[3];
    StringBuilder sb = new StringBuilder();
    int n;
    while ((n = d.read(in, dst, 0, 3)) > 0) {
      assertThat(n).isLessThanOrEqualTo(3);
      sb.append(new String(dst, 0, n, StandardCharsets.ISO_8859_1));
    }
    assertThat(n).isEqualTo(-1);
    assertThat(sb).hasToString("abcdef\r\n.gh\r\n");
    assertThat(d.bodyBytes()).isEqualTo(13);
    assertThat(d.read(in, dst, 0, 3)).isEqualTo(-1);
  }

  @Test
  void zeroCopyRunsPointIntoTheBuffer() throws Exception {
    MultiLineDecoder d = new MultiLineDecoder();
    InputBuffer in = new InputBuffer(64, 1024);
    in.write(b("one\r\ntwo\r\n..three\r\n.\r\n"));
    StringBuilder sb = new StringBuilder();
    int runs = 0;
    int n;
    while ((n = d.next(in)) > 0) {
      runs++;
      sb.append(new String(in.array(), d.runStart(), n, StandardCharsets.ISO_8859_1));
    }
    assertThat(n).isEqualTo(-1);
    assertThat(sb).hasToString("one\r\ntwo\r\n.three\r\n");
    assertThat(runs).isEqualTo(2); // split only where the stuffing dot is dropped
  }

  @Test
  void tenMebibyteBodyLineStreamsInBoundedMemory() throws Exception {
    MultiLineDecoder d = new MultiLineDecoder();
    InputBuffer in = new InputBuffer(4096, 64 * 1024);
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) 'y');
    long total = 10L * 1024 * 1024;
    long delivered = 0;
    for (long fed = 0; fed < total; fed += chunk.length) {
      in.write(chunk);
      int n;
      while ((n = d.next(in)) > 0) {
        delivered += n;
      }
      assertThat(n).isZero();
    }
    in.write(b("\r\n.\r\n"));
    int n;
    while ((n = d.next(in)) > 0) {
      delivered += n;
    }
    assertThat(n).isEqualTo(-1);
    assertThat(delivered).isEqualTo(total + 2);
    assertThat(in.array().length).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void resetReadiesTheDecoderForTheNextBody() throws Exception {
    MultiLineDecoder d = new MultiLineDecoder();
    InputBuffer in = new InputBuffer(64, 1024);
    in.write(b("a\r\n.\r\nb\r\n.\r\n"));
    byte[] dst = new byte[16];
    assertThat(d.read(in, dst, 0, 16)).isEqualTo(3);
    assertThat(d.read(in, dst, 0, 16)).isEqualTo(-1);
    d.reset();
    assertThat(d.isDone()).isFalse();
    assertThat(d.read(in, dst, 0, 16)).isEqualTo(3);
    assertThat(dst[0]).isEqualTo((byte) 'b');
    assertThat(d.read(in, dst, 0, 16)).isEqualTo(-1);
  }
}

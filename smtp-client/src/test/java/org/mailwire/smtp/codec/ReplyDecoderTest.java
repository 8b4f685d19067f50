package org.mailwire.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.DecoderHarness;

/**
 * Fixture table for {@link ReplyDecoder}: every input runs whole, one byte at a time and with
 * trailing bytes (which must stay unconsumed), through {@link DecoderHarness}.
 */
class ReplyDecoderTest {

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Reply r(int code, EnhancedStatus e, String... lines) {
    return new Reply(code, e, List.of(lines));
  }

  static EnhancedStatus es(int c, int s, int d) {
    return new EnhancedStatus(c, s, d);
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("single line", "250 OK\r\n", List.of(r(250, null, "OK"))),
        Arguments.of("code only", "250\r\n", List.of(r(250, null, ""))),
        Arguments.of("code and space only", "354 \r\n", List.of(r(354, null, ""))),
        Arguments.of("bare LF line end", "250 OK\n", List.of(r(250, null, "OK"))),
        Arguments.of(
            "multi-line greeting",
            "220-mx.example.com ESMTP\r\n220-no UCE\r\n220 ready\r\n",
            List.of(r(220, null, "mx.example.com ESMTP", "no UCE", "ready"))),
        Arguments.of(
            "continuation with empty text",
            "250-\r\n250 last\r\n",
            List.of(r(250, null, "", "last"))),
        Arguments.of(
            "enhanced status code",
            "250 2.1.0 Ok\r\n",
            List.of(r(250, es(2, 1, 0), "Ok"))),
        Arguments.of(
            "enhanced status code alone",
            "250 2.0.0\r\n",
            List.of(r(250, es(2, 0, 0), ""))),
        Arguments.of(
            "enhanced code with three-digit parts",
            "550 5.123.456 odd\r\n",
            List.of(r(550, es(5, 123, 456), "odd"))),
        Arguments.of(
            "enhanced code on every line is stripped from every line",
            "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
                + "550-5.1.1 Please try double-checking.\r\n"
                + "550 5.1.1 https://support.example/answer\r\n",
            List.of(
                r(
                    550,
                    es(5, 1, 1),
                    "The email account that you tried to reach does not exist.",
                    "Please try double-checking.",
                    "https://support.example/answer"))),
        Arguments.of(
            "enhanced class must match the reply code",
            "250 5.1.1 not an enhanced code here\r\n",
            List.of(r(250, null, "5.1.1 not an enhanced code here"))),
        Arguments.of(
            "four-digit detail is text",
            "250 2.0.1000 x\r\n",
            List.of(r(250, null, "2.0.1000 x"))),
        Arguments.of(
            "enhanced-looking text without separating space is text",
            "250 2.0.0x\r\n",
            List.of(r(250, null, "2.0.0x"))),
        Arguments.of(
            "334 challenge is never an enhanced code",
            "334 PDEyMzQuNTY3OEBleGFtcGxlPg==\r\n",
            List.of(r(334, null, "PDEyMzQuNTY3OEBleGFtcGxlPg=="))),
        Arguments.of(
            "Postfix EHLO reply",
            "250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"
                + "250-STARTTLS\r\n250-AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n",
            List.of(
                r(
                    250,
                    null,
                    "localhost",
                    "PIPELINING",
                    "SIZE 10240000",
                    "VRFY",
                    "ETRN",
                    "STARTTLS",
                    "AUTH PLAIN LOGIN CRAM-MD5 SCRAM-SHA-1 SCRAM-SHA-256",
                    "ENHANCEDSTATUSCODES",
                    "8BITMIME",
                    "DSN",
                    "SMTPUTF8",
                    "CHUNKING"))),
        Arguments.of(
            "pipelined replies come out one by one",
            "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n554 5.5.1 Error: no valid recipients\r\n",
            List.of(
                r(250, es(2, 1, 0), "Ok"),
                r(250, es(2, 1, 5), "Ok"),
                r(554, es(5, 5, 1), "Error: no valid recipients"))),
        Arguments.of(
            "UTF-8 text",
            "250 2.0.0 Ok: queued as 4XyZ, grüße\r\n",
            List.of(r(250, es(2, 0, 0), "Ok: queued as 4XyZ, grüße"))),
        Arguments.of(
            "CR inside a line is text",
            "250 a\rb\r\n",
            List.of(r(250, null, "a\rb"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void decodesEveryFeed(String name, String input, List<Reply> expected) throws Exception {
    DecoderHarness.check(ReplyDecoder::new, b(input), expected);
  }

  @Test
  void incompleteReplyConsumesNothing() throws Exception {
    for (String partial : List.of("2", "250", "250 OK", "250 OK\r", "250-a\r\n", "250-a\r\n250 b")) {
      DecoderHarness.Result<Reply> r =
          DecoderHarness.run(new ReplyDecoder(), b(partial), DecoderHarness.Feed.WHOLE);
      assertThat(r.events()).as(partial).isEmpty();
      assertThat(r.remaining()).as(partial).isEqualTo(b(partial));
    }
  }

  @Test
  void leavesTheNextReplyInTheBuffer() throws Exception {
    byte[] in = b("250 first\r\n250-second\r\n");
    DecoderHarness.check(ReplyDecoder::new, in, l -> l, List.of(r(250, null, "first")), b("250-second\r\n"));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("garbage greeting", "HTTP/1.1 400 Bad Request\r\n", "expected a reply code"),
        Arguments.of("empty line", "\r\n", "too short"),
        Arguments.of("two digits", "25\r\n", "too short"),
        Arguments.of("letter in code", "2x0 OK\r\n", "expected a reply code"),
        Arguments.of("1yz code", "150 go\r\n", "expected a reply code"),
        Arguments.of("6yz code", "600 no\r\n", "expected a reply code"),
        Arguments.of("bad separator", "250_OK\r\n", "expected ' ' or '-'"),
        Arguments.of("four-digit code", "2500 OK\r\n", "expected ' ' or '-'"),
        Arguments.of(
            "code changes mid multi-line reply",
            "250-mx.example.com\r\n250-PIPELINING\r\n251 CHUNKING\r\n",
            "reply code changed from 250 to 251"),
        Arguments.of(
            "class changes mid multi-line reply", "250-a\r\n550 b\r\n", "reply code changed"),
        Arguments.of("garbage after a good line", "250-a\r\nxyz\r\n", "expected a reply code"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejectsMalformedReplies(String name, String input, String message) {
    ProtocolException e = DecoderHarness.checkFails(ReplyDecoder::new, b(input), ProtocolException.class);
    assertThat(e).isNotInstanceOf(LimitExceededException.class);
    assertThat(e.getMessage()).contains(message);
  }

  @Test
  void errorOffsetPointsAtTheBadLine() {
    ProtocolException e =
        DecoderHarness.checkFails(ReplyDecoder::new, b("250-a\r\n251 b\r\n"), ProtocolException.class);
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e.excerpt()).isEqualTo("251 b\\r\\n");
  }

  @Test
  void lineOverTheLimitFailsAsSoonAsTheLimitIsPassed() throws Exception {
    ReplyDecoder.Limits small = new ReplyDecoder.Limits(16, 64, 4);
    LimitExceededException e =
        DecoderHarness.checkFails(
            () -> new ReplyDecoder(small), b("250 " + "x".repeat(13)), LimitExceededException.class);
    assertThat(e.limitName()).isEqualTo("maxLineLength");
    assertThat(e.limit()).isEqualTo(16);
    // exactly at the limit (16 bytes with CRLF) is fine
    assertThat(decodeAll(new ReplyDecoder(small), "250 " + "x".repeat(10) + "\r\n")).hasSize(1);
  }

  @Test
  void tenMebibyteLineIsRefusedAfterMaxLineLengthBytes() throws Exception {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'a');
    System.arraycopy(b("220 "), 0, huge, 0, 4);
    InputBuffer in = new InputBuffer(4096, 64 * 1024);
    ReplyDecoder dec = new ReplyDecoder();
    ReplyView v = new ReplyView();
    int off = 0;
    LimitExceededException failure = null;
    while (off < huge.length && failure == null) {
      int n = Math.min(1500, huge.length - off);
      in.write(huge, off, n);
      off += n;
      try {
        assertThat(dec.decode(in, v)).isFalse();
      } catch (LimitExceededException e) {
        failure = e;
      }
    }
    assertThat(failure).isNotNull();
    assertThat(failure.limitName()).isEqualTo("maxLineLength");
    assertThat(off).isLessThanOrEqualTo(ReplyDecoder.Limits.DEFAULT_MAX_LINE_LENGTH + 1500);
    assertThat(in.array().length).isLessThanOrEqualTo(8192);
  }

  @Test
  void replyOverTheReplyLimit() {
    ReplyDecoder.Limits small = new ReplyDecoder.Limits(16, 32, 100);
    LimitExceededException e =
        DecoderHarness.checkFails(
            () -> new ReplyDecoder(small), b("250-aaaaaa\r\n250-bbbbbb\r\n250-cccccc\r\n250 d\r\n"),
            LimitExceededException.class);
    assertThat(e.limitName()).isEqualTo("maxReplyLength");
  }

  @Test
  void tooManyLines() throws Exception {
    ReplyDecoder.Limits small = new ReplyDecoder.Limits(16, 1024, 3);
    LimitExceededException e =
        DecoderHarness.checkFails(
            () -> new ReplyDecoder(small), b("250-a\r\n250-b\r\n250-c\r\n250 d\r\n"), LimitExceededException.class);
    assertThat(e.limitName()).isEqualTo("maxReplyLines");
    assertThat(decodeAll(new ReplyDecoder(small), "250-a\r\n250-b\r\n250 c\r\n")).hasSize(1);
  }

  @Test
  void failedDecoderRefusesFurtherUse() {
    ReplyDecoder dec = new ReplyDecoder();
    assertThatThrownBy(() -> decodeAll(dec, "xyz\r\n")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> decodeAll(dec, "250 OK\r\n")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void viewPointsIntoTheBufferWithoutCopying() throws Exception {
    InputBuffer in = new InputBuffer(64, 1024);
    in.write(b("250-mx\r\n250 2.0.0 Ok: queued as ABC\r\n"));
    ReplyView v = new ReplyView();
    assertThat(new ReplyDecoder().decode(in, v)).isTrue();
    assertThat(v.array()).isSameAs(in.array());
    assertThat(v.code()).isEqualTo(250);
    assertThat(v.lineCount()).isEqualTo(2);
    assertThat(v.hasEnhancedStatus()).isFalse();
    assertThat(new String(v.array(), v.textStart(1), v.textLength(1), StandardCharsets.US_ASCII))
        .isEqualTo("2.0.0 Ok: queued as ABC");
    assertThat(v.textStartsWith(0, b("MX"))).isTrue();
    assertThat(v.start()).isZero();
    assertThat(v.end()).isEqualTo(37);
    assertThat(in.readable()).isZero();
    assertThatThrownBy(() -> v.textStart(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void viewReportsEnhancedCodeAsNumbers() throws Exception {
    InputBuffer in = new InputBuffer(64, 1024);
    in.write(b("451 4.7.1 try later\r\n"));
    ReplyView v = new ReplyView();
    assertThat(new ReplyDecoder().decode(in, v)).isTrue();
    assertThat(v.isTransientFailure()).isTrue();
    assertThat(v.enhancedClass()).isEqualTo(4);
    assertThat(v.enhancedSubject()).isEqualTo(7);
    assertThat(v.enhancedDetail()).isEqualTo(1);
    assertThat(v.text(0)).isEqualTo("try later");
    assertThat(v.toReply()).isEqualTo(r(451, es(4, 7, 1), "try later"));
  }

  @Test
  void viewGrowsForLongReplies() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append("250-line").append(i).append("\r\n");
    }
    sb.append("250 end\r\n");
    List<Reply> got = decodeAll(new ReplyDecoder(), sb.toString());
    assertThat(got).hasSize(1);
    assertThat(got.get(0).lines()).hasSize(41).startsWith("line0").endsWith("end");
  }

  @Test
  void restartsWhenGivenAnotherBuffer() throws Exception {
    ReplyDecoder dec = new ReplyDecoder();
    InputBuffer a = new InputBuffer(64, 1024);
    a.write(b("250-partial\r\n"));
    assertThat(dec.decode(a)).isNull();
    InputBuffer other = new InputBuffer(64, 1024);
    other.write(b("221 bye\r\n"));
    assertThat(dec.decode(other)).isEqualTo(r(221, null, "bye"));
  }

  @Test
  void replyToStringLooksLikeTheWire() {
    assertThat(r(550, es(5, 1, 1), "no such user", "really").toString())
        .isEqualTo("550-5.1.1 no such user\n550 5.1.1 really");
    assertThat(r(250, null, "OK").text()).isEqualTo("OK");
    assertThat(r(250, es(2, 0, 0), "").toString()).isEqualTo("250 2.0.0");
  }

  static List<Reply> decodeAll(ReplyDecoder dec, String s) throws ProtocolException {
    return DecoderHarness.decode(dec, b(s), DecoderHarness.Feed.WHOLE);
  }
}

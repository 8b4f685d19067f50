package org.mailwire.pop3.codec;

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
import org.junit.jupiter.params.provider.ValueSource;
import org.mailwire.transport.LimitExceededException;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.DecoderHarness;

class StatusLineDecoderTest {
  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("+OK Dovecot (Debian) ready.\r\n", StatusLine.ok("Dovecot (Debian) ready.")),
        Arguments.of("+OK\r\n", StatusLine.ok("")),
        Arguments.of("+OK \r\n", StatusLine.ok("")),
        Arguments.of("+ok lower case\r\n", StatusLine.ok("lower case")),
        Arguments.of("+OK 2 320\n", StatusLine.ok("2 320")),
        Arguments.of("-ERR\r\n", StatusLine.err(null, "")),
        Arguments.of("-ERR no such message\r\n", StatusLine.err(null, "no such message")),
        Arguments.of("-ERR [IN-USE] mailbox locked\r\n", StatusLine.err(ResponseCode.IN_USE, "mailbox locked")),
        Arguments.of("-ERR [LOGIN-DELAY] wait\r\n", StatusLine.err(ResponseCode.LOGIN_DELAY, "wait")),
        Arguments.of("-ERR [SYS/TEMP] try later\r\n", StatusLine.err(ResponseCode.SYS_TEMP, "try later")),
        Arguments.of("-ERR [SYS/PERM] broken\r\n", StatusLine.err(ResponseCode.SYS_PERM, "broken")),
        Arguments.of("-ERR [AUTH] Authentication failed.\r\n", StatusLine.err(ResponseCode.AUTH, "Authentication failed.")),
        Arguments.of("-ERR [UTF8] need UTF8\r\n", StatusLine.err(ResponseCode.UTF8, "need UTF8")),
        Arguments.of("-ERR [X-VENDOR/SUB] odd\r\n", StatusLine.err(new ResponseCode("X-VENDOR/SUB"), "odd")),
        Arguments.of("-ERR [auth]\r\n", StatusLine.err(ResponseCode.AUTH, "")),
        Arguments.of("+OK [IN-USE\r\n", StatusLine.ok("[IN-USE")),
        Arguments.of("+OK [A B] text\r\n", StatusLine.ok("[A B] text")),
        Arguments.of("+OK [] empty\r\n", StatusLine.ok("[] empty")),
        Arguments.of("+ \r\n", StatusLine.continuation("")),
        Arguments.of("+\r\n", StatusLine.continuation("")),
        Arguments.of("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+\r\n", StatusLine.continuation("PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+")),
        Arguments.of("+OK h\u00c3\u00a9llo\r\n", StatusLine.ok("h\u00e9llo")));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void decodesEveryFeed(String wire, StatusLine expected) throws Exception {
    DecoderHarness.check(StatusLineDecoder::new, b(wire), List.of(expected));
  }

  @Test
  void twoLinesAreTwoEvents() throws Exception {
    DecoderHarness.check(
        StatusLineDecoder::new,
        b("+OK a\r\n-ERR [SYS/TEMP] b\r\n"),
        List.of(StatusLine.ok("a"), StatusLine.err(ResponseCode.SYS_TEMP, "b")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"OK\r\n", "+OKAY\r\n", "-ERROR\r\n", "* OK\r\n", "\r\n", "+\tx\r\n", "ERR x\r\n"})
  void rejectsWhatIsNotAStatusLine(String wire) {
    ProtocolException e = DecoderHarness.checkFails(StatusLineDecoder::new, b(wire), ProtocolException.class);
    assertThat(e.offset()).isZero();
    assertThat(e).isNotInstanceOf(LimitExceededException.class);
  }

  @Test
  void offsetOfABadLineCountsTheLinesBefore() {
    ProtocolException e = DecoderHarness.checkFails(StatusLineDecoder::new, b("+OK\r\nbogus\r\n"), ProtocolException.class);
    assertThat(e.offset()).isEqualTo(5);
    assertThat(e.excerpt()).isEqualTo("bogus");
  }

  @Test
  void tenMebibyteLineFailsWithinTheLimitWithoutBufferingIt() throws Exception {
    StatusLineDecoder d = new StatusLineDecoder(Pop3Limits.defaults());
    InputBuffer in = new InputBuffer(1024, Pop3Limits.DEFAULT_MAX_LINE_LENGTH + 4096);
    byte[] chunk = new byte[4096];
    Arrays.fill(chunk, (byte) 'x');
    chunk[0] = '+';
    chunk[1] = 'O';
    chunk[2] = 'K';
    chunk[3] = ' ';
    long fed = 0;
    LimitExceededException thrown = null;
    try {
      while (fed < 10L * 1024 * 1024) {
        in.write(chunk, 0, chunk.length);
        chunk[0] = chunk[1] = chunk[2] = chunk[3] = 'x';
        fed += chunk.length;
        assertThat(d.decode(in)).isNull();
      }
    } catch (LimitExceededException e) {
      thrown = e;
    }
    assertThat(thrown).isNotNull();
    assertThat(thrown.limitName()).isEqualTo("maxLineLength");
    assertThat(fed).isLessThanOrEqualTo(Pop3Limits.DEFAULT_MAX_LINE_LENGTH + 4096);
    assertThat(in.array().length).isLessThanOrEqualTo(Pop3Limits.DEFAULT_MAX_LINE_LENGTH + 4096);
  }

  @Test
  void responseCodeKnowsWhatIsTransient() {
    assertThat(ResponseCode.IN_USE.isTransient()).isTrue();
    assertThat(ResponseCode.LOGIN_DELAY.isTransient()).isTrue();
    assertThat(ResponseCode.SYS_TEMP.isTransient()).isTrue();
    assertThat(ResponseCode.of("sys/temp/disk").isTransient()).isTrue();
    assertThat(ResponseCode.SYS_PERM.isTransient()).isFalse();
    assertThat(ResponseCode.AUTH.isTransient()).isFalse();
    assertThat(ResponseCode.of("X-Y").isKnown()).isFalse();
    assertThat(ResponseCode.of("in-use")).isSameAs(ResponseCode.IN_USE);
    assertThat(ResponseCode.SYS_TEMP).hasToString("[SYS/TEMP]");
    assertThatThrownBy(() -> new ResponseCode("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusLineRendersAsOnTheWire() {
    assertThat(StatusLine.err(ResponseCode.AUTH, "bad")).hasToString("-ERR [AUTH] bad");
    assertThat(StatusLine.ok("")).hasToString("+OK");
    assertThat(StatusLine.continuation("abc")).hasToString("+ abc");
  }
}

package org.mailwire.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandEncoderTest {

  static String enc(Consumer<CommandEncoder> c) {
    CommandEncoder e = new CommandEncoder();
    c.accept(e);
    return new String(e.toByteArray(), StandardCharsets.UTF_8);
  }

  static Stream<Arguments> commands() {
    return Stream.<Arguments>of(
        Arguments.of(enc(e -> e.ehlo("client.example.com")), "EHLO client.example.com\r\n"),
        Arguments.of(enc(e -> e.helo("[192.0.2.1]")), "HELO [192.0.2.1]\r\n"),
        Arguments.of(enc(e -> e.lhlo("localhost")), "LHLO localhost\r\n"),
        Arguments.of(enc(e -> e.mail(MailFrom.of("a@example.com"))), "MAIL FROM:<a@example.com>\r\n"),
        Arguments.of(enc(e -> e.mail(MailFrom.of(""))), "MAIL FROM:<>\r\n"),
        Arguments.of(
            enc(e -> e.mail(new MailFrom("a@example.com", 12345, BodyType.EIGHT_BIT_MIME, true,
                DsnReturn.HDRS, "QQ314159+x=y", true))),
            "MAIL FROM:<a@example.com> SIZE=12345 BODY=8BITMIME SMTPUTF8 RET=HDRS"
                + " ENVID=QQ314159+2Bx+3Dy REQUIRETLS\r\n"),
        Arguments.of(
            enc(e -> e.mail(new MailFrom("ä@bücher.example", -1, BodyType.BINARY_MIME, true, null, null, false))),
            "MAIL FROM:<ä@bücher.example> BODY=BINARYMIME SMTPUTF8\r\n"),
        Arguments.of(enc(e -> e.rcpt(RcptTo.of("b@example.org"), false)), "RCPT TO:<b@example.org>\r\n"),
        Arguments.of(enc(e -> e.rcpt(RcptTo.of("Postmaster"), false)), "RCPT TO:<Postmaster>\r\n"),
        Arguments.of(
            enc(e -> e.rcpt(new RcptTo("b@example.org", EnumSet.of(DsnNotify.DELAY, DsnNotify.SUCCESS,
                DsnNotify.FAILURE), "B+1@example.org"), false)),
            "RCPT TO:<b@example.org> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;B+2B1@example.org\r\n"),
        Arguments.of(
            enc(e -> e.rcpt(new RcptTo("b@example.org", Set.of(DsnNotify.NEVER), null), false)),
            "RCPT TO:<b@example.org> NOTIFY=NEVER\r\n"),
        Arguments.of(
            enc(e -> e.rcpt(new RcptTo("jörg@example.org", Set.of(), "jörg+x@example.org"), true)),
            "RCPT TO:<jörg@example.org> ORCPT=utf-8;j\\x{F6}rg\\x{2B}x@example.org\r\n"),
        Arguments.of(enc(e -> e.rcpt(RcptTo.of("\"john doe\"@example.org"), false)),
            "RCPT TO:<\"john doe\"@example.org>\r\n"),
        Arguments.of(enc(CommandEncoder::data), "DATA\r\n"),
        Arguments.of(enc(e -> e.bdat(10240, false)), "BDAT 10240\r\n"),
        Arguments.of(enc(e -> e.bdat(0, true)), "BDAT 0 LAST\r\n"),
        Arguments.of(enc(CommandEncoder::rset), "RSET\r\n"),
        Arguments.of(enc(CommandEncoder::noop), "NOOP\r\n"),
        Arguments.of(enc(CommandEncoder::quit), "QUIT\r\n"),
        Arguments.of(enc(CommandEncoder::startTls), "STARTTLS\r\n"),
        Arguments.of(enc(e -> e.auth("plain", "AGFsaWNlAHNlY3JldA==".getBytes(StandardCharsets.US_ASCII))),
            "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
        Arguments.of(enc(e -> e.auth("EXTERNAL", new byte[0])), "AUTH EXTERNAL =\r\n"),
        Arguments.of(enc(e -> e.auth("CRAM-MD5", null)), "AUTH CRAM-MD5\r\n"),
        Arguments.of(enc(e -> e.authResponse("dXNlcg==".getBytes(StandardCharsets.US_ASCII))), "dXNlcg==\r\n"),
        Arguments.of(enc(e -> e.authResponse(new byte[0])), "\r\n"),
        Arguments.of(enc(CommandEncoder::authCancel), "*\r\n"),
        Arguments.of(
            enc(e -> e.mail(MailFrom.of("a@x.example")).rcpt(RcptTo.of("b@y.example"), false).data()),
            "MAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nDATA\r\n"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void encodes(String actual, String expected) {
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b.example\r\nRCPT TO:<evil@x>", "a@b.example\n", "a\r@b.example", "a@b\u0000.example",
        "a@b.example\t", "a b@example.org", "a@example.org>", "<a@example.org", "a@", "@example.org",
        "a..b@example.org", ".a@example.org", "a.@example.org", "a@ex..ample", "a@exa mple.org",
        "\"unterminated@example.org", "no-at-sign", "a@[1.2.3.4", "a@[1.2 3.4]", "a@ex\u0085ample.org"
      })
  void refusesMalformedAddresses(String address) {
    CommandEncoder e = new CommandEncoder();
    e.noop();
    assertThatThrownBy(() -> e.rcpt(RcptTo.of(address), true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MailFrom.of(address)).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.toString()).isEqualTo("NOOP\r\n");
  }

  @Test
  void messagesNeverEchoTheAddress() {
    assertThatThrownBy(() -> MailFrom.of("secret\r\n@example.org"))
        .hasMessageNotContaining("secret")
        .hasMessageContaining("CR, LF or NUL");
  }

  @Test
  void lengthLimits() {
    String local64 = "l".repeat(64);
    assertThat(Addresses.checkMailbox(local64 + "@example.org", false, "x")).startsWith(local64);
    assertThatThrownBy(() -> Addresses.checkMailbox("l" + local64 + "@example.org", false, "x"))
        .hasMessageContaining("local part");
    String label63 = "d".repeat(63);
    assertThatThrownBy(() -> Addresses.checkMailbox("a@" + label63 + "d.org", false, "x"))
        .hasMessageContaining("label");
    // 254 octets fit a 256-octet path with its brackets; 255 do not.
    String domain = label63 + "." + label63 + "." + label63 + "." + "d".repeat(254 - 2 - 3 * 64);
    assertThat(Addresses.checkMailbox("a@" + domain, false, "x")).hasSize(254);
    assertThatThrownBy(() -> Addresses.checkMailbox("ab@" + domain, false, "x"))
        .hasMessageContaining("longer than 254");
    // limits count UTF-8 octets, not characters
    assertThatThrownBy(() -> Addresses.checkMailbox("ä".repeat(33) + "@example.org", true, "x"))
        .hasMessageContaining("local part");
  }

  @Test
  void utf8LengthMatchesTheEncoder() {
    for (String t : new String[] {"", "abc", "\u00e4", "\u20ac", "\ud83d\ude00", "a\ud83d\ude00b\u00e9", "\u7528\u6237"}) {
      assertThat(Addresses.utf8Length(t, 0, t.length())).as(t).isEqualTo(t.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void utf8OnlyWithSmtputf8() {
    assertThatThrownBy(() -> new CommandEncoder().rcpt(RcptTo.of("jörg@example.org"), false))
        .hasMessageContaining("SMTPUTF8");
    assertThatThrownBy(() -> MailFrom.of("jörg@example.org")).hasMessageContaining("SMTPUTF8");
    assertThat(enc(e -> e.rcpt(RcptTo.of("用户@例子.广告"), true))).isEqualTo("RCPT TO:<用户@例子.广告>\r\n");
    assertThatThrownBy(() -> Addresses.checkMailbox("a\ud800@example.org", true, "x"))
        .hasMessageContaining("surrogate");
  }

  @Test
  void dsnParametersAreChecked() {
    assertThatThrownBy(() -> new RcptTo("b@example.org", EnumSet.of(DsnNotify.NEVER, DsnNotify.DELAY), null))
        .hasMessageContaining("NEVER");
    assertThatThrownBy(() -> new MailFrom("a@example.org", -1, BodyType.SEVEN_BIT, false, null, "x".repeat(101), false))
        .hasMessageContaining("ENVID");
    assertThatThrownBy(() -> new MailFrom("a@example.org", -1, BodyType.SEVEN_BIT, false, null, "a\r\nb", false))
        .hasMessageContaining("ENVID");
    assertThatThrownBy(() -> new MailFrom("a@example.org", -2, BodyType.SEVEN_BIT, false, null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Addresses.xtext("a b+c=d\u007f")).isEqualTo("a+20b+2Bc+3Dd+7F");
    assertThatThrownBy(() -> Addresses.xtext("ü")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void domainsAndMechanismsAreChecked() {
    for (String bad : new String[] {"", "a b", "a\r\nb", "exämple.org", "a..b"}) {
      assertThatThrownBy(() -> new CommandEncoder().ehlo(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    CommandEncoder e = new CommandEncoder();
    assertThatThrownBy(() -> e.auth("PLAIN\r\nMAIL", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.auth("", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.auth("PLAIN", "abc\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.authResponse("a b".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.bdat(-1, true)).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.length()).isZero();
  }

  @Test
  void authLineLengthMatchesWhatIsEncoded() {
    byte[] ir = "QUJD".repeat(10).getBytes(StandardCharsets.US_ASCII);
    assertThat(CommandEncoder.authLineLength("PLAIN", ir)).isEqualTo(enc(x -> x.auth("PLAIN", ir)).length());
    assertThat(CommandEncoder.authLineLength("PLAIN", new byte[0])).isEqualTo(enc(x -> x.auth("PLAIN", new byte[0])).length());
    assertThat(CommandEncoder.authLineLength("LOGIN", null)).isEqualTo(enc(x -> x.auth("LOGIN", null)).length());
  }

  @Test
  void clearAndGrowth() {
    CommandEncoder e = new CommandEncoder();
    for (int i = 0; i < 100; i++) {
      e.rcpt(RcptTo.of("recipient" + i + "@example.org"), false);
    }
    assertThat(e.toString()).startsWith("RCPT TO:<recipient0@example.org>\r\n").endsWith("<recipient99@example.org>\r\n");
    e.clear();
    assertThat(e.length()).isZero();
    e.quit();
    assertThat(e.toString()).isEqualTo("QUIT\r\n");
  }
}

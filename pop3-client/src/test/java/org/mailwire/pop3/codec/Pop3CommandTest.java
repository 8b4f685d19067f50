package org.mailwire.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.WireTrace;

class Pop3CommandTest {
  static String s(Pop3Command c) {
    return new String(c.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void encodesEveryCommand() {
    assertThat(s(Pop3Command.user("alice"))).isEqualTo("USER alice\r\n");
    assertThat(s(Pop3Command.pass("p w\u00e9".toCharArray()))).isEqualTo("PASS p w\u00e9\r\n");
    assertThat(s(Pop3Command.stls())).isEqualTo("STLS\r\n");
    assertThat(s(Pop3Command.capa())).isEqualTo("CAPA\r\n");
    assertThat(s(Pop3Command.stat())).isEqualTo("STAT\r\n");
    assertThat(s(Pop3Command.list())).isEqualTo("LIST\r\n");
    assertThat(s(Pop3Command.list(3))).isEqualTo("LIST 3\r\n");
    assertThat(s(Pop3Command.uidl())).isEqualTo("UIDL\r\n");
    assertThat(s(Pop3Command.uidl(4))).isEqualTo("UIDL 4\r\n");
    assertThat(s(Pop3Command.retr(5))).isEqualTo("RETR 5\r\n");
    assertThat(s(Pop3Command.top(6, 0))).isEqualTo("TOP 6 0\r\n");
    assertThat(s(Pop3Command.dele(7))).isEqualTo("DELE 7\r\n");
    assertThat(s(Pop3Command.noop())).isEqualTo("NOOP\r\n");
    assertThat(s(Pop3Command.rset())).isEqualTo("RSET\r\n");
    assertThat(s(Pop3Command.quit())).isEqualTo("QUIT\r\n");
    assertThat(s(Pop3Command.utf8())).isEqualTo("UTF8\r\n");
    assertThat(s(Pop3Command.lang())).isEqualTo("LANG\r\n");
    assertThat(s(Pop3Command.lang("fr"))).isEqualTo("LANG fr\r\n");
    assertThat(s(Pop3Command.auth("PLAIN", "AGFsaWNlAHB3".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("AUTH PLAIN AGFsaWNlAHB3\r\n");
    assertThat(s(Pop3Command.auth("EXTERNAL", new byte[0]))).isEqualTo("AUTH EXTERNAL =\r\n");
    assertThat(s(Pop3Command.auth("LOGIN", null))).isEqualTo("AUTH LOGIN\r\n");
    assertThat(s(Pop3Command.authResponse("YWJj".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("YWJj\r\n");
    assertThat(s(Pop3Command.authResponse(new byte[0]))).isEqualTo("\r\n");
    assertThat(s(Pop3Command.authCancel())).isEqualTo("*\r\n");
  }

  @Test
  void multiLineFlags() {
    assertThat(Pop3Command.list().isMultiLine()).isTrue();
    assertThat(Pop3Command.list(1).isMultiLine()).isFalse();
    assertThat(Pop3Command.uidl().isMultiLine()).isTrue();
    assertThat(Pop3Command.uidl(1).isMultiLine()).isFalse();
    assertThat(Pop3Command.retr(1).isMultiLine()).isTrue();
    assertThat(Pop3Command.top(1, 1).isMultiLine()).isTrue();
    assertThat(Pop3Command.capa().isMultiLine()).isTrue();
    assertThat(Pop3Command.stat().isMultiLine()).isFalse();
    assertThat(Pop3Command.dele(1).isMultiLine()).isFalse();
  }

  @Test
  void rejectsInjectionAndBadArguments() {
    List<Supplier<Pop3Command>> bad = List.of(
        () -> Pop3Command.user("a\r\nDELE 1"),
        () -> Pop3Command.user("a\nb"),
        () -> Pop3Command.user("a\u0000"),
        () -> Pop3Command.user(""),
        () -> Pop3Command.pass("x\rQUIT".toCharArray()),
        () -> Pop3Command.pass(new char[0]),
        () -> Pop3Command.apop("a b", "<1@x>", "s".toCharArray()),
        () -> Pop3Command.apop("a\r\n", "<1@x>", "s".toCharArray()),
        () -> Pop3Command.apop("a", "no-brackets", "s".toCharArray()),
        () -> Pop3Command.lang("f r"),
        () -> Pop3Command.retr(0),
        () -> Pop3Command.dele(-1),
        () -> Pop3Command.top(1, -1),
        () -> Pop3Command.list(0),
        () -> Pop3Command.auth("plain", null),
        () -> Pop3Command.auth("PL AIN", null),
        () -> Pop3Command.auth("PLAIN", "a\r\n".getBytes(StandardCharsets.US_ASCII)),
        () -> Pop3Command.authResponse("abc def".getBytes(StandardCharsets.US_ASCII)),
        () -> Pop3Command.user("u".repeat(300)));
    for (Supplier<Pop3Command> s : bad) {
      assertThatThrownBy(s::get).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void passwordNeverInTheExceptionMessage() {
    assertThatThrownBy(() -> Pop3Command.pass("secret\nx".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
  }

  @Test
  void apopDigestMatchesRfc1939Example() {
    // RFC 1939 §7: timestamp <1896.697170952@dbc.mtview.ca.us>, secret "tanstaaf".
    String ts = "<1896.697170952@dbc.mtview.ca.us>";
    assertThat(Apop.digest(ts, "tanstaaf".toCharArray())).isEqualTo("c4c9334bac560ecc979e58001b3e22fb");
    assertThat(s(Pop3Command.apop("mrose", ts, "tanstaaf".toCharArray())))
        .isEqualTo("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n");
  }

  @Test
  void apopTimestampFromGreeting() {
    assertThat(Apop.timestamp(StatusLine.ok("POP3 server ready <1896.697170952@dbc.mtview.ca.us>")))
        .contains("<1896.697170952@dbc.mtview.ca.us>");
    assertThat(Apop.timestamp(StatusLine.ok("Dovecot (Debian) ready."))).isEmpty();
    assertThat(Apop.timestamp(StatusLine.ok("<not a stamp> then <a@b>"))).contains("<a@b>");
    assertThat(Apop.timestamp(StatusLine.ok("unclosed <a@b"))).isEmpty();
  }

  @Test
  void initialResponseOverTheLineLimitIsRefused() {
    byte[] longIr = "A".repeat(250).getBytes(StandardCharsets.US_ASCII);
    assertThat(Pop3Command.initialResponseFits("PLAIN", 10)).isTrue();
    assertThat(Pop3Command.initialResponseFits("PLAIN", 250)).isFalse();
    assertThatThrownBy(() -> Pop3Command.auth("PLAIN", longIr)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsAreRedactedInTheTrace() {
    List<String> lines = new ArrayList<>();
    WireTrace t = WireTrace.to(lines::add);
    for (Pop3Command c : List.of(
        Pop3Command.user("alice"),
        Pop3Command.pass("hunter2".toCharArray()),
        Pop3Command.apop("alice", "<1@x>", "hunter2".toCharArray()),
        Pop3Command.auth("PLAIN", "AGFsaWNlAGh1bnRlcjI=".getBytes(StandardCharsets.US_ASCII)),
        Pop3Command.authResponse("aHVudGVyMg==".getBytes(StandardCharsets.US_ASCII)),
        Pop3Command.retr(1))) {
      t.client(c.bytes(), 0, c.bytes().length, c.redactor());
    }
    assertThat(lines).containsExactly(
        "C: USER alice",
        "C: PASS <redacted>",
        "C: APOP alice <redacted>",
        "C: AUTH PLAIN <redacted>",
        "C: <redacted>",
        "C: RETR 1");
    assertThat(Pop3Command.pass("hunter2".toCharArray())).hasToString("PASS <redacted>");
  }

  @Test
  void wipeZeroesTheSecret() {
    Pop3Command p = Pop3Command.pass("hunter2".toCharArray());
    p.wipe();
    for (byte x : p.bytes()) {
      assertThat(x).isZero();
    }
  }
}

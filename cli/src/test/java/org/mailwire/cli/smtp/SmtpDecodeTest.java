package org.mailwire.cli.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmtpDecodeTest {
  static String[] run(String input, int expectedStatus) {
    return run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), expectedStatus);
  }

  static String[] run(InputStream in, int expectedStatus) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int status = SmtpDecode.print(in, out);
    String text = buf.toString(StandardCharsets.UTF_8);
    assertThat(status).as(text).isEqualTo(expectedStatus);
    return text.split("\n");
  }

  static final String RAW =
      "220 localhost ESMTP Postfix\r\n"
          + "250-localhost\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250-X-FOO bar\r\n250 SMTPUTF8\r\n"
          + "235 2.7.0 Authentication successful\r\n"
          + "250 2.1.0 Ok\r\n"
          + "550-5.1.1 <nobody@example.org>: Recipient address rejected\r\n550 5.1.1 try another\r\n"
          + "354 End data with <CR><LF>.<CR><LF>\r\n"
          + "250 2.0.0 Ok: queued as 4XyZ\r\n"
          + "221 2.0.0 Bye\r\n";

  @Test
  void rawStream() {
    String[] lines = run(RAW, 0);
    assertThat(lines).containsExactly(
        "smtp: " + RAW.length() + " server bytes (raw stream: EHLO replies recognised by their keywords)",
        "[0] 220 (positive) \"localhost ESMTP Postfix\"",
        "[29] 250 (positive), EHLO reply from \"localhost\":",
        "      SIZE 10240000",
        "      AUTH PLAIN LOGIN",
        "      PIPELINING",
        "      SMTPUTF8",
        "      X-FOO bar (unknown)",
        "    5 capabilities, size limit 10240000 bytes",
        "[130] 235 2.7.0 (positive) \"Authentication successful\"",
        "[167] 250 2.1.0 (positive) \"Ok\"",
        "[181] 550 5.1.1 (permanent failure), 2 lines:",
        "      \"<nobody@example.org>: Recipient address rejected\"",
        "      \"try another\"",
        "[264] 354 (intermediate) \"End data with <CR><LF>.<CR><LF>\"",
        "[301] 250 2.0.0 (positive) \"Ok: queued as 4XyZ\"",
        "[331] 221 2.0.0 (positive) \"Bye\"",
        "ok: 8 replies");
  }

  @Test
  void transcriptMarksTheReplyToLhlo() {
    String[] lines = run(
        "S: 220 lmtp ready\nC: LHLO x\nS: 250-lmtp\nS: 250 8BITMIME\nC: RSET\nS: 250-a\nS: 250 b\n", 0);
    assertThat(lines).containsExactly(
        "smtp: 54 server bytes (transcript)",
        "[0] 220 (positive) \"lmtp ready\"",
        "[16] 250 (positive), EHLO reply from \"lmtp\":",
        "      8BITMIME",
        "    1 capabilities",
        "[40] 250 (positive), 2 lines:",
        "      \"a\"",
        "      \"b\"",
        "ok: 3 replies");
  }

  @Test
  void malformedReplyNamesItsOffset() {
    String[] lines = run("220 ok\r\n250-a\r\n251 b\r\n", 1);
    assertThat(lines[lines.length - 1])
        .isEqualTo("error at offset 15: reply code changed from 250 to 251 within a multi-line reply at offset 15: \"251 b\\r\\n\"");
    assertThat(lines).contains("[0] 220 (positive) \"ok\"");
  }

  @Test
  void garbageAndLimits() {
    assertThat(run("HTTP/1.1 200 OK\r\n", 1)[1]).startsWith("error at offset 0: expected a reply code");
    assertThat(run("220 " + "x".repeat(5000) + "\r\n", 1)[1]).startsWith("error at offset 0: maxLineLength (4096) exceeded");
  }

  @Test
  void incompleteLastReply() {
    String[] lines = run("220 ok\r\n250-more to come\r\n", 1);
    assertThat(lines).containsExactly(
        "smtp: 26 server bytes (raw stream: EHLO replies recognised by their keywords)",
        "[0] 220 (positive) \"ok\"",
        "error at offset 8: incomplete reply (18 bytes without a final line)");
  }

  @Test
  void unreadableInput() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("device error");
      }
    };
    assertThat(run(broken, 1)).containsExactly("error: cannot read the input: device error");
  }

  @Test
  void emptyInputIsZeroReplies() {
    assertThat(run("", 0)).containsExactly(
        "smtp: 0 server bytes (raw stream: EHLO replies recognised by their keywords)", "ok: 0 replies");
  }
}

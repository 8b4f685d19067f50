package org.mailwire.cli.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pop3DecodeTest {
  static String[] run(String input, int expectedStatus) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int status = Pop3Decode.print(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), out);
    String text = buf.toString(StandardCharsets.UTF_8);
    assertThat(status).as(text).isEqualTo(expectedStatus);
    return text.split("\n");
  }

  static final String RAW =
      "+OK Dovecot ready.\r\n"
          + "+OK\r\nTOP\r\nUIDL\r\nSASL PLAIN SCRAM-SHA-256\r\n.\r\n"
          + "-ERR [AUTH] Authentication failed.\r\n"
          + "+OK Logged in.\r\n"
          + "+OK 2 320\r\n"
          + "+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n"
          + "+OK\r\n1 000000016b084ee1\r\n2 000000026b084ee1\r\n.\r\n"
          + "+OK 26 octets\r\nSubject: hi\r\n\r\n..dot\r\n.\r\n"
          + "+OK Logging out.\r\n";

  @Test
  void rawStreamWithTheHeuristic() {
    String[] lines = run(RAW, 0);
    assertThat(lines).containsExactly(
        "pop3: " + RAW.length() + " server bytes (raw stream: multi-line responses found by heuristic)",
        "[0] greeting +OK \"Dovecot ready.\"",
        "[20] +OK",
        "    CAPA: 3 capabilities",
        "      TOP",
        "      UIDL",
        "      SASL PLAIN SCRAM-SHA-256",
        "[65] -ERR code=AUTH (permanent) \"Authentication failed.\"",
        "[101] +OK \"Logged in.\"",
        "[117] +OK \"2 320\"",
        "[128] +OK \"2 messages\"",
        "    scan listing: 2 messages, 320 octets (first: 1 120)",
        "[161] +OK",
        "    unique-id listing: 2 messages (first: 1 000000016b084ee1)",
        "[209] +OK \"26 octets\"",
        "    body: 21 bytes, 3 lines (dot-stuffing removed)",
        "[249] +OK \"Logging out.\"",
        "ok: 9 responses");
  }

  @Test
  void transcriptUsesTheCommands() {
    String t = "S: +OK ready\nC: USER bob\nS: +OK\nC: PASS secret\nS: +OK\n"
        + "C: RETR 1\nS: +OK\nS: 1 2\nS: .\n"        // a message that looks like a listing
        + "C: LIST 1\nS: +OK 1 2\n"
        + "C: QUIT\nS: +OK\n";
    String[] lines = run(t, 0);
    assertThat(lines[0]).isEqualTo("pop3: 48 server bytes, 5 client lines");
    assertThat(lines).contains(
        "[16] +OK   (reply to: PASS <redacted>)",
        "[21] +OK   (reply to: RETR 1)",
        "    body: 5 bytes, 1 lines (dot-stuffing removed)",
        "[34] +OK \"1 2\"   (reply to: LIST 1)");
    assertThat(String.join("\n", lines)).doesNotContain("secret");
  }

  @Test
  void malformedLineReportsItsOffset() {
    String[] lines = run("+OK hi\r\n+OK\r\nTOP\r\n.\r\n* BYE what\r\n", 1);
    assertThat(lines[lines.length - 1]).startsWith("error at offset 21: expected a POP3 status line");
  }

  @Test
  void errInsideAListingIsReportedWithItsOffset() {
    String[] lines = run("S: +OK hi\nC: LIST\nS: +OK\nS: 1 100\nS: -ERR broken\nS: .\n", 1);
    assertThat(lines[lines.length - 1]).startsWith("error at offset 20: malformed LIST line");
  }

  @Test
  void missingTerminatorIsAnError() {
    String[] lines = run("+OK hi\r\n+OK\r\nline\r\n", 1);
    assertThat(lines[lines.length - 1]).startsWith("error at offset 19: multi-line response not terminated");
  }
}

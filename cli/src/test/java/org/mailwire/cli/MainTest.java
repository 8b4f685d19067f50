package org.mailwire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(120)
  void demoTalksToEveryEmbeddedServerThroughTheTransport() {
    assertThat(run("demo")).isEqualTo(0);
    String o = out();
    assertThat(o).contains("embedded GreenMail on 127.0.0.1");
    assertThat(o).containsPattern("SMTP 127\\.0\\.0\\.1:\\d+ \\(PLAIN\\)\\s+S: 220 ");
    assertThat(o).containsPattern("POP3 127\\.0\\.0\\.1:\\d+ \\(PLAIN\\)\\s+S: \\+OK");
    assertThat(o).containsPattern("IMAP 127\\.0\\.0\\.1:\\d+ \\(PLAIN\\)\\s+S: \\* OK");
    assertThat(o).contains("3. POP3 through Pop3Client");
    assertThat(o).containsPattern("C: PASS " + java.util.regex.Pattern.quote(org.mailwire.transport.WireTrace.REDACTED)
        + "|C: AUTH|C: USER");
    assertThat(o).contains("2. SMTP through SmtpClient");
    assertThat(o).containsPattern("recipient demo@localhost: accepted \\(250");
    assertThat(o).contains("STAT: 1 message(s)");
    assertThat(o).contains("Subject: Sent by the mailwire demo");
    assertThat(o).doesNotContain(Demo.PASSWORD);
    assertThat(o).endsWith("done." + System.lineSeparator());
  }

  private int runWithInput(byte[] stdin, String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void decodeEasPrintsACapturedWbxmlBodyAsXml() {
    // The FolderSync request with SyncKey 0, as hex text and as raw bytes.
    String hex = "03 01 6a 00 00 07 56 52 03 30 00 01 01";
    assertThat(runWithInput(hex.getBytes(StandardCharsets.US_ASCII), "decode", "eas")).isEqualTo(0);
    assertThat(out()).contains("FolderSync").contains("SyncKey").contains(">0<");
    out.reset();
    byte[] raw = {0x03, 0x01, 0x6a, 0x00, 0x00, 0x07, 0x56, 0x52, 0x03, 0x30, 0x00, 0x01, 0x01};
    assertThat(runWithInput(raw, "decode", "eas", "-")).isEqualTo(0);
    assertThat(out()).contains("FolderSync").contains(">0<");
    out.reset();
    byte[] truncated = {0x03, 0x01, 0x6a, 0x00, 0x00, 0x07, 0x56, 0x52, 0x03, 0x30};
    assertThat(runWithInput(truncated, "decode", "eas")).isEqualTo(1);
    assertThat(out()).contains("error:");
  }

  @Test
  void decodePop3ReadsAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("pop3.txt");
    java.nio.file.Files.writeString(f, "+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>\r\n-ERR [IN-USE] locked\r\n");
    assertThat(run("decode", "pop3", f.toString())).isEqualTo(0);
    assertThat(out()).contains("IN-USE");
  }

  @Test
  void decodeSmtpAndImapFromStdin() {
    byte[] smtp = "220 mx ready\r\n250-mx\r\n250-PIPELINING\r\n250 SIZE 1000\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(runWithInput(smtp, "decode", "smtp")).isEqualTo(0);
    assertThat(out()).contains("220").contains("PIPELINING");
    out.reset();
    byte[] imap = "* OK ready\r\n* 3 EXISTS\r\na1 OK done\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(runWithInput(imap, "decode", "imap")).isEqualTo(0);
    assertThat(out()).contains("count=3").contains("a1");
    out.reset();
    byte[] garbage = "hello?\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(runWithInput(garbage, "decode", "smtp")).isEqualTo(1);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
    assertThat(run("decode", "nntp", "-")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown protocol 'nntp'");
    assertThat(run("help")).isEqualTo(0);
    assertThat(out()).contains("usage: mailwire demo");
  }
}

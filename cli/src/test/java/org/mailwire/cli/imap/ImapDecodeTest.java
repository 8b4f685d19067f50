package org.mailwire.cli.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImapDecodeTest {
  private static String run(String capture, int[] status) {
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    status[0] = ImapDecode.print(new ByteArrayInputStream(capture.getBytes(StandardCharsets.UTF_8)), new PrintStream(bo, true, StandardCharsets.UTF_8));
    return bo.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsEachResponse() {
    int[] st = new int[1];
    String out = run("* OK [CAPABILITY IMAP4rev1] ready\r\n* 1 FETCH (UID 5 BODY[] {5}\r\nhello)\r\nA1 OK done\r\n", st);
    assertThat(st[0]).isZero();
    assertThat(out).isEqualTo(
        "Greeting[status=OK, code=Capability[capabilities=[IMAP4rev1]], text=ready]\n"
            + "  body BODY[] begins (5 bytes)\n"
            + "  body BODY[] ends after 5 bytes\n"
            + "Fetch[sequence=1, items=[Uid[uid=5], Body[section=BODY[], size=5]]]\n"
            + "Tagged[tag=A1, status=OK, code=null, text=done]\n");
  }

  @Test
  void reportsErrorsWithOffsetAndContinues() {
    int[] st = new int[1];
    String out = run("* OK hi\r\n* 2 FETCH (UID x)\r\nA1 OK\n", st);
    assertThat(st[0]).isEqualTo(1);
    assertThat(out).contains("ERROR at offset 24: expected a number")
        .contains("  ~ tolerated BARE_LF at offset 33")
        .endsWith("Tagged[tag=A1, status=OK, code=null, text=]\n");
  }

  @Test
  void truncatedStreamIsAnError() {
    int[] st = new int[1];
    String out = run("* OK hi\r\n* 3 EXI", st);
    assertThat(st[0]).isEqualTo(1);
    assertThat(out).contains("ERROR at offset 9: the stream ends in the middle of a response (7 bytes)");
  }
}

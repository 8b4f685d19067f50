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
    assertThat(o).doesNotContain(Demo.PASSWORD);
    assertThat(o).endsWith("done." + System.lineSeparator());
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

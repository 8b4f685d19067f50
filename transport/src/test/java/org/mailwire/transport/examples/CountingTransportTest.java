package org.mailwire.transport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mailwire.transport.bytes.InputBuffer;
import org.mailwire.transport.testkit.ScriptedTransport;

/** The README's "plug in your own Transport" example works, and the README shows it verbatim. */
class CountingTransportTest {

  @Test
  void countsBothDirectionsAndDelegatesStartTls() throws Exception {
    ScriptedTransport script = ScriptedTransport.of("S: 220 hi\nC: STARTTLS\nS: 220 go\n-- starttls\nC: QUIT");
    CountingTransport t = new CountingTransport(script);
    InputBuffer in = new InputBuffer(64, 1024);
    in.skipTo(in.fillLine(t, 100) + 1);
    t.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
    t.flush();
    in.skipTo(in.fillLine(t, 100) + 1);
    in.discard();
    t.startTls();
    assertThat(t.isSecure()).isTrue();
    t.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
    t.flush();
    script.assertDone();
    assertThat(t.bytesRead()).isEqualTo("220 hi\r\n220 go\r\n".length());
    assertThat(t.bytesWritten()).isEqualTo("STARTTLS\r\nQUIT\r\n".length());
  }

  @Test
  void theReadmeShowsThisExampleVerbatim() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    String start = "<!-- example: transport/src/test/java/org/mailwire/transport/examples/CountingTransport.java -->";
    int s = text.indexOf(start);
    assertThat(s).as("README marker").isGreaterThanOrEqualTo(0);
    int open = text.indexOf("```java\n", s) + "```java\n".length();
    int close = text.indexOf("```", open);
    String shown = text.substring(open, close);
    String source = Files.readString(Path.of("src/test/java/org/mailwire/transport/examples/CountingTransport.java"));
    String body = source.substring(source.indexOf("/** Wraps another transport"));
    assertThat(shown).isEqualTo(body);
  }
}

package org.mailwire.cli.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailwire.cli.DemoContext;
import org.mailwire.transport.WireTrace;

class Pop3DemoTest {
  GreenMail mail;
  final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  final List<String> trace = new ArrayList<>();

  @BeforeEach
  void start() {
    mail = new GreenMail(new ServerSetup[] {
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort()
    });
    mail.start();
    mail.setUser("demo@localhost", "demo", "demo-pw");
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  DemoContext ctx() {
    return new DemoContext("127.0.0.1", mail.getSmtp().getPort(), mail.getPop3().getPort(), 1,
        "demo", "demo-pw", "demo@localhost", WireTrace.to(trace::add),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
  }

  @Test
  void showsStatUidlAndTheNewestMessagesHeaders() throws Exception {
    GreenMailUtil.sendTextEmail("demo@localhost", "alice@localhost", "first", "one", mail.getSmtp().getServerSetup());
    GreenMailUtil.sendTextEmail("demo@localhost", "alice@localhost", "second hello", "two", mail.getSmtp().getServerSetup());
    mail.waitForIncomingEmail(5000, 2);
    Pop3Demo.run(ctx());
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("STAT: 2 message(s)", "UIDL: message 1 -> ", "UIDL: message 2 -> ",
        "newest message: 2", "Subject: second hello", "QUIT:");
    assertThat(trace).contains("C: RETR 2", "C: QUIT");
    assertThat(String.join("\n", trace)).doesNotContain("demo-pw");
  }

  @Test
  void emptyMaildropIsHandled() throws Exception {
    Pop3Demo.run(ctx());
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("STAT: 0 message(s)", "the maildrop is empty");
    assertThat(trace).noneMatch(l -> l.startsWith("C: RETR"));
  }
}

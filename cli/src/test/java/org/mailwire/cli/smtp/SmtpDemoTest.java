package org.mailwire.cli.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
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

class SmtpDemoTest {
  GreenMail mail;
  final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  final List<String> trace = new ArrayList<>();

  @BeforeEach
  void start() {
    mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()});
    mail.start();
    mail.setUser("demo@localhost", "demo", "demo-pw");
  }

  @AfterEach
  void stop() {
    mail.stop();
  }

  @Test
  void sendsOneMessageAndPrintsTheResult() throws Exception {
    DemoContext ctx = new DemoContext("127.0.0.1", mail.getSmtp().getPort(), 1, 1, "demo", "demo-pw",
        "demo@localhost", WireTrace.to(trace::add), new PrintStream(buf, true, StandardCharsets.UTF_8));
    SmtpDemo.run(ctx);
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("server offers: AUTH", "logged in as demo", "final reply: 250",
        "queue id: ", "recipient demo@localhost: accepted (250");
    assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    MimeMessage got = mail.getReceivedMessages()[0];
    assertThat(got.getSubject()).isEqualTo("Sent by the mailwire demo");
    assertThat(GreenMailUtil.getBody(got)).contains("\r\n.A line that starts with a dot");
    assertThat(trace).anyMatch(l -> l.startsWith("C: AUTH PLAIN")).contains("C: QUIT");
    assertThat(String.join("\n", trace)).doesNotContain("demo-pw").contains("C: <body ");
  }
}

package org.mailwire.cli.smtp;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.mailwire.cli.DemoContext;
import org.mailwire.sasl.Credentials;
import org.mailwire.sasl.SaslOptions;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.RecipientStatus;
import org.mailwire.smtp.SendResult;
import org.mailwire.smtp.SmtpClient;
import org.mailwire.smtp.SmtpOptions;
import org.mailwire.smtp.SmtpTimeouts;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;

/**
 * The SMTP step of {@code mailwire demo}: connects to the embedded SMTP server in plaintext
 * (loopback, so plaintext authentication is opted in), shows what it offers, logs in with the
 * mechanism chosen from its AUTH list, sends one message to the demo user and prints the result
 * (queue id, each recipient's status), with the wire trace.
 */
public final class SmtpDemo {
  private SmtpDemo() {}

  /**
   * Runs the demo step.
   *
   * @param ctx the embedded servers, the demo user and where to print
   * @throws Exception if the server cannot be reached or refuses
   */
  public static void run(DemoContext ctx) throws Exception {
    PrintStream out = ctx.out();
    out.println("SMTP: connect (plain, loopback), EHLO, AUTH, send one message, QUIT");
    Endpoint ep = Endpoint.builder(ctx.host(), ctx.smtpPort()).security(Security.PLAIN).build();
    SmtpOptions options =
        SmtpOptions.defaults()
            .withClientDomain("demo.mailwire.test")
            .withTrace(ctx.trace())
            .withTimeouts(SmtpTimeouts.uniform(Duration.ofSeconds(30)))
            .withSasl(SaslOptions.defaults().allowPlaintextOnInsecureChannel(true));
    String messageId = "<demo." + UUID.randomUUID() + "@mailwire.test>";
    byte[] message =
        ("Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                + "From: <" + ctx.address() + ">\r\n"
                + "To: <" + ctx.address() + ">\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + "Subject: Sent by the mailwire demo\r\n"
                + "\r\n"
                + "This message went out through SmtpClient.\r\n"
                + ".A line that starts with a dot travels dot-stuffed.\r\n")
            .getBytes(StandardCharsets.UTF_8);
    try (SmtpClient smtp = SmtpClient.connect(ep, options)) {
      out.println("  server offers: " + smtp.capabilities());
      smtp.login(Credentials.password(ctx.user(), ctx.password().toCharArray()));
      out.println("  logged in as " + ctx.user());
      Envelope env = Envelope.builder(ctx.address()).to(ctx.address()).label(messageId).build();
      SendResult r = smtp.send(env, new ByteArrayInputStream(message));
      out.println("  sent " + r.label() + " (" + r.contentBytes() + " bytes)");
      out.println("  final reply: " + r.finalReply().toString().replace("\n", " | "));
      out.println("  queue id: " + r.queueId().orElse("(the server named none)"));
      for (RecipientStatus s : r.recipients()) {
        out.println("  recipient " + s.address() + ": " + (s.accepted() ? "accepted" : "refused")
            + " (" + s.reply().code()
            + (s.reply().enhancedStatusText() == null ? "" : " " + s.reply().enhancedStatusText()) + ")");
      }
    }
  }
}

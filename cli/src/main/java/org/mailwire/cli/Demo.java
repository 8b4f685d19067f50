package org.mailwire.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.PrintStream;
import java.time.Duration;
import org.mailwire.cli.pop3.Pop3Demo;
import org.mailwire.cli.smtp.SmtpDemo;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;
import org.mailwire.transport.SocketTransport;
import org.mailwire.transport.Transport;
import org.mailwire.transport.WireTrace;
import org.mailwire.transport.bytes.InputBuffer;

/**
 * {@code mailwire demo}: starts GreenMail's SMTP, POP3 and IMAP servers on 127.0.0.1 (free ports,
 * no TLS: GreenMail's certificate names no host, and mailwire never skips verification), then
 * shows what the library can do against them, printing the wire trace.
 */
final class Demo {
  static final String USER = "demo";
  static final String PASSWORD = "demo-password";
  static final String ADDRESS = "demo@localhost";

  private Demo() {}

  static int run(PrintStream out) throws Exception {
    ServerSetup[] setups = {
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort(),
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
    };
    GreenMail mail = new GreenMail(setups);
    mail.start();
    try {
      mail.setUser(ADDRESS, USER, PASSWORD);
      WireTrace trace = WireTrace.to(line -> out.println("    " + line));
      DemoContext ctx =
          new DemoContext(
              "127.0.0.1",
              mail.getSmtp().getPort(),
              mail.getPop3().getPort(),
              mail.getImap().getPort(),
              USER,
              PASSWORD,
              ADDRESS,
              trace,
              out);
      out.println("mailwire demo: embedded GreenMail on 127.0.0.1"
          + " (SMTP " + ctx.smtpPort() + ", POP3 " + ctx.pop3Port() + ", IMAP " + ctx.imapPort() + ")");
      out.println();
      out.println("1. Transport: connect to each server and read its greeting");
      greeting(ctx, "SMTP", ctx.smtpPort());
      greeting(ctx, "POP3", ctx.pop3Port());
      greeting(ctx, "IMAP", ctx.imapPort());
      out.println();
      out.println("2. SMTP through SmtpClient: send a message to " + ADDRESS);
      SmtpDemo.run(ctx);
      out.println();
      out.println("3. POP3 through Pop3Client");
      Pop3Demo.run(ctx);
      out.println();
      out.println("done.");
      return 0;
    } finally {
      mail.stop();
    }
  }

  private static void greeting(DemoContext ctx, String name, int port) throws Exception {
    Endpoint ep =
        Endpoint.builder(ctx.host(), port)
            .security(Security.PLAIN)
            .readTimeout(Duration.ofSeconds(10))
            .build();
    ctx.out().println("  " + name + " " + ep);
    try (Transport t = SocketTransport.connect(ep)) {
      InputBuffer in = InputBuffer.withMaxCapacity(64 * 1024);
      int lf = in.fillLine(t, 8192);
      ctx.trace().server(in.array(), in.readIndex(), lf + 1 - in.readIndex());
    }
  }
}

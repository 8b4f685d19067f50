package org.mailwire.benchmarks.smtp;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.SocketFactory;
import org.mailwire.smtp.Envelope;
import org.mailwire.smtp.SendResult;
import org.mailwire.smtp.SmtpClient;
import org.mailwire.smtp.SmtpOptions;
import org.mailwire.smtp.SmtpPool;
import org.mailwire.smtp.SmtpTimeouts;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;
import org.mailwire.transport.WireTrace;

/**
 * End-to-end sending over loopback: N messages of S bytes, one after another, to a real SMTP
 * server (Postfix's {@code smtp-sink}, or a real Postfix), by mailwire and by Angus Mail. Not a
 * JMH benchmark (it measures the server as much as the client); it prints messages per second.
 *
 * <pre>
 * java -cp benchmarks.jar org.mailwire.benchmarks.smtp.SmtpEndToEnd \
 *     --port 2525 [--host 127.0.0.1] [--messages 1000] [--size 10240] [--warmup 200] \
 *     [--from a@localhost] [--to b@localhost] \
 *     --client mailwire|mailwire-bdat|angus|angus-nodelay|pool [--connections 4]
 * </pre>
 *
 * <ul>
 *   <li>{@code mailwire}: one {@link SmtpClient}, defaults (PIPELINING: MAIL, RCPT and DATA in one
 *       write, then the content);
 *   <li>{@code mailwire-bdat}: the same with BDAT (CHUNKING) turned on;
 *   <li>{@code pool}: {@link SmtpPool#sendAll} over {@code --connections} connections, defaults;
 *   <li>{@code angus}: Angus Mail 2.0.5 {@code SMTPTransport.sendMessage} on one connected
 *       transport, a {@code MimeMessage} parsed once from the same bytes, default settings;
 *   <li>{@code angus-nodelay}: the same with a socket factory that sets {@code TCP_NODELAY}.
 * </ul>
 *
 * Each run first sends {@code --warmup} messages on a separate connection (JIT warm-up), then
 * times {@code --messages} messages.
 */
public final class SmtpEndToEnd {
  private SmtpEndToEnd() {}

  /** Runs one client against one target; see the class documentation for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("host", "127.0.0.1");
    a.put("messages", "1000");
    a.put("size", "10240");
    a.put("warmup", "200");
    a.put("from", "alice@localhost");
    a.put("to", "bob@localhost");
    a.put("client", "mailwire");
    a.put("connections", "1");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    if (!a.containsKey("port")) {
      throw new IllegalArgumentException("--port is required");
    }
    String host = a.get("host");
    int port = Integer.parseInt(a.get("port"));
    int n = Integer.parseInt(a.get("messages"));
    int warm = Integer.parseInt(a.get("warmup"));
    int connections = Integer.parseInt(a.get("connections"));
    byte[] msg = message(a.get("from"), a.get("to"), Integer.parseInt(a.get("size")));
    String client = a.get("client");
    Runner r = switch (client) {
      case "mailwire" -> count -> mailwire(host, port, a.get("from"), a.get("to"), msg, count, false);
      case "mailwire-bdat" -> count -> mailwire(host, port, a.get("from"), a.get("to"), msg, count, true);
      case "pool" -> count -> pool(host, port, a.get("from"), a.get("to"), msg, count, connections);
      case "angus" -> count -> angus(host, port, a.get("from"), a.get("to"), msg, count, false);
      case "angus-nodelay" -> count -> angus(host, port, a.get("from"), a.get("to"), msg, count, true);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
    if (warm > 0) {
      r.run(warm);
    }
    long t0 = System.nanoTime();
    r.run(n);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "client=%s%s target=%s:%d messages=%d size=%d seconds=%.3f messages/s=%.0f%n",
        client, client.equals("pool") ? "(" + connections + ")" : "", host, port, n, msg.length, s, n / s);
  }

  @FunctionalInterface
  interface Runner {
    void run(int count) throws Exception;
  }

  /** A message of exactly {@code size} bytes: headers, then 76-column text lines. */
  static byte[] message(String from, String to, int size) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(size);
    b.writeBytes(("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: mailwire end-to-end benchmark\r\n"
        + "Message-ID: <bench@mailwire.test>\r\nDate: Thu, 1 Jan 2026 00:00:00 +0000\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    byte[] line = "The quick brown fox jumps over the lazy dog; 0123456789 abcdefghijklmnopq\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    while (b.size() + line.length <= size - 2) {
      b.writeBytes(line);
    }
    while (b.size() < size - 2) {
      b.write('x');
    }
    b.write('\r');
    b.write('\n');
    return b.toByteArray();
  }

  static SmtpOptions options(boolean chunking) {
    return SmtpOptions.defaults()
        .withClientDomain("bench.mailwire.test")
        .withTrace(WireTrace.OFF)
        .withChunking(chunking)
        .withTimeouts(SmtpTimeouts.uniform(Duration.ofSeconds(60)));
  }

  static void mailwire(String host, int port, String from, String to, byte[] msg, int count, boolean chunking)
      throws IOException {
    Endpoint ep = Endpoint.builder(host, port).security(Security.PLAIN).build();
    Envelope env = Envelope.builder(from).to(to).build();
    try (SmtpClient c = SmtpClient.connect(ep, options(chunking))) {
      for (int i = 0; i < count; i++) {
        SendResult r = c.send(env, new ByteArrayInputStream(msg));
        if (r.finalReply().code() != 250) {
          throw new IllegalStateException("not sent: " + r);
        }
      }
    }
  }

  static void pool(String host, int port, String from, String to, byte[] msg, int count, int connections)
      throws IOException {
    Endpoint ep = Endpoint.builder(host, port).security(Security.PLAIN).build();
    Envelope env = Envelope.builder(from).to(to).build();
    List<SmtpPool.Message> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(new SmtpPool.Message(env, () -> new ByteArrayInputStream(msg)));
    }
    try (SmtpPool pool = SmtpPool.create(ep, options(false), null, connections)) {
      for (SmtpPool.Outcome o : pool.sendAll(list)) {
        if (!o.sent()) {
          throw new IllegalStateException("not sent", o.failure());
        }
      }
    }
  }

  static void angus(String host, int port, String from, String to, byte[] msg, int count, boolean noDelay)
      throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.localhost", "bench.mailwire.test");
    p.put("mail.smtp.from", from);
    if (noDelay) {
      p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    }
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(msg));
    Address[] rcpt = {new InternetAddress(to)};
    try (Transport t = session.getTransport("smtp")) {
      t.connect();
      for (int i = 0; i < count; i++) {
        t.sendMessage(m, rcpt);
      }
    }
  }

  /** Plain sockets with TCP_NODELAY, for Angus Mail's {@code mail.smtp.socketFactory}. */
  static final class NoDelaySocketFactory extends SocketFactory {
    private static Socket nodelay(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }

    @Override
    public Socket createSocket() throws IOException {
      return nodelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return nodelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return nodelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return nodelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return nodelay(new Socket(address, port, localAddress, localPort));
    }
  }
}

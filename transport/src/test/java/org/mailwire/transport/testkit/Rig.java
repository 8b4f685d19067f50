package org.mailwire.transport.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.mailwire.transport.Endpoint;
import org.mailwire.transport.Security;

/**
 * The real servers started by {@code scripts/rig/start.sh}: ports, users and the trust store, read
 * from the properties file named by the system property {@code mailwire.rig} (or the environment
 * variable {@code MAILWIRE_RIG}). Integration tests ({@code *IT}) fail, rather than skip, when it
 * is missing: a run that claims to test real servers must have them.
 *
 * <p>Services: {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}, {@code lmtp}, {@code
 * smtp}, {@code smtps}, {@code submission}.
 */
public final class Rig {
  private static Rig instance;

  private final Properties p;

  private Rig(Properties p) {
    this.p = p;
  }

  /** The rig of this test run. */
  public static synchronized Rig get() {
    if (instance == null) {
      String file = System.getProperty("mailwire.rig");
      if (file == null || file.isBlank()) {
        file = System.getenv("MAILWIRE_RIG");
      }
      if (file == null || file.isBlank()) {
        throw new AssertionError(
            "integration tests need the real servers: run scripts/test.sh, or scripts/rig/start.sh"
                + " and pass -Dmailwire.rig=<dir>/rig.properties");
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(Path.of(file))) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rig file " + file, e);
      }
      instance = new Rig(p);
    }
    return instance;
  }

  /** A raw property of the rig file. */
  public String property(String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new AssertionError("rig file has no " + key);
    }
    return v;
  }

  public String host() {
    return property("host");
  }

  /** The port of {@code service}, e.g. {@code "imaps"}. */
  public int port(String service) {
    return Integer.parseInt(property(service + ".port"));
  }

  public Path trustStore() {
    return Path.of(property("truststore"));
  }

  public char[] trustStorePassword() {
    return property("truststore.password").toCharArray();
  }

  /** An endpoint for {@code service} with {@code security}, trusting the rig's certificate. */
  public Endpoint.Builder endpoint(String service, Security security) {
    try {
      return Endpoint.builder(host(), port(service))
          .security(security)
          .trustStore(trustStore(), trustStorePassword());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Test user {@code n} (1 or 2): login name. */
  public String user(int n) {
    return property("user" + n);
  }

  /** Test user {@code n}'s password. */
  public String password(int n) {
    return property("user" + n + ".password");
  }

  /** Test user {@code n}'s mail address. */
  public String address(int n) {
    return property("user" + n + ".address");
  }

  /**
   * Delivers {@code message} through the rig's Postfix (its plain {@code smtp} port) with a
   * minimal raw exchange of its own, independent of the SMTP module: EHLO, MAIL, RCPT, DATA with
   * dot-stuffing (RFC 5321 §4.5.2), QUIT. Postfix hands it to Dovecot; it shows up over IMAP and
   * POP3 a moment later.
   *
   * @param message the message, CRLF line ends, ending with CRLF
   * @throws IOException on any reply but the expected one, naming it
   */
  public void deliver(String from, String to, byte[] message) throws IOException {
    try (Socket s = new Socket(host(), port("smtp"))) {
      s.setSoTimeout(30_000);
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      expect(in, 220);
      command(out, in, "EHLO rig.mailwire.test", 250);
      command(out, in, "MAIL FROM:<" + from + ">", 250);
      command(out, in, "RCPT TO:<" + to + ">", 250);
      command(out, in, "DATA", 354);
      out.write(dotStuff(message));
      command(out, in, ".", 250);
      command(out, in, "QUIT", 221);
    }
  }

  /**
   * Dot-stuffs a message for SMTP DATA: a line that starts with {@code .} gets another.
   *
   * @throws IllegalArgumentException if the message does not end with CRLF
   */
  public static byte[] dotStuff(byte[] message) {
    int n = message.length;
    if (n < 2 || message[n - 2] != '\r' || message[n - 1] != '\n') {
      throw new IllegalArgumentException("message must end with CRLF");
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream(n + 1024);
    boolean lineStart = true;
    for (byte b : message) {
      if (lineStart && b == '.') {
        o.write('.');
      }
      o.write(b);
      lineStart = b == '\n';
    }
    return o.toByteArray();
  }

  private static void command(OutputStream out, InputStream in, String line, int code) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    expect(in, code);
  }

  private static void expect(InputStream in, int code) throws IOException {
    String want = Integer.toString(code);
    while (true) {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("rig SMTP: connection closed while waiting for " + code);
        }
        sb.append((char) c);
      }
      String l = sb.toString().strip();
      if (!l.startsWith(want)) {
        throw new IOException("rig SMTP: expected " + code + " but got: " + l);
      }
      if (l.length() < 4 || l.charAt(3) != '-') {
        return;
      }
    }
  }
}

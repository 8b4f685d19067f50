package org.mailwire.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal plain SMTP sender for integration tests (the SMTP module is separate): EHLO, MAIL,
 * RCPT, DATA with dot-stuffing (RFC 5321 §4.5.2), QUIT. Throws on any unexpected reply.
 */
final class RawSmtp {
  private RawSmtp() {}

  static void send(String host, int port, String from, String to, byte[] message) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(30_000);
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      expect(in, 220);
      command(out, "EHLO localhost");
      expect(in, 250);
      command(out, "MAIL FROM:<" + from + ">");
      expect(in, 250);
      command(out, "RCPT TO:<" + to + ">");
      expect(in, 250);
      command(out, "DATA");
      expect(in, 354);
      out.write(stuff(message));
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      expect(in, 250);
      command(out, "QUIT");
      expect(in, 221);
    }
  }

  /** Dot-stuffs a CRLF message that ends with CRLF. */
  static byte[] stuff(byte[] message) {
    if (message.length < 2 || message[message.length - 2] != '\r' || message[message.length - 1] != '\n') {
      throw new IllegalArgumentException("message must end with CRLF");
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream(message.length + 1024);
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

  private static void command(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void expect(InputStream in, int code) throws IOException {
    while (true) {
      String line = readLine(in);
      if (line.length() < 3 || !line.startsWith(Integer.toString(code))) {
        throw new IOException("SMTP: expected " + code + " but got: " + line);
      }
      if (line.length() == 3 || line.charAt(3) == ' ') {
        return;
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    throw new IOException("SMTP: connection closed");
  }
}

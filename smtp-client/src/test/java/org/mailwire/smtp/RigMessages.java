package org.mailwire.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;

/** Messages with unique Message-IDs for the integration tests, and checks of what arrived. */
final class RigMessages {
  private RigMessages() {}

  static String newId(String what) {
    return "<" + what + "." + UUID.randomUUID() + "@mailwire.test>";
  }

  /** A complete RFC 5322 message (CRLF line ends), so the server has nothing to add or rewrite. */
  static byte[] message(String from, String to, String messageId, String subject, String body) {
    String head =
        "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
            + "From: <" + from + ">\r\n"
            + "To: <" + to + ">\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n";
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Asserts that {@code delivered} is exactly {@code sent} with trace headers (Return-Path,
   * Delivered-To, Received, ...) prepended by the delivery, and nothing else changed.
   */
  static void assertDeliveredIntact(byte[] delivered, byte[] sent) {
    assertThat(delivered.length).isGreaterThanOrEqualTo(sent.length);
    int prefix = delivered.length - sent.length;
    byte[] tail = java.util.Arrays.copyOfRange(delivered, prefix, delivered.length);
    assertThat(new String(tail, StandardCharsets.UTF_8)).isEqualTo(new String(sent, StandardCharsets.UTF_8));
    assertThat(tail).isEqualTo(sent);
    String added = new String(delivered, 0, prefix, StandardCharsets.UTF_8);
    assertThat(added).endsWith("\r\n");
    for (String line : added.split("\r\n")) {
      assertThat(line).as("prepended header line").matches("([A-Za-z-]+:.*|[ \\t].*)");
    }
  }

  /** A transport that records the bytes of every flush (one entry per write to the network). */
  static final class FlushRecorder implements Transport {
    final Transport inner;
    final List<String> flushes = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    FlushRecorder(Transport inner) {
      this.inner = inner;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws TransportException {
      return inner.read(dst, off, len);
    }

    @Override
    public void write(byte[] src, int off, int len) throws TransportException {
      pending.write(src, off, len);
      inner.write(src, off, len);
    }

    @Override
    public void flush() throws TransportException {
      flushes.add(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
      inner.flush();
    }

    @Override
    public void startTls() throws TransportException {
      inner.startTls();
    }

    @Override
    public boolean isSecure() {
      return inner.isSecure();
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
      return inner.tlsInfo();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}

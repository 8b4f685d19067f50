package org.mailwire.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;

/**
 * An in-memory SMTP server connection for pool tests: it answers whatever the client sends
 * (PIPELINING, no CHUNKING), counts delivered messages in a shared counter, and can be told to
 * drop the connection after some messages, as a server closing idle connections does.
 */
final class FakeSmtpServer implements Transport {
  private final AtomicInteger delivered;
  private final int closeAfterMessages;
  private final boolean say421;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final ByteArrayOutputStream replies = new ByteArrayOutputStream();
  private final StringBuilder data = new StringBuilder();
  private byte[] out = new byte[0];
  private int outPos;
  private boolean inData;
  private boolean gone;
  private int messages;
  volatile boolean closed;

  /**
   * @param delivered counts messages accepted by every connection
   * @param closeAfterMessages drop the connection when the next exchange starts after this many
   *     messages (Integer.MAX_VALUE: never)
   * @param say421 answer that exchange with 421 instead of just closing
   */
  FakeSmtpServer(AtomicInteger delivered, int closeAfterMessages, boolean say421) {
    this.delivered = delivered;
    this.closeAfterMessages = closeAfterMessages;
    this.say421 = say421;
    reply("220 fake ESMTP");
    flushReplies();
  }

  private void reply(String line) {
    replies.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  private void flushReplies() {
    byte[] more = replies.toByteArray();
    replies.reset();
    byte[] rest = new byte[out.length - outPos + more.length];
    System.arraycopy(out, outPos, rest, 0, out.length - outPos);
    System.arraycopy(more, 0, rest, out.length - outPos, more.length);
    out = rest;
    outPos = 0;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws TransportException {
    if (outPos == out.length) {
      if (gone) {
        return -1;
      }
      throw new AssertionError("client reads but the fake server owes nothing");
    }
    int n = Math.min(len, out.length - outPos);
    System.arraycopy(out, outPos, dst, off, n);
    outPos += n;
    return n;
  }

  @Override
  public void write(byte[] src, int off, int len) throws TransportException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    pending.write(src, off, len);
  }

  @Override
  public void flush() throws TransportException {
    if (gone) {
      throw new TransportException("broken pipe (fake)");
    }
    String text = pending.toString(StandardCharsets.ISO_8859_1);
    pending.reset();
    if (messages >= closeAfterMessages && !inData) {
      gone = true;
      if (say421) {
        reply("421 4.4.2 fake closing connection");
        flushReplies();
      }
      return;
    }
    int i = 0;
    while (i < text.length()) {
      int eol = text.indexOf("\r\n", i);
      if (eol < 0) {
        throw new AssertionError("partial line from the client: " + text.substring(i));
      }
      String line = text.substring(i, eol);
      i = eol + 2;
      if (inData) {
        if (line.equals(".")) {
          inData = false;
          messages++;
          int n = delivered.incrementAndGet();
          reply("250 2.0.0 Ok: queued as Q" + n);
        } else {
          data.append(line).append('\n');
        }
        continue;
      }
      String verb = line.length() >= 4 ? line.substring(0, 4) : line;
      switch (verb) {
        case "EHLO" -> {
          reply("250-fake");
          reply("250-PIPELINING");
          reply("250 8BITMIME");
        }
        case "MAIL", "RCPT", "RSET", "NOOP" -> reply("250 2.0.0 Ok");
        case "DATA" -> {
          reply("354 go");
          inData = true;
        }
        case "QUIT" -> {
          reply("221 2.0.0 Bye");
          gone = true;
        }
        default -> reply("502 5.5.2 what?");
      }
    }
    flushReplies();
  }

  @Override
  public void startTls() {
    throw new IllegalStateException("no TLS here");
  }

  @Override
  public boolean isSecure() {
    return false;
  }

  @Override
  public Optional<TlsInfo> tlsInfo() {
    return Optional.empty();
  }

  @Override
  public void close() {
    closed = true;
  }
}

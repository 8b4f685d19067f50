package org.mailwire.benchmarks.smtp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A {@link Socket} over in-memory streams, so that Angus Mail's and Commons Net's own reply
 * reading runs on exactly the bytes mailwire gets, without a network.
 */
final class InMemorySocket extends Socket {
  private final InputStream in;
  private final OutputStream out;

  InMemorySocket(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public void connect(SocketAddress endpoint) {}

  @Override
  public void connect(SocketAddress endpoint, int timeout) {}

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public boolean isClosed() {
    return false;
  }

  @Override
  public InetAddress getInetAddress() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public int getPort() {
    return 25;
  }

  @Override
  public int getLocalPort() {
    return 40000;
  }

  @Override
  public void setSoTimeout(int timeout) {}

  @Override
  public void setTcpNoDelay(boolean on) {}

  @Override
  public void setKeepAlive(boolean on) {}

  @Override
  public void setSoLinger(boolean on, int linger) {}

  @Override
  public void setReceiveBufferSize(int size) {}

  @Override
  public void setSendBufferSize(int size) {}

  @Override
  public void close() {}

  /** Endless input: {@code prefix} once, then {@code unit} again and again. */
  static final class Repeating extends InputStream {
    private final byte[] prefix;
    private final byte[] unit;
    private byte[] current;
    private int pos;

    Repeating(byte[] prefix, byte[] unit) {
      this.prefix = prefix;
      this.unit = unit;
      this.current = prefix.length > 0 ? prefix : unit;
    }

    @Override
    public int read() {
      int b = current[pos++] & 0xff;
      if (pos == current.length) {
        current = unit;
        pos = 0;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      if (pos == current.length) {
        current = unit;
        pos = 0;
      }
      return n;
    }

    @Override
    public int available() {
      return current.length - pos;
    }

    byte[] prefix() {
      return prefix;
    }
  }

  /** Discards bytes, counting them. */
  static final class Sink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}

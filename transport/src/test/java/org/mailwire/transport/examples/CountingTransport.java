package org.mailwire.transport.examples;

import java.util.Optional;
import org.mailwire.transport.TlsInfo;
import org.mailwire.transport.Transport;
import org.mailwire.transport.TransportException;

/** Wraps another transport and counts the bytes that cross it. */
public final class CountingTransport implements Transport {
  private final Transport inner;
  private long bytesRead;
  private long bytesWritten;

  public CountingTransport(Transport inner) {
    this.inner = inner;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws TransportException {
    int n = inner.read(dst, off, len);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
  }

  @Override
  public void write(byte[] src, int off, int len) throws TransportException {
    inner.write(src, off, len);
    bytesWritten += len;
  }

  @Override
  public void flush() throws TransportException {
    inner.flush();
  }

  @Override
  public void startTls() throws TransportException {
    inner.startTls(); // the wrapped transport does the handshake, in place
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

  public long bytesRead() {
    return bytesRead;
  }

  public long bytesWritten() {
    return bytesWritten;
  }
}

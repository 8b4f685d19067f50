package org.mailwire.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The default {@link Transport}: a JDK {@link Socket}, wrapped in an {@link SSLSocket} for
 * implicit TLS or after {@link #startTls()}.
 *
 * <ul>
 *   <li>{@code TCP_NODELAY} is on: writes are batched in a buffer of {@value #WRITE_BUFFER} bytes
 *       and sent on {@link #flush()}, so Nagle's algorithm would only add delay.
 *   <li>TLS: host name verification ({@code HTTPS} endpoint identification, RFC 6125 / RFC 2818
 *       rules) and SNI for host names are always on; the chain is checked against the endpoint's
 *       {@link javax.net.ssl.SSLContext}.
 *   <li>No read buffer: every byte read from the socket goes straight to the caller, so no
 *       plaintext byte can be hidden here across a STARTTLS upgrade.
 *   <li>No monitors are held across blocking I/O: safe on virtual threads.
 * </ul>
 */
public final class SocketTransport implements Transport {
  /** Size of the write buffer. */
  public static final int WRITE_BUFFER = 16 * 1024;

  private final Endpoint endpoint;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] wbuf = new byte[WRITE_BUFFER];
  private int wlen;
  private volatile boolean closed;

  private SocketTransport(Endpoint endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Connects to {@code endpoint}; for {@link Security#IMPLICIT_TLS} also completes the TLS
   * handshake (verified) before returning. For {@link Security#STARTTLS} and {@link
   * Security#PLAIN} the connection starts in plaintext; the protocol client decides when to call
   * {@link #startTls()}.
   *
   * @throws TransportTimeoutException if the connection or handshake does not complete in time
   * @throws TransportException if the host cannot be reached or the TLS handshake fails
   */
  public static SocketTransport connect(Endpoint endpoint) throws TransportException {
    SocketTransport t = new SocketTransport(endpoint);
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(
          new InetSocketAddress(endpoint.host(), endpoint.port()),
          (int) Math.min(Integer.MAX_VALUE, endpoint.connectTimeout().toMillis()));
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, endpoint.readTimeout().toMillis()));
      t.attach(s);
      if (endpoint.security() == Security.IMPLICIT_TLS) {
        t.handshake();
      }
      return t;
    } catch (SocketTimeoutException e) {
      closeQuietly(s);
      throw new TransportTimeoutException("connect to " + endpoint + " timed out", e);
    } catch (TransportException e) {
      closeQuietly(s);
      throw e;
    } catch (IOException e) {
      closeQuietly(s);
      throw new TransportException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
    }
  }

  private void attach(Socket s) throws IOException {
    this.socket = s;
    this.in = s.getInputStream();
    this.out = s.getOutputStream();
  }

  /** The endpoint this transport was connected to. */
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws TransportException {
    ensureOpen();
    try {
      return len == 0 ? 0 : in.read(dst, off, len);
    } catch (SocketTimeoutException e) {
      throw new TransportTimeoutException(
          "no data from " + endpoint + " within " + endpoint.readTimeout().toMillis() + " ms", e);
    } catch (IOException e) {
      throw failure("read from", e);
    }
  }

  @Override
  public void write(byte[] src, int off, int len) throws TransportException {
    ensureOpen();
    if (len > wbuf.length - wlen) {
      flushBuffer();
      if (len >= wbuf.length) {
        try {
          out.write(src, off, len);
        } catch (IOException e) {
          throw failure("write to", e);
        }
        return;
      }
    }
    System.arraycopy(src, off, wbuf, wlen, len);
    wlen += len;
  }

  @Override
  public void flush() throws TransportException {
    ensureOpen();
    flushBuffer();
    try {
      out.flush();
    } catch (IOException e) {
      throw failure("write to", e);
    }
  }

  private void flushBuffer() throws TransportException {
    if (wlen == 0) {
      return;
    }
    try {
      out.write(wbuf, 0, wlen);
      wlen = 0;
    } catch (IOException e) {
      throw failure("write to", e);
    }
  }

  @Override
  public void startTls() throws TransportException {
    ensureOpen();
    if (socket instanceof SSLSocket) {
      throw new IllegalStateException("connection is already secure");
    }
    if (wlen > 0) {
      throw new IllegalStateException("flush pending writes before starting TLS");
    }
    int early;
    try {
      early = in.available();
    } catch (IOException e) {
      throw failure("check", e);
    }
    if (early > 0) {
      // The server sent bytes after its "go ahead" reply, before the handshake (a STARTTLS
      // injection attempt, or a broken server). They must not be taken as TLS data.
      close();
      throw new TransportException(
          "server sent "
              + early
              + " plaintext bytes before the TLS handshake (possible STARTTLS injection);"
              + " connection closed");
    }
    handshake();
  }

  private void handshake() throws TransportException {
    try {
      SSLSocket ssl =
          (SSLSocket)
              endpoint
                  .sslContext()
                  .getSocketFactory()
                  .createSocket(socket, endpoint.tlsHostName(), endpoint.port(), true);
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      if (isHostName(endpoint.tlsHostName())) {
        params.setServerNames(List.of(new SNIHostName(endpoint.tlsHostName())));
      }
      ssl.setSSLParameters(params);
      ssl.setUseClientMode(true);
      ssl.startHandshake();
      attach(ssl);
    } catch (SocketTimeoutException e) {
      close();
      throw new TransportTimeoutException("TLS handshake with " + endpoint + " timed out", e);
    } catch (SSLException e) {
      close();
      throw new TransportException(
          "TLS handshake with " + endpoint + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      close();
      throw failure("handshake with", e);
    }
  }

  static boolean isHostName(String host) {
    if (host.indexOf(':') >= 0) {
      return false; // IPv6 literal
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        return !host.endsWith("."); // SNI takes no trailing dot
      }
    }
    return false; // IPv4 literal
  }

  @Override
  public boolean isSecure() {
    return socket instanceof SSLSocket;
  }

  @Override
  public Optional<TlsInfo> tlsInfo() {
    if (!(socket instanceof SSLSocket ssl)) {
      return Optional.empty();
    }
    SSLSession session = ssl.getSession();
    try {
      return Optional.of(
          new TlsInfo(
              session.getProtocol(),
              session.getCipherSuite(),
              List.of(session.getPeerCertificates())));
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(socket);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
  }

  private TransportException failure(String verb, IOException e) {
    if (closed) {
      return new TransportException("connection to " + endpoint + " was closed", e);
    }
    return new TransportException(verb + " " + endpoint + " failed: " + e.getMessage(), e);
  }

  private static void closeQuietly(Socket s) {
    if (s == null) {
      return;
    }
    try {
      s.close();
    } catch (IOException ignored) {
      // closing: nothing left to do
    }
  }
}

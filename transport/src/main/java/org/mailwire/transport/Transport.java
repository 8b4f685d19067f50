package org.mailwire.transport;

import java.io.Closeable;
import java.util.Optional;

/**
 * A connected, bidirectional byte stream to a mail server: the only thing the protocol clients
 * need from the network. {@link SocketTransport} is the default; supply your own for SOCKS, a
 * proxy, an in-memory pipe, or to observe traffic.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Reads</b> block until at least one byte is available, the read timeout expires ({@link
 *       TransportTimeoutException}) or the peer closes ({@code -1}). A transport keeps no read
 *       buffer that callers cannot see: every byte it has taken from the network is returned by
 *       {@link #read}.
 *   <li><b>Writes</b> may be buffered; nothing is guaranteed to be sent before {@link #flush()}.
 *       Protocol clients write a whole exchange, then flush once.
 *   <li><b>STARTTLS.</b> {@link #startTls()} performs the TLS handshake in place, over the same
 *       connection, verifying the server's certificate and host name as the endpoint says. The
 *       caller must call it only after the server's "go ahead" reply and after discarding every
 *       byte it had already received and buffered: bytes that arrived before the handshake came in
 *       plaintext and must never be read as if they had come over TLS (RFC 3207 §4.2, RFC 2595
 *       §3.1). The transport itself holds no such bytes; bytes still in the socket when the
 *       handshake starts make it fail. Pending writes must have been flushed ({@link
 *       IllegalStateException} otherwise).
 *   <li><b>Threads.</b> One reader and one writer at a time; implementations must not hold a
 *       monitor lock across blocking I/O, so that clients stay cheap on virtual
 *       threads.
 *   <li><b>Close</b> is idempotent and never throws.
 * </ul>
 */
public interface Transport extends Closeable {

  /**
   * Reads up to {@code len} bytes into {@code dst[off..]}, blocking until at least one byte is
   * available.
   *
   * @return the number of bytes read (at least 1), or {@code -1} if the peer closed the stream
   * @throws TransportTimeoutException if no byte arrived within the read timeout
   * @throws TransportException on any other I/O failure
   */
  int read(byte[] dst, int off, int len) throws TransportException;

  /**
   * Queues {@code len} bytes of {@code src[off..]} for sending; they may stay buffered until {@link
   * #flush()}.
   *
   * @throws TransportException on I/O failure
   */
  void write(byte[] src, int off, int len) throws TransportException;

  /** Queues all of {@code src}; see {@link #write(byte[], int, int)}. */
  default void write(byte[] src) throws TransportException {
    write(src, 0, src.length);
  }

  /**
   * Sends every queued byte.
   *
   * @throws TransportException on I/O failure
   */
  void flush() throws TransportException;

  /**
   * Upgrades the connection to TLS in place (STARTTLS, STLS), verifying the certificate chain and
   * the host name. See the class documentation for what the caller must discard first.
   *
   * @throws IllegalStateException if the connection is already secure or writes are pending
   * @throws TransportException if the handshake fails (untrusted certificate, wrong host name,
   *     plaintext bytes in the way, I/O)
   */
  void startTls() throws TransportException;

  /** Whether the connection is protected by TLS (implicit or after {@link #startTls()}). */
  boolean isSecure();

  /** Facts about the TLS session, or empty while the connection is in plaintext. */
  Optional<TlsInfo> tlsInfo();

  /** Closes the connection; idempotent, never throws. */
  @Override
  void close();
}

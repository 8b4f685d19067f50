/**
 * The connection every mailwire protocol client runs over.
 *
 * <ul>
 *   <li>{@link org.mailwire.transport.Transport}: a connected byte stream (read, write, flush,
 *       {@code startTls}, close). Its Javadoc states the contract, STARTTLS included: the caller
 *       discards every byte it buffered before the handshake; bytes still unread in the socket make
 *       the upgrade fail.
 *   <li>{@link org.mailwire.transport.SocketTransport}: the default, on JDK sockets, with verified
 *       TLS; {@link org.mailwire.transport.Endpoint} says where and how to connect.
 *   <li>{@link org.mailwire.transport.WireTrace} and {@link org.mailwire.transport.Redactor}: the
 *       {@code C:}/{@code S:} trace with credentials redacted.
 *   <li>The exceptions: {@link org.mailwire.transport.ProtocolException} (malformed data), {@link
 *       org.mailwire.transport.LimitExceededException}, {@link
 *       org.mailwire.transport.CommandException} (refusals), {@link
 *       org.mailwire.transport.TransportException} and its {@link
 *       org.mailwire.transport.TransportTimeoutException} and {@link
 *       org.mailwire.transport.ConnectionClosedException}.
 * </ul>
 */
package org.mailwire.transport;

/**
 * mailwire POP3 client (RFC 1939, RFC 2449, RFC 2595, RFC 5034, RFC 6856).
 *
 * <ul>
 *   <li>{@code org.mailwire.pop3}: {@code Pop3Client}, the blocking client, and the safe
 *       download-and-delete and UIDL sync helpers.
 *   <li>{@code org.mailwire.pop3.codec}: the sans-I/O codec (status line, multi-line body, CAPA,
 *       listings, command encoder) and the session state machine, for Netty/NIO drivers.
 * </ul>
 *
 * <p>{@code org.mailwire.pop3.internal} is not exported.
 */
module org.mailwire.pop3 {
  requires transitive org.mailwire.transport;
  requires transitive org.mailwire.sasl;

  exports org.mailwire.pop3;
  exports org.mailwire.pop3.codec;
}

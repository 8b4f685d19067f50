/**
 * mailwire transport: the connected byte stream every protocol client runs over, its socket/TLS
 * implementation, the wire trace, the byte utilities the codecs share and the shared exceptions.
 *
 * <p>{@code org.mailwire.transport.internal} is not exported.
 */
module org.mailwire.transport {
  exports org.mailwire.transport;
  exports org.mailwire.transport.bytes;
}

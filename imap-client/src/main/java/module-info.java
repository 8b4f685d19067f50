/**
 * mailwire IMAP client. {@code org.mailwire.imap.codec} is the sans-I/O codec: the response
 * decoder ({@link org.mailwire.imap.codec.ImapResponseDecoder}), the typed responses, and the
 * command encoder ({@link org.mailwire.imap.codec.ImapCommandEncoder}).
 */
module org.mailwire.imap {
  requires transitive org.mailwire.transport;

  exports org.mailwire.imap.codec;
}

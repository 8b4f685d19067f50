/**
 * mailwire Exchange ActiveSync client.
 *
 * <p>{@code org.mailwire.activesync.wbxml} is the WBXML codec: the code pages of [MS-ASWBXML], a
 * streaming reader, a writer and an XML bridge. {@code org.mailwire.activesync.internal} is not
 * exported.
 */
module org.mailwire.activesync {
  requires transitive org.mailwire.transport;
  requires java.xml;

  exports org.mailwire.activesync.wbxml;
}

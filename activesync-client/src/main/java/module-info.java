/** mailwire Exchange ActiveSync client. */
module org.mailwire.activesync {
  requires transitive org.mailwire.transport;
}

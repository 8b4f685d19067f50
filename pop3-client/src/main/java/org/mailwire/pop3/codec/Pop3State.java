package org.mailwire.pop3.codec;

/** The states of a POP3 session (RFC 1939 §3), plus the client's own start and end states. */
public enum Pop3State {
  /** Connected; the server's greeting has not arrived yet. */
  GREETING,
  /** The greeting arrived; the client must identify itself (USER/PASS, APOP, AUTH; STLS, CAPA). */
  AUTHORIZATION,
  /** Logged in: the maildrop is locked; STAT, LIST, RETR, DELE, ... are allowed. */
  TRANSACTION,
  /** QUIT was sent in TRANSACTION: the server is removing the messages marked deleted. */
  UPDATE,
  /** The session ended: QUIT answered, or the connection closed. */
  CLOSED,
  /** The server sent something malformed, or the connection broke mid-exchange; unusable. */
  FAILED
}

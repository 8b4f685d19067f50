package org.mailwire.imap.codec;

/** The condition of a status response: {@code OK}, {@code NO}, {@code BAD}, {@code BYE} or {@code PREAUTH}. */
public enum Status {
  /** Success (tagged) or information (untagged). */
  OK,
  /** The command failed. */
  NO,
  /** The command was not understood, or an untagged protocol error. */
  BAD,
  /** The server is closing the connection. */
  BYE,
  /** Greeting only: the connection is already authenticated. */
  PREAUTH
}

package org.mailwire.pop3;

/** Whether the deletions of a {@link DownloadAndDelete} run took effect on the server. */
public enum DeletionOutcome {
  /** The server answered {@code QUIT} with {@code +OK}: every message marked deleted was removed. */
  COMMITTED,
  /**
   * {@code QUIT} was never answered with {@code +OK} because the run failed before it was sent (or
   * nothing was to be deleted and the session was not committed): the server removed nothing.
   */
  NOT_COMMITTED,
  /**
   * {@code QUIT} was sent but the reply was {@code -ERR} or never arrived: the server may have
   * removed some or all marked messages. Check with a new session (e.g. by UIDL).
   */
  UNKNOWN
}

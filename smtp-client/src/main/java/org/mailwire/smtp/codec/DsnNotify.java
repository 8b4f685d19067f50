package org.mailwire.smtp.codec;

/**
 * The RFC 3461 {@code NOTIFY=} values: when the recipient's server should send a delivery status
 * notification. {@link #NEVER} cannot be combined with the others.
 */
public enum DsnNotify {
  /** Never send a notification. */
  NEVER,
  /** On successful delivery. */
  SUCCESS,
  /** On failure. */
  FAILURE,
  /** When delivery is delayed. */
  DELAY
}

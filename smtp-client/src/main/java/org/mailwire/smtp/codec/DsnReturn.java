package org.mailwire.smtp.codec;

/** The RFC 3461 {@code RET=} parameter: what a delivery status notification returns. */
public enum DsnReturn {
  /** The whole message. */
  FULL,
  /** Only the headers. */
  HDRS
}

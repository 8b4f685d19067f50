package org.mailwire.activesync.wbxml;

/**
 * An Exchange ActiveSync protocol version, as sent in the {@code MS-ASProtocolVersion} header
 * ([MS-ASHTTP] section 2.2.1.1.2.6). The code pages say which tags each version has ({@link
 * Tag#supportedIn(ProtocolVersion)}).
 */
public enum ProtocolVersion {
  /** Exchange ActiveSync 2.5. */
  V2_5("2.5"),
  /** Exchange ActiveSync 12.0. */
  V12_0("12.0"),
  /** Exchange ActiveSync 12.1. */
  V12_1("12.1"),
  /** Exchange ActiveSync 14.0. */
  V14_0("14.0"),
  /** Exchange ActiveSync 14.1. */
  V14_1("14.1"),
  /** Exchange ActiveSync 16.0. */
  V16_0("16.0"),
  /** Exchange ActiveSync 16.1. */
  V16_1("16.1");

  private final String headerValue;

  ProtocolVersion(String headerValue) {
    this.headerValue = headerValue;
  }

  /** Returns the version as the {@code MS-ASProtocolVersion} header writes it, e.g. {@code "14.1"}. */
  public String headerValue() {
    return headerValue;
  }

  /**
   * Returns the version a header value names.
   *
   * @param headerValue a value such as {@code "16.1"}
   * @return the version
   * @throws IllegalArgumentException if the value names no ActiveSync version
   */
  public static ProtocolVersion of(String headerValue) {
    for (ProtocolVersion v : values()) {
      if (v.headerValue.equals(headerValue)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not an ActiveSync protocol version: " + headerValue);
  }

  @Override
  public String toString() {
    return headerValue;
  }
}

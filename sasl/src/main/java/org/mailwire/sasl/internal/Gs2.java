package org.mailwire.sasl.internal;

/** GS2 (RFC 5801) helpers shared by SCRAM and OAUTHBEARER. */
final class Gs2 {
  private Gs2() {}

  /** A name as {@code saslname}: {@code ","} becomes {@code "=2C"} and {@code "="} becomes {@code "=3D"}. */
  static String saslName(String name) {
    if (name.indexOf(',') < 0 && name.indexOf('=') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ',') {
        sb.append("=2C");
      } else if (c == '=') {
        sb.append("=3D");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

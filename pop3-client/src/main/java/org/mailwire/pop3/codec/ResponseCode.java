package org.mailwire.pop3.codec;

import java.util.Objects;

/**
 * A POP3 extended response code (RFC 2449 §8): the bracketed word after {@code +OK} or {@code
 * -ERR}, e.g. {@code -ERR [IN-USE] mailbox locked}. Its levels are separated by {@code /}.
 *
 * <p>The codes of RFC 2449 ({@code IN-USE}, {@code LOGIN-DELAY}), RFC 3206 ({@code SYS/TEMP},
 * {@code SYS/PERM}, {@code AUTH}) and RFC 6856 ({@code UTF8}) are constants; any other code a
 * server sends is kept as is (upper-cased) so callers can act on it.
 *
 * @param value the code without brackets, in upper case, e.g. {@code "SYS/TEMP"}
 */
public record ResponseCode(String value) {
  /** RFC 2449: the mailbox is locked by another session; try later. */
  public static final ResponseCode IN_USE = new ResponseCode("IN-USE");
  /** RFC 2449: logins are too frequent; wait the server's LOGIN-DELAY. */
  public static final ResponseCode LOGIN_DELAY = new ResponseCode("LOGIN-DELAY");
  /** RFC 3206: a temporary system failure; retrying later may succeed. */
  public static final ResponseCode SYS_TEMP = new ResponseCode("SYS/TEMP");
  /** RFC 3206: a permanent system failure; retrying will not help. */
  public static final ResponseCode SYS_PERM = new ResponseCode("SYS/PERM");
  /** RFC 3206: the credentials were wrong (not a system failure). */
  public static final ResponseCode AUTH = new ResponseCode("AUTH");
  /** RFC 6856: the operation needs UTF-8 support (e.g. a UTF-8 user name before UTF8). */
  public static final ResponseCode UTF8 = new ResponseCode("UTF8");

  /**
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public ResponseCode {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty response code");
    }
  }

  /**
   * Returns the constant for a known code, or a new instance for any other.
   *
   * @param value the code text without brackets (any case)
   * @return the response code, upper-cased
   */
  public static ResponseCode of(String value) {
    String v = value.toUpperCase(java.util.Locale.ROOT);
    return switch (v) {
      case "IN-USE" -> IN_USE;
      case "LOGIN-DELAY" -> LOGIN_DELAY;
      case "SYS/TEMP" -> SYS_TEMP;
      case "SYS/PERM" -> SYS_PERM;
      case "AUTH" -> AUTH;
      case "UTF8" -> UTF8;
      default -> new ResponseCode(v);
    };
  }

  /**
   * Returns whether the refusal is temporary: {@code IN-USE}, {@code LOGIN-DELAY} and every
   * {@code SYS/TEMP...} code.
   *
   * @return {@code true} when a later retry of the same command may succeed
   */
  public boolean isTransient() {
    return this.equals(IN_USE) || this.equals(LOGIN_DELAY) || value.startsWith("SYS/TEMP");
  }

  /**
   * Returns whether this is one of the codes defined by RFC 2449, RFC 3206 or RFC 6856.
   *
   * @return {@code true} for a known code, {@code false} for a server-specific one
   */
  public boolean isKnown() {
    return this.equals(IN_USE)
        || this.equals(LOGIN_DELAY)
        || this.equals(SYS_TEMP)
        || this.equals(SYS_PERM)
        || this.equals(AUTH)
        || this.equals(UTF8);
  }

  /** Returns the code in brackets, as on the wire, e.g. {@code [SYS/TEMP]}. */
  @Override
  public String toString() {
    return "[" + value + "]";
  }
}

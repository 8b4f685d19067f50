package org.mailwire.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits for each reply. The defaults are the minimums of RFC 5321 §4.5.3.2:
 * greeting 5 min, MAIL 5 min, RCPT 5 min, DATA initiation 2 min, data block 3 min, end of data 10
 * min; other commands (EHLO, STARTTLS, AUTH, RSET, NOOP, QUIT) 5 min.
 *
 * <p>{@link SmtpClient#connect} runs the socket with a read timeout that divides all of these and
 * checks each wait against its own deadline, so each reply gets exactly its timeout. {@code
 * dataBlock} is how long a single write of content may take; the default socket transport cannot
 * bound blocking writes, so it is advisory there.
 *
 * @param greeting the wait for the 220 greeting
 * @param mail the wait for the reply to MAIL
 * @param rcpt the wait for the reply to each RCPT
 * @param dataInitiation the wait for the 354 reply to DATA
 * @param dataBlock the time a content write may block
 * @param dataTermination the wait for the reply to the end of the content (and to each BDAT)
 * @param command the wait for the reply to any other command
 */
public record SmtpTimeouts(
    Duration greeting,
    Duration mail,
    Duration rcpt,
    Duration dataInitiation,
    Duration dataBlock,
    Duration dataTermination,
    Duration command) {

  /** @throws IllegalArgumentException when a timeout is not positive */
  public SmtpTimeouts {
    for (Duration d : new Duration[] {greeting, mail, rcpt, dataInitiation, dataBlock, dataTermination, command}) {
      Objects.requireNonNull(d, "timeout");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
  }

  /** The RFC 5321 §4.5.3.2 values. */
  public static SmtpTimeouts rfc5321() {
    return new SmtpTimeouts(
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofMinutes(2),
        Duration.ofMinutes(3),
        Duration.ofMinutes(10),
        Duration.ofMinutes(5));
  }

  /** The same timeout for every wait (for tests and interactive tools). */
  public static SmtpTimeouts uniform(Duration d) {
    return new SmtpTimeouts(d, d, d, d, d, d, d);
  }

  /**
   * The socket read timeout that lets every reply timeout be checked exactly: the greatest common
   * divisor of the reply timeouts, at least 100 ms.
   */
  public Duration tick() {
    long g = 0;
    for (Duration d : new Duration[] {greeting, mail, rcpt, dataInitiation, dataTermination, command}) {
      g = gcd(g, d.toMillis());
    }
    return Duration.ofMillis(Math.max(100, g));
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}

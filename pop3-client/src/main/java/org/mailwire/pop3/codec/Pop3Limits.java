package org.mailwire.pop3.codec;

/**
 * The limits the POP3 decoders enforce, each checked before anything of that size is kept. A
 * server that exceeds one gets a {@link org.mailwire.transport.LimitExceededException} naming the
 * limit; the connection is then unusable.
 *
 * <p>Message bodies ({@code RETR}, {@code TOP}) have no size limit: they are streamed in chunks and
 * never held whole, so a body line of any length passes in bounded memory.
 *
 * <pre>{@code
 * Pop3Limits limits = Pop3Limits.defaults().withMaxLineLength(16 * 1024);
 * }</pre>
 *
 * @param maxLineLength the longest status, CAPA or listing line accepted, line end included
 *     (default {@value #DEFAULT_MAX_LINE_LENGTH}; RFC 2449 §4 caps responses at 512 octets, the
 *     default leaves room for servers that do not)
 * @param maxListingEntries the most lines a {@code LIST} or {@code UIDL} listing may have (default
 *     {@value #DEFAULT_MAX_LISTING_ENTRIES})
 * @param maxCapabilities the most lines a {@code CAPA} response may have (default {@value
 *     #DEFAULT_MAX_CAPABILITIES})
 */
public record Pop3Limits(int maxLineLength, int maxListingEntries, int maxCapabilities) {
  /** Default {@link #maxLineLength()}: 8 KiB. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 8 * 1024;
  /** Default {@link #maxListingEntries()}: 1,000,000 messages. */
  public static final int DEFAULT_MAX_LISTING_ENTRIES = 1_000_000;
  /** Default {@link #maxCapabilities()}: 1,000 lines. */
  public static final int DEFAULT_MAX_CAPABILITIES = 1_000;

  private static final Pop3Limits DEFAULTS =
      new Pop3Limits(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LISTING_ENTRIES, DEFAULT_MAX_CAPABILITIES);

  /** @throws IllegalArgumentException if a limit is too small to be usable */
  public Pop3Limits {
    if (maxLineLength < 64) {
      throw new IllegalArgumentException("maxLineLength must be >= 64: " + maxLineLength);
    }
    if (maxListingEntries < 1 || maxCapabilities < 1) {
      throw new IllegalArgumentException("maxListingEntries and maxCapabilities must be >= 1");
    }
  }

  /** Returns the default limits. */
  public static Pop3Limits defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with {@code maxLineLength} replaced. */
  public Pop3Limits withMaxLineLength(int maxLineLength) {
    return new Pop3Limits(maxLineLength, maxListingEntries, maxCapabilities);
  }

  /** Returns a copy with {@code maxListingEntries} replaced. */
  public Pop3Limits withMaxListingEntries(int maxListingEntries) {
    return new Pop3Limits(maxLineLength, maxListingEntries, maxCapabilities);
  }

  /** Returns a copy with {@code maxCapabilities} replaced. */
  public Pop3Limits withMaxCapabilities(int maxCapabilities) {
    return new Pop3Limits(maxLineLength, maxListingEntries, maxCapabilities);
  }
}

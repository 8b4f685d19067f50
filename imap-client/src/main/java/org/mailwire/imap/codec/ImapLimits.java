package org.mailwire.imap.codec;

/**
 * The limits of {@link ImapResponseDecoder}, each checked before anything of that size is
 * allocated. Exceeding one turns the response into an {@link ImapEvent.ResponseError} carrying a
 * {@link org.mailwire.transport.LimitExceededException}; the decoder skips the rest of that
 * response without buffering it and carries on.
 *
 * @param maxLineLength the longest line (one segment between literals), CRLF included. Default
 *     1 MiB: a SEARCH over a million messages fits in ~8 MB, so raise it for huge mailboxes.
 * @param maxLiteralSize the largest literal outside a body section (a subject, a mailbox name,
 *     METADATA values). Default 1 MiB. Body sections are streamed and not limited.
 * @param maxResponseSize the largest response, lines plus non-body literals. Default 8 MiB. The
 *     decoder's {@link org.mailwire.transport.bytes.InputBuffer} must be able to hold this much.
 * @param maxDepth the deepest nesting of parentheses (BODYSTRUCTURE, THREAD). Default 64.
 * @param maxItems the most elements a response may hold in all its lists together. Default 1,000,000.
 * @param maxErrorBytes how many raw bytes a {@link ImapEvent.ResponseError} keeps. Default 4 KiB.
 */
public record ImapLimits(
    int maxLineLength,
    int maxLiteralSize,
    int maxResponseSize,
    int maxDepth,
    int maxItems,
    int maxErrorBytes) {

  /** The defaults described above. */
  public static final ImapLimits DEFAULTS = new ImapLimits(1 << 20, 1 << 20, 8 << 20, 64, 1_000_000, 4096);

  /**
   * @throws IllegalArgumentException if a limit is not positive, or the line or literal limit
   *     exceeds the response limit
   */
  public ImapLimits {
    if (maxLineLength < 16 || maxLiteralSize < 0 || maxDepth < 1 || maxItems < 1 || maxErrorBytes < 0) {
      throw new IllegalArgumentException("limits must be positive (maxLineLength >= 16)");
    }
    if (maxResponseSize < maxLineLength || maxResponseSize < maxLiteralSize) {
      throw new IllegalArgumentException("maxResponseSize must be at least maxLineLength and maxLiteralSize");
    }
  }

  /** These limits with {@code maxLineLength} replaced. */
  public ImapLimits withMaxLineLength(int v) {
    return new ImapLimits(v, maxLiteralSize, Math.max(v, maxResponseSize), maxDepth, maxItems, maxErrorBytes);
  }

  /** These limits with {@code maxLiteralSize} replaced. */
  public ImapLimits withMaxLiteralSize(int v) {
    return new ImapLimits(maxLineLength, v, Math.max(v, maxResponseSize), maxDepth, maxItems, maxErrorBytes);
  }

  /** These limits with {@code maxResponseSize} replaced. */
  public ImapLimits withMaxResponseSize(int v) {
    return new ImapLimits(maxLineLength, maxLiteralSize, v, maxDepth, maxItems, maxErrorBytes);
  }

  /** These limits with {@code maxDepth} replaced. */
  public ImapLimits withMaxDepth(int v) {
    return new ImapLimits(maxLineLength, maxLiteralSize, maxResponseSize, v, maxItems, maxErrorBytes);
  }

  /** These limits with {@code maxItems} replaced. */
  public ImapLimits withMaxItems(int v) {
    return new ImapLimits(maxLineLength, maxLiteralSize, maxResponseSize, maxDepth, v, maxErrorBytes);
  }
}

package org.mailwire.imap.codec;

/**
 * A complete server response: the greeting, a continuation request, a tagged status response, an
 * untagged status response, or untagged data ({@link UntaggedData}).
 */
public sealed interface Response extends ImapEvent
    permits Response.Greeting,
        Response.Continuation,
        Response.Tagged,
        Response.UntaggedStatus,
        UntaggedData {

  /**
   * The server's first response.
   *
   * @param status {@link Status#OK}, {@link Status#PREAUTH} or {@link Status#BYE}
   * @param code the response code, or {@code null}
   * @param text the human-readable text (may be empty)
   */
  record Greeting(Status status, ResponseCode code, String text) implements Response {}

  /**
   * A continuation request ({@code + ...}): the server waits for the rest of a command (a
   * synchronizing literal, an AUTHENTICATE response, or IDLE's {@code DONE}).
   *
   * @param code the response code, or {@code null}
   * @param text the text after {@code "+ "}; during AUTHENTICATE this is the base64 challenge
   */
  record Continuation(ResponseCode code, String text) implements Response {}

  /**
   * The completion of the command with tag {@code tag}.
   *
   * @param tag the command's tag
   * @param status {@link Status#OK}, {@link Status#NO} or {@link Status#BAD} ({@link Status#BYE}
   *     is accepted in lenient mode)
   * @param code the response code, or {@code null}
   * @param text the human-readable text (may be empty)
   */
  record Tagged(String tag, Status status, ResponseCode code, String text) implements Response {}

  /**
   * An untagged {@code OK}, {@code NO}, {@code BAD}, {@code BYE} (or, after the greeting, {@code
   * PREAUTH}) response.
   *
   * @param status the condition
   * @param code the response code, or {@code null}
   * @param text the human-readable text (may be empty)
   */
  record UntaggedStatus(Status status, ResponseCode code, String text) implements Response {}
}

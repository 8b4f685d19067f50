package org.mailwire.transport.bytes;

import org.mailwire.transport.ProtocolException;

/**
 * The contract of every mailwire decoder: look at the unconsumed bytes of an {@link InputBuffer},
 * and either return the next event, consuming exactly its bytes, or return {@code null} ("need
 * more input") consuming nothing that could not be finished.
 *
 * <p>A decoder never blocks and never reads from a socket. Feeding the same stream whole, one byte
 * at a time, or in any other split yields the same events (streamed bodies may come in different
 * chunk sizes), and bytes after the last complete event stay in the buffer.
 *
 * @param <T> the event type
 */
@FunctionalInterface
public interface Decoder<T> {
  /**
   * Decodes the next event.
   *
   * @param in the received bytes; only what the returned event covers is consumed
   * @return the next event, or {@code null} when more input is needed
   * @throws ProtocolException when the bytes are malformed or over a limit; the decoder is then
   *     in a failed state unless its documentation says it resynchronises
   */
  T decode(InputBuffer in) throws ProtocolException;
}

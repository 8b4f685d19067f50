package org.mailwire.pop3;

import java.io.IOException;
import java.io.InputStream;

/** Hands one retrieved message to a {@link MessageSink}, for {@link DownloadAndDelete} and {@link UidlSync}. */
final class SinkDelivery {
  private SinkDelivery() {}

  /**
   * Stores message {@code n} through {@code sink}.
   *
   * @param message the message stream {@link Pop3Client#retrieveEach} handed over
   * @return {@code null} when the sink stored it and read it to its end; otherwise why it does
   *     not count as stored ("sink failed: ...", "sink declined", or "sink returned without
   *     reading the message to its end")
   * @throws IOException when the connection is gone (the sink's own exception, or a new one)
   */
  static String deliver(Pop3Client client, MessageSink sink, MessageInfo info, int n, InputStream message)
      throws IOException {
    boolean confirmed;
    try {
      confirmed = sink.store(info, message);
    } catch (IOException | RuntimeException e) {
      if (client.isClosed()) {
        throw e instanceof IOException io ? io : new IOException(e);
      }
      return "sink failed: " + e;
    }
    if (client.isClosed()) {
      throw new IOException("connection lost while retrieving message " + n);
    }
    if (!confirmed) {
      return "sink declined";
    }
    if (!((MessageStream) message).completeByReads()) {
      return "sink returned without reading the message to its end";
    }
    return null;
  }
}

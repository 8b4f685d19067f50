package org.mailwire.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mailwire.transport.ProtocolException;
import org.mailwire.transport.testkit.DecoderHarness;
import org.mailwire.transport.testkit.DecoderHarness.Feed;

/** Fixture helpers: every input runs whole, one byte at a time, and with trailing bytes. */
final class Fx {
  private Fx() {}

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Supplier<ImapResponseDecoder> lenient() {
    return () -> ImapResponseDecoder.builder().expectGreeting(false).build();
  }

  static Supplier<ImapResponseDecoder> strict() {
    return () -> ImapResponseDecoder.builder().expectGreeting(false).strict(true).build();
  }

  /** Wraps a decoder so that body views are copied as they come out (views die at the next feed). */
  static org.mailwire.transport.bytes.Decoder<ImapEvent> copying(ImapResponseDecoder d) {
    return in -> {
      ImapEvent e = d.decode(in);
      if (e instanceof ImapEvent.BodyBytes bb) {
        return new ImapEvent.BodyBytes(bb.copy(), 0, bb.length());
      }
      return e;
    };
  }

  /** Merges consecutive BodyBytes into one copied chunk (feeds split them differently). */
  static List<Object> normalize(List<ImapEvent> events) {
    List<Object> out = new ArrayList<>();
    ByteArrayOutputStream body = null;
    for (ImapEvent e : events) {
      if (e instanceof ImapEvent.BodyBytes bb) {
        if (body == null) {
          body = new ByteArrayOutputStream();
        }
        body.write(bb.array(), bb.offset(), bb.length());
        continue;
      }
      if (body != null) {
        out.add(new String(body.toByteArray(), StandardCharsets.ISO_8859_1));
        body = null;
      }
      out.add(e instanceof ImapEvent.ResponseError r ? "ERROR " + r.tag() + " " + new String(r.raw(), StandardCharsets.ISO_8859_1) : e);
    }
    if (body != null) {
      out.add(new String(body.toByteArray(), StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  /** Runs all feeds; asserts they agree and the trailing bytes stay; returns the normalized events. */
  static List<Object> events(Supplier<ImapResponseDecoder> d, String wire) {
    return events(d, b(wire));
  }

  static List<Object> events(Supplier<ImapResponseDecoder> d, byte[] wire) {
    try {
      List<Object> whole = normalize(DecoderHarness.run(copying(d.get()), wire, Feed.WHOLE).events());
      DecoderHarness.check(() -> copying(d.get()), wire, Fx::normalize, whole, new byte[0]);
      return whole;
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  /** The single response of {@code wire} (lenient), checked three ways. */
  static Object one(String wire) {
    List<Object> ev = events(lenient(), wire);
    assertThat(ev).hasSize(1);
    return ev.get(0);
  }

  /** The single response of {@code wire} in strict mode. */
  static Object strictOne(String wire) {
    List<Object> ev = events(strict(), wire);
    assertThat(ev).hasSize(1);
    return ev.get(0);
  }

  /** Asserts {@code wire} is incomplete: nothing decoded, nothing consumed. */
  static void incomplete(String wire) {
    try {
      DecoderHarness.Result<ImapEvent> r = DecoderHarness.run(lenient().get(), b(wire), Feed.WHOLE);
      assertThat(r.events()).isEmpty();
      assertThat(r.remaining()).isEqualTo(b(wire));
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts {@code wire} is a ResponseError in the given mode; returns it. */
  static ImapEvent.ResponseError error(Supplier<ImapResponseDecoder> d, String wire) {
    try {
      List<ImapEvent> ev = DecoderHarness.run(d.get(), b(wire), Feed.WHOLE).events();
      events(d, wire); // agreement across feeds
      assertThat(ev).hasSize(1).first().isInstanceOf(ImapEvent.ResponseError.class);
      return (ImapEvent.ResponseError) ev.get(0);
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
  }
}

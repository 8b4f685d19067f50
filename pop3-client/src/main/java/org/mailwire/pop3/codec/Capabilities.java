package org.mailwire.pop3.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server's {@code CAPA} response (RFC 2449 §5): capability names (case-insensitive, kept upper
 * case) with their arguments. The capabilities of RFC 2449, RFC 2595, RFC 5034 and RFC 6856 have
 * accessors; every other line is kept and reachable through {@link #has} and {@link #arguments}.
 *
 * <p>{@link #NONE} stands for a server that answered {@code CAPA} with {@code -ERR} (an RFC 1939
 * server): no extension may be assumed.
 */
public final class Capabilities {
  /** No capabilities: the server does not support {@code CAPA}. */
  public static final Capabilities NONE = new Capabilities(new LinkedHashMap<>());

  private final Map<String, List<String>> caps;

  private Capabilities(Map<String, List<String>> caps) {
    this.caps = Collections.unmodifiableMap(caps);
  }

  /**
   * Returns capabilities built from {@code CAPA} lines as text, e.g. {@code "SASL PLAIN LOGIN"}.
   * A repeated name adds its arguments to the earlier ones.
   *
   * @param lines the capability lines, without line ends
   * @return the capabilities
   */
  public static Capabilities of(List<String> lines) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String line : lines) {
      String[] words = line.trim().split(" +");
      if (words.length == 0 || words[0].isEmpty()) {
        continue;
      }
      List<String> args = m.computeIfAbsent(words[0].toUpperCase(Locale.ROOT), k -> new ArrayList<>());
      for (int i = 1; i < words.length; i++) {
        args.add(words[i]);
      }
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return new Capabilities(m);
  }

  /** Returns whether capability {@code name} was announced (any case). */
  public boolean has(String name) {
    return caps.containsKey(name.toUpperCase(Locale.ROOT));
  }

  /** Returns the arguments of {@code name} (any case); empty when none or not announced. */
  public List<String> arguments(String name) {
    return caps.getOrDefault(name.toUpperCase(Locale.ROOT), List.of());
  }

  /** Returns every capability name, upper case, in the server's order. */
  public List<String> names() {
    return List.copyOf(caps.keySet());
  }

  /** Returns whether {@code TOP} is supported (RFC 2449 §6.1). */
  public boolean top() {
    return has("TOP");
  }

  /** Returns whether {@code UIDL} is supported (RFC 2449 §6.5). */
  public boolean uidl() {
    return has("UIDL");
  }

  /** Returns whether {@code USER}/{@code PASS} login is supported (RFC 2449 §6.2). */
  public boolean user() {
    return has("USER");
  }

  /** Returns whether {@code STLS} is offered (RFC 2595 §4). */
  public boolean stls() {
    return has("STLS");
  }

  /** Returns the SASL mechanisms offered for {@code AUTH} (RFC 2449 §6.3), upper case. */
  public List<String> saslMechanisms() {
    List<String> a = arguments("SASL");
    List<String> r = new ArrayList<>(a.size());
    for (String s : a) {
      r.add(s.toUpperCase(Locale.ROOT));
    }
    return List.copyOf(r);
  }

  /** Returns whether extended response codes are used (RFC 2449 §6.4). */
  public boolean respCodes() {
    return has("RESP-CODES");
  }

  /** Returns whether the {@code [AUTH]} code is used for credential failures (RFC 3206 §6). */
  public boolean authRespCode() {
    return has("AUTH-RESP-CODE");
  }

  /** Returns whether commands may be pipelined (RFC 2449 §6.6). */
  public boolean pipelining() {
    return has("PIPELINING");
  }

  /**
   * Returns the {@code EXPIRE} policy in days (RFC 2449 §6.7): {@code Long.MAX_VALUE} for {@code
   * NEVER}, {@code 0} when messages are deleted after retrieval; empty when not announced or not
   * a number.
   */
  public OptionalLong expireDays() {
    return numberArgument("EXPIRE", "NEVER");
  }

  /** Returns the minimum seconds between logins (RFC 2449 §6.8), empty when not announced. */
  public OptionalLong loginDelaySeconds() {
    return numberArgument("LOGIN-DELAY", null);
  }

  /** Returns the server's {@code IMPLEMENTATION} string (RFC 2449 §6.9), if given. */
  public Optional<String> implementation() {
    List<String> a = arguments("IMPLEMENTATION");
    return a.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", a));
  }

  /** Returns whether the {@code UTF8} command is offered (RFC 6856 §2). */
  public boolean utf8() {
    return has("UTF8");
  }

  /** Returns whether the {@code LANG} command is offered (RFC 6856 §3). */
  public boolean lang() {
    return has("LANG");
  }

  private OptionalLong numberArgument(String name, String infinite) {
    List<String> a = arguments(name);
    if (a.isEmpty()) {
      return OptionalLong.empty();
    }
    String v = a.get(0);
    if (infinite != null && v.equalsIgnoreCase(infinite)) {
      return OptionalLong.of(Long.MAX_VALUE);
    }
    try {
      long n = Long.parseLong(v);
      return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Returns whether {@code o} holds the same names and arguments. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Capabilities c && caps.equals(c.caps);
  }

  /** Returns a hash of names and arguments. */
  @Override
  public int hashCode() {
    return caps.hashCode();
  }

  /** Returns e.g. {@code Capabilities[TOP, SASL PLAIN LOGIN]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Capabilities[");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : caps.entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey());
      for (String a : e.getValue()) {
        sb.append(' ').append(a);
      }
      first = false;
    }
    return sb.append(']').toString();
  }
}

package org.mailwire.activesync.wbxml;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One tag of an ActiveSync code page: its page, token, name and the protocol versions that have it
 * ([MS-ASWBXML] section 2.1.2.1). Tags are constants obtained from {@link CodePages}; compare them
 * with {@code ==}.
 */
public final class Tag {
  private final int page;
  private final int token;
  private final String name;
  private final String namespace;
  private final int versionMask;
  private final List<String> aliases;

  Tag(int page, int token, String name, String namespace, int versionMask, List<String> aliases) {
    this.page = page;
    this.token = token;
    this.name = name;
    this.namespace = namespace;
    this.versionMask = versionMask;
    this.aliases = List.copyOf(aliases);
  }

  /** Returns the code page number (0 to 25). */
  public int page() {
    return page;
  }

  /** Returns the token (0x05 to 0x3F), without the content bit. */
  public int token() {
    return token;
  }

  /** Returns the tag name as the code page table writes it, e.g. {@code "SyncKey"}. */
  public String name() {
    return name;
  }

  /** Returns the namespace of the tag's code page, e.g. {@code "AirSync"} (without a colon). */
  public String namespace() {
    return namespace;
  }

  /**
   * Returns the other names this tag is known by and that {@link CodePages#tag(String, String)}
   * accepts: names libwbxml 0.11 uses, and [MS-ASCMD] element names where they differ from the code
   * page table. Never {@code null}; usually empty.
   */
  public List<String> aliases() {
    return aliases;
  }

  /**
   * Returns whether the given protocol version has this tag.
   *
   * @param version a protocol version (not {@code null})
   * @return {@code true} when [MS-ASWBXML] lists the version for this tag
   */
  public boolean supportedIn(ProtocolVersion version) {
    return (versionMask & (1 << version.ordinal())) != 0;
  }

  /** Returns the protocol versions that have this tag, as a new mutable set. */
  public Set<ProtocolVersion> versions() {
    EnumSet<ProtocolVersion> set = EnumSet.noneOf(ProtocolVersion.class);
    for (ProtocolVersion v : ProtocolVersion.values()) {
      if (supportedIn(v)) {
        set.add(v);
      }
    }
    return set;
  }

  /** Returns {@code Namespace:Name}, e.g. {@code "AirSync:SyncKey"}. */
  @Override
  public String toString() {
    return namespace + ":" + name;
  }
}

package org.mailwire.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports the client and codec packages only; the internals stay hidden. */
class ModuleDescriptorTest {

  @Test
  void exportsOnlyTheApiPackages() throws Exception {
    Path classes = Path.of(Pop3Client.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.name()).isEqualTo("org.mailwire.pop3");
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder("org.mailwire.pop3", "org.mailwire.pop3.codec");
    assertThat(classes.resolve("org/mailwire/pop3/internal/Connection.class")).exists();
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "org.mailwire.transport", "org.mailwire.sasl");
  }

  @Test
  void mainCodeHoldsNoMonitors() throws Exception {
    Path src = Path.of("src/main/java");
    try (var files = Files.walk(src)) {
      assertThat(files.filter(p -> p.toString().endsWith(".java")))
          .allSatisfy(p -> assertThat(Files.readString(p)).doesNotContain("synchronized"));
    }
  }
}

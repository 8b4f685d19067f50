package org.mailwire.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The module exports the API package only; the internals stay hidden. */
class ModuleDescriptorTest {

  @Test
  void exportsOnlyTheApiPackage() throws Exception {
    Path classes = Path.of(Sasl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.name()).isEqualTo("org.mailwire.sasl");
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("org.mailwire.sasl");
    // The internal package is part of the module's classes, but not exported.
    assertThat(classes.resolve("org/mailwire/sasl/internal/ScramClient.class")).exists();
    assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
        .containsExactlyInAnyOrder("java.base", "org.mailwire.transport");
  }
}

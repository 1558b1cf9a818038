package org.poyang.platform.lifecycle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate that keeps components from starting before the profile's configuration is in place. */
class ConfigurationGateTest {

    @TempDir
    Path dir;

    @Test
    void thePidsOfAProfileFileAreItsKeysWithoutTheConfiguratorProperties() throws IOException {
        Path file = dir.resolve("standalone.json");
        Files.writeString(file, """
                {
                  // comments are allowed in Configurator resources
                  ":configurator:resource-version": 1,
                  ":configurator:symbolic-name": "poyang.profile.test",
                  "org.poyang.platform.persistence": {"dialect": "DERBY"},
                  "org.poyang.catalog": {"demoData:Boolean": true},
                  "org.poyang.feed~hub": {"url": "http://127.0.0.1"}
                }
                """, StandardCharsets.UTF_8);
        Path second = dir.resolve("extra.json");
        Files.writeString(second, "{\"org.poyang.security.audit\": {}}", StandardCharsets.UTF_8);

        assertThat(ConfigurationGate.pids(file.toUri() + "," + second.toUri()))
                .containsExactly("org.poyang.platform.persistence", "org.poyang.catalog", "org.poyang.feed~hub",
                        "org.poyang.security.audit");
        assertThat(ConfigurationGate.pids("{\"a.b\": {}, \":configurator:version\": \"1\"}")).containsExactly("a.b");
    }

    @Test
    void aResourceThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> ConfigurationGate.pids("[1, 2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigurationGate.pids(dir.resolve("missing.json").toUri().toString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void waitsUntilEveryPidIsPresent() throws Exception {
        Set<String> present = ConcurrentHashMap.newKeySet();
        Thread configurator = new Thread(() -> {
            try {
                Thread.sleep(200);
                present.add("a");
                Thread.sleep(200);
                present.add("b");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        configurator.start();
        assertThat(ConfigurationGate.await(Set.of("a", "b"), present::contains, Duration.ofSeconds(20))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        configurator.join();
    }

    @Test
    void givesUpAfterTheLimitAndNamesWhatIsMissing() throws Exception {
        assertThat(ConfigurationGate.await(Set.of("here", "never"), "here"::equals, Duration.ofMillis(100)))
                .containsExactly("never");
    }
}

package org.poyang.platform.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Derby's system-wide settings: Poyang's defaults, each one unless an operator's {@code -D} already set it. */
class DerbyDefaultsTest {

    private static final List<String> KEYS = List.of("derby.locks.deadlockTimeout", "derby.locks.waitTimeout",
            DataSourceProvider.PAGE_SIZE_PROPERTY, DataSourceProvider.LOG_BUFFER_PROPERTY);

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void clear() {
        for (String k : KEYS) {
            saved.put(k, System.getProperty(k));
            System.clearProperty(k);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void setsPoyangDefaults() {
        DataSourceProvider.derbySystemDefaults();

        assertThat(System.getProperty("derby.locks.deadlockTimeout")).isEqualTo("1");
        assertThat(System.getProperty("derby.locks.waitTimeout")).isEqualTo("10");
        assertThat(System.getProperty("derby.storage.pageSize")).isEqualTo("32768");
        assertThat(System.getProperty("derby.storage.logBufferSize")).isEqualTo("1048576");
    }

    @Test
    void anOperatorsSettingWins() {
        System.setProperty("derby.storage.logBufferSize", "65536");
        System.setProperty("derby.locks.waitTimeout", "30");

        DataSourceProvider.derbySystemDefaults();

        assertThat(System.getProperty("derby.storage.logBufferSize")).isEqualTo("65536");
        assertThat(System.getProperty("derby.locks.waitTimeout")).isEqualTo("30");
        assertThat(System.getProperty("derby.storage.pageSize")).isEqualTo("32768");
    }
}

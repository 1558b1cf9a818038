package org.poyang.catalog.impl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogIndexTest {

    /**
     * A component stopped from an interrupted thread (a framework stop, a shutdown hook) still closes the
     * index with what was published on disk. Lucene's file channels close for good on an interrupt, so
     * before this the close failed with "this writer hit an unrecoverable error" and the index was
     * rebuilt at the next start.
     */
    @Test
    void closingFromAnInterruptedThreadKeepsWhatWasPublishedAndTheInterrupt(@TempDir Path dir) throws IOException {
        CatalogIndex index = new CatalogIndex(dir);
        index.publish(3); // visible to searches, not yet synced to disk
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            index.close();
        } finally {
            stillInterrupted = Thread.interrupted();
        }
        assertThat(stillInterrupted).as("the caller's interrupt is kept").isTrue();
        try (CatalogIndex reopened = new CatalogIndex(dir)) {
            assertThat(reopened.applied()).isEqualTo(3);
        }
    }
}

package org.poyang.catalog.impl.internal;

import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.EntryVersion.Action;
import org.poyang.catalog.api.NewAgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demonstration Jiangxi catalog ({@link DemoCatalog}) into an empty catalog when
 * {@code demoData} is set (the standalone profile): the agencies, then the entries as drafts, most of
 * them submitted and published by the management department so that the open and share catalogs
 * have content. Runs once, in the background; an existing catalog is never touched.
 */
@Component(immediate = true, configurationPid = CatalogConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DemoLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    static final String ACTOR = "demo-loader";

    private final Thread worker;

    @Activate
    public DemoLoader(@Reference CatalogService catalog, @Reference AgencyService agencies, CatalogConfig config) {
        worker = new Thread(() -> load(catalog, agencies), "poyang-catalog-demo");
        worker.setDaemon(true);
        modified(config);
    }

    /** Starts loading when demo data is switched on, also after activation (the profile's file may come later). */
    @Modified
    synchronized void modified(CatalogConfig config) {
        if (config.demoData() && worker.getState() == Thread.State.NEW) {
            worker.start();
        }
    }

    @Deactivate
    synchronized void stop() throws InterruptedException {
        worker.interrupt();
        worker.join(10_000);
    }

    static void load(CatalogService catalog, AgencyService agencies) {
        try {
            if (!catalog.list(null, null, 0, 1).isEmpty()) {
                return;
            }
            long t0 = System.nanoTime();
            List<NewAgency> demoAgencies = DemoCatalog.agencies();
            int registered = 0;
            for (NewAgency a : demoAgencies) {
                if (agencies.find(CreditCode.parse(a.creditCode())).isEmpty()) {
                    agencies.register(a);
                    registered++;
                }
            }
            List<CatalogEntry> created = catalog.createAll(DemoCatalog.entries(demoAgencies), ACTOR);
            int published = 0;
            for (int i = 0; i < created.size() && !Thread.currentThread().isInterrupted(); i++) {
                CatalogEntry e = created.get(i);
                if (i % 10 == 9) {
                    continue; // every tenth entry stays a draft, as in a catalog being written
                }
                catalog.transition(e.code(), Action.SUBMIT, ACTOR, null);
                catalog.transition(e.code(), Action.PUBLISH, ACTOR, "演示数据 (demo data)");
                published++;
            }
            LOG.info("Demo catalog loaded: {} agencies, {} entries ({} published) in {} ms", registered, created.size(), published,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Demo catalog not loaded", e);
        }
    }
}

package org.poyang.catalog.impl.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.poyang.catalog.api.AgencyService;
import org.poyang.catalog.api.CatalogEntry;
import org.poyang.catalog.api.CatalogQuery;
import org.poyang.catalog.api.CatalogService;
import org.poyang.catalog.api.CreditCode;
import org.poyang.catalog.api.EntryDraft;
import org.poyang.catalog.api.EntryStatus;
import org.poyang.catalog.api.EntryVersion.Action;
import org.poyang.catalog.api.NewAgency;
import org.poyang.security.api.AccountService;
import org.poyang.security.api.InitialPasswords;
import org.poyang.security.api.NewAccount;
import org.poyang.security.api.Role;
import org.poyang.security.api.SubjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demonstration Jiangxi catalog ({@link DemoCatalog}) into an empty catalog when
 * {@code demoData} is set (the standalone profile): the agencies, then the entries as drafts, most of
 * them submitted and published by the management department so that the open and share catalogs
 * have content, then the demo accounts. Runs once, in the background. A first start stopped while
 * this was under way (no demo accounts yet) is finished at the next start: the demo entries it left
 * unpublished are published then, and only those (entries the demo loader wrote last); nothing else
 * of an existing catalog is touched, and a restart after a complete load looks up one account.
 */
@Component(immediate = true, configurationPid = CatalogConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DemoLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
    static final String ACTOR = "demo-loader";

    private final Thread worker;

    @Activate
    public DemoLoader(@Reference CatalogService catalog, @Reference AgencyService agencies, @Reference AccountService accounts,
            CatalogConfig config, BundleContext context) {
        String dataDir = context.getProperty("poyang.data.dir");
        Path accountsFile = Path.of(dataDir == null ? "data" : dataDir).resolve(ACCOUNTS_FILE);
        worker = new Thread(() -> load(catalog, agencies, accounts, accountsFile), "poyang-catalog-demo");
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

    /** Where the demo accounts' passwords are written, under the data directory. */
    static final String ACCOUNTS_FILE = "demo-accounts.properties";

    static void load(CatalogService catalog, AgencyService agencies, AccountService accounts, Path accountsFile) {
        try {
            List<NewAgency> demoAgencies = DemoCatalog.agencies();
            if (catalog.list(null, null, 0, 1).isEmpty()) {
                loadCatalog(catalog, agencies, demoAgencies);
            } else if (accounts.findByLogin("reviewer").isEmpty()) {
                // the demo accounts are made last: without them, an earlier start stopped before the end
                finishPublishing(catalog, demoAgencies);
            }
            // also when an earlier first start was stopped before the demo people were made
            if (accounts.findByLogin("reviewer").isEmpty() && !Thread.currentThread().isInterrupted()
                    && demoAgencies.stream().allMatch(a -> agencies.find(CreditCode.parse(a.creditCode())).isPresent())) {
                // the provider of the tenth demo entry, which stays a draft: the officer has work to do
                demoAccounts(accounts, demoAgencies, DemoCatalog.entries(demoAgencies).get(9).provider().strip(), accountsFile);
            }
        } catch (RuntimeException | IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                // stopped during loading; what is missing is made at the next start
                LOG.info("Demo data loading stopped by the shutdown; the next start finishes it");
            } else {
                LOG.warn("Demo catalog not loaded", e);
            }
        }
    }

    /**
     * Publishes the demo entries that an interrupted first start left as drafts or submitted: those
     * of {@link DemoCatalog#entries} meant to be published (every one but each tenth), found by name
     * and provider, and only while the demo loader is still their last writer. Returns how many.
     */
    static int finishPublishing(CatalogService catalog, List<NewAgency> demoAgencies) {
        List<EntryDraft> drafts = DemoCatalog.entries(demoAgencies);
        Set<String> toPublish = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            if (i % 10 != 9) {
                toPublish.add(drafts.get(i).name() + '\u0000' + drafts.get(i).provider().strip());
            }
        }
        List<CatalogEntry> pending = new ArrayList<>();
        for (EntryStatus status : List.of(EntryStatus.SUBMITTED, EntryStatus.DRAFT)) {
            for (int offset = 0;; offset += CatalogQuery.MAX_LIMIT) {
                List<CatalogEntry> page = catalog.list(null, status, offset, CatalogQuery.MAX_LIMIT);
                page.stream().filter(e -> ACTOR.equals(e.updatedBy()) && toPublish.contains(e.name() + '\u0000' + e.provider().value()))
                        .forEach(pending::add);
                if (page.size() < CatalogQuery.MAX_LIMIT) {
                    break;
                }
            }
        }
        int published = 0;
        for (CatalogEntry e : pending) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (e.status() == EntryStatus.DRAFT) {
                catalog.transition(e.code(), Action.SUBMIT, ACTOR, null);
            }
            catalog.transition(e.code(), Action.PUBLISH, ACTOR, "演示数据 (demo data)");
            published++;
        }
        if (published > 0) {
            LOG.info("Demo catalog: published the {} demo entries an earlier, interrupted start left unpublished", published);
        }
        return published;
    }

    private static void loadCatalog(CatalogService catalog, AgencyService agencies, List<NewAgency> demoAgencies) {
        long t0 = System.nanoTime();
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
    }

    /**
     * Three people to try the demo with: a catalog reviewer of the provincial data bureau (the
     * management department), a data officer of an agency that has a draft, and a supervisor.
     * Their random passwords go to a file only its owner can read.
     */
    static void demoAccounts(AccountService accounts, List<NewAgency> demoAgencies, String officerAgency, Path file) throws IOException {
        String bureau = demoAgencies.stream().filter(a -> a.name().equals("江西省数据局")).findFirst().orElseThrow().creditCode();
        String officerAgencyName = demoAgencies.stream().filter(a -> a.creditCode().equals(officerAgency)).findFirst()
                .map(NewAgency::name).orElse(officerAgency);
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("reviewer", create(accounts, "reviewer", "演示目录审核员", SubjectType.MANAGEMENT_STAFF, bureau, Role.CATALOG_REVIEWER));
        passwords.put("officer", create(accounts, "officer", "演示数据专员", SubjectType.AGENCY_STAFF, officerAgency, Role.DATA_OFFICER));
        passwords.put("supervisor", create(accounts, "supervisor", "演示监督员", SubjectType.CAC_SUPERVISOR, null, Role.SUPERVISOR));
        InitialPasswords.writeOwnerOnly(file, passwords, "Poyang demo accounts: reviewer (江西省数据局 " + bureau + "), officer ("
                + officerAgencyName + " " + officerAgency + "), supervisor");
        LOG.info("Demo accounts reviewer, officer and supervisor created; their passwords are in {}", file.toAbsolutePath());
    }

    private static String create(AccountService accounts, String login, String name, SubjectType type, String agency, Role role) {
        String password = InitialPasswords.random();
        accounts.create(new NewAccount(login, name, type, agency, Set.of(role), password), ACTOR);
        return password;
    }
}

package org.poyang.security.api;

/**
 * What a subject asks to do. Each action has one rule in the policy enforcement point, and each
 * rule names the article of the Measures it implements.
 */
public enum Action {
    /** Read the open catalog (开放目录): public (Art. 9, 17). */
    OPEN_CATALOG_READ,
    /** Read the share catalog (共享目录): agencies only (Art. 21, 23). */
    SHARE_CATALOG_READ,
    /** Read an entry not yet published: its provider and the management department (Art. 9). */
    UNPUBLISHED_ENTRY_READ,
    /** Create, change, submit or withdraw the providing agency's own entries (Art. 6, 9). */
    CATALOG_EDIT,
    /** Review, publish or return entries for the province-wide catalogs (Art. 9). */
    CATALOG_REVIEW,
    /** Register agencies (公共管理和服务机构) in the catalog (Art. 6, 9). */
    AGENCY_REGISTER,
    /** Manage accounts and roles (Art. 35; security administrator, 三员分立). */
    ACCOUNT_ADMIN,
    /** Issue, list or revoke the subject's own application keys (Art. 18). */
    KEY_MANAGE,
    /** Read and verify the audit trail (Art. 30, 35; audit administrator). */
    AUDIT_READ,
    /** Demand rectification, suspend, restore or terminate a user or application (Art. 39). */
    SUPERVISE,
    /** Read data rows of an entry through the open route (Art. 17, 18). */
    OPEN_DATA_READ,
    /** Read data rows of an entry through the share route (Art. 22-24). */
    SHARE_DATA_READ,
    /**
     * Deliver (归集) rows of the providing agency's own entries to the platform, and set how they are
     * keyed, cleaned and accepted (Art. 6, 10, 13).
     */
    DATA_DELIVER,
    /**
     * Follow aggregation: batches, rejected rows, record history and stale entries; the provider for
     * its own entries, the management department and supervisors for all (Art. 13, 37-38, 41).
     */
    COLLECT_MONITOR,
    /**
     * Apply for conditional open data (申请有条件开放数据): accounts of natural persons, legal persons and
     * other organisations; agencies use conditional sharing instead (Art. 18, 23).
     */
    OPEN_APPLY,
    /**
     * Object to open data (提出异议): it is wrong or incomplete, or infringes a trade secret, confidential
     * business information, privacy or personal information; natural persons, legal persons and other
     * organisations, signed in (Art. 19).
     */
    OBJECTION_FILE,
    /**
     * Ask for data to be opened and vote on such requests (需求导向, Art. 14, 15): natural persons, legal
     * persons and other organisations, signed in (one vote each).
     */
    OPEN_DEMAND,
    /**
     * Declare an emergency event, open resources for it, close it (突发事件数据开放): the management
     * department's catalog reviewers (Art. 16).
     */
    EMERGENCY_DECLARE,
    /**
     * Register an application or analysis built on open data for the showcase (应用示范): persons and
     * organisations, signed in; the management department's catalog reviewers list or decline it (Art. 25, 28).
     */
    SHOWCASE_SUBMIT,
    /**
     * Record, negotiate, agree or escalate a dispute between agencies over which of them opens a dataset
     * (开放主体争议): the agencies' data officers (Art. 20).
     */
    DISPUTE_FILE,
    /**
     * Record the expert committee's opinion on an escalated dispute and decide it: the management
     * department's catalog reviewers (Art. 20).
     */
    DISPUTE_DECIDE,
    /**
     * Answer an application or objection about the providing agency's own data: ask for material,
     * approve with method, time and requirements, or refuse with reasons; its data officers (Art. 18, 19, 23).
     */
    APPLICATION_ANSWER,
    /**
     * Follow cases (applications, objections) and their deadlines: the provider for its own data, the
     * management department and supervisors for all (Art. 18, 41).
     */
    CASE_OVERSEE,
    /**
     * Apply for conditionally shared data (有条件共享申请) with purpose, legal duty, items and route: an
     * agency's data officers (Art. 23, 24).
     */
    SHARE_APPLY,
    /**
     * Open, answer, escalate or withdraw a negotiation over data not shared (不予共享数据的协商): the data officers
     * of the using and the providing agency (Art. 23).
     */
    SHARE_NEGOTIATE,
    /**
     * Record the coordination decision on an escalated negotiation (主管部门协调): the management department's
     * catalog reviewers (Art. 23).
     */
    SHARE_COORDINATE,
    /**
     * Trace a leaked file to the grant it was delivered under (泄露溯源), and read grants' usage: the provider for
     * its own data, the management department and supervisors for all (Art. 24, 41).
     */
    SHARE_TRACE
}

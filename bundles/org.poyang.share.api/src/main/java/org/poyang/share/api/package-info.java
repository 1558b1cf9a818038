/**
 * Data sharing between agencies (共享管理, Art. 21-24 of the Jiangxi Public Data Management Measures).
 * Unconditionally shared data (无条件共享) is obtained directly, each call stating the legal duty it
 * serves; conditionally shared data (有条件共享) is applied for with purpose, legal duty, items and route,
 * and the providing agency answers within 10 working days of receipt; data not shared (不予共享) is
 * negotiated with the provider and, failing agreement, coordinated by the management department. An
 * approval or a decision to provide issues a grant bound to items, route, purpose, legal duty and time;
 * every delivery under it is fingerprinted so that a leaked copy can be traced back (Art. 24).
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.poyang.share.api;

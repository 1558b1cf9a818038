/**
 * Open data (开放管理, Art. 14-20 of the Jiangxi Public Data Management Measures): applications for
 * conditional open data (有条件开放数据申请, Art. 18). A person or organisation applies with identity,
 * intended use, items and route; the providing agency answers within 10 working days of receipt, with
 * the method, time and requirements of provision or with reasons for refusal; the clock pauses while
 * the applicant supplies material (补正). Approval issues a grant the policy enforcement point enforces.
 * Objections (异议, Art. 19) and disputes over the opening agency (Art. 20) run on the same workflow. Results of algorithm models (Art. 18) run
 * inside the platform and release only aggregates that pass disclosure control.
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.poyang.open.api;

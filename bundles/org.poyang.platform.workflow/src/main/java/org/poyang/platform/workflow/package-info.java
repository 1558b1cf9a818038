/**
 * Case workflow (案件流程): the one service that runs applications for conditional open data (Art.
 * 18), objections (Art. 19), conditional sharing requests (Art. 23), negotiations and disputes (Art.
 * 20, 23) as cases. A module defines its case types (states, transitions, the states that wait on the
 * applicant, the final states, the statutory working days); the service keeps each case's state, every
 * step, and its working-day clock: the day of receipt is not counted, the clock pauses while the case
 * waits on the applicant (补正) and resumes with the days that were left, reminders go out shortly
 * before the deadline, and a case past its deadline is flagged overdue.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.poyang.platform.workflow;

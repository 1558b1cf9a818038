/**
 * Working-day calendar (工作日日历) for the statutory deadlines of the Jiangxi Public Data
 * Management Measures: applications for conditional open data (Art. 18), objections
 * (Art. 19) and conditional sharing requests (Art. 23) are answered "within 10 working days
 * of receipt".
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.poyang.platform.calendar;

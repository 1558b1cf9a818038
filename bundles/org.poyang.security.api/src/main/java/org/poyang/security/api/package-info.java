/**
 * Security of the platform (安全管理, Art. 12, 24, 29-31, 35, 39 of the Jiangxi Public Data
 * Management Measures). So far: the tamper-evident audit trail (审计日志, Art. 30, 35) and accounts
 * with roles, passwords, second factor and Art. 39 status (身份管理), and API keys of applications;
 * authentication, the policy
 * enforcement point, masking and encryption follow in the same package.
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.poyang.security.api;

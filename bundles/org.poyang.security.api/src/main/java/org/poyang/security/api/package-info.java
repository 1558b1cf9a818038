/**
 * Security of the platform (安全管理, Art. 12, 24, 29-31, 35, 39 of the Jiangxi Public Data
 * Management Measures): accounts with roles, passwords, second factor and Art. 39 status
 * (身份管理); application keys; authentication of every request ({@link Authenticator}); the one
 * policy enforcement point ({@link PolicyEnforcementPoint}); the tamper-evident audit trail
 * (审计日志, Art. 30, 35); grants (授权) of conditional data, bound to items, route, purpose and
 * time (Art. 18, 23, 24); masking (脱敏) and encryption at rest.
 * <p>
 * Version 0.x: the API is still being built and may change without a major version step.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.7.0")
package org.poyang.security.api;

package org.poyang.security.impl.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditTrail;
import org.poyang.security.api.FieldCipher;

/**
 * Gogo shell commands {@code keys:active} and {@code keys:rotate} for the operators who hold the
 * field-encryption keys (Art. 31): rotation makes a new key the one new values are encrypted under;
 * values under older keys stay readable. Every rotation is recorded on the audit trail.
 */
@Component(service = KeyCommands.class, property = {
    "osgi.command.scope=keys",
    "osgi.command.function=active",
    "osgi.command.function=rotate"
})
public final class KeyCommands {

    private final FieldCipher cipher;
    private final AuditTrail audit;

    @Activate
    public KeyCommands(@Reference FieldCipher cipher, @Reference AuditTrail audit) {
        this.cipher = cipher;
        this.audit = audit;
    }

    /** The id of the key new values are encrypted under. */
    public String active() {
        return "当前字段加密密钥 (active field key): " + cipher.activeKey();
    }

    /** Creates a new field key and makes it the active one. */
    public String rotate() {
        String before = cipher.activeKey();
        String after = cipher.rotate();
        audit.record(new AuditEvent("operator:shell", null, "keys.rotate", after, null, null, AuditEvent.Outcome.PERMIT,
                "field key rotated from " + before + " to " + after));
        return "字段加密密钥已轮换 (field key rotated): " + before + " -> " + after + "；旧密钥加密的数据仍可读取 (values under older keys stay readable)";
    }
}

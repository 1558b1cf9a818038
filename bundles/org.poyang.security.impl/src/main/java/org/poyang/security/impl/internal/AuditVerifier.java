package org.poyang.security.impl.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.poyang.security.api.AuditEvent;
import org.poyang.security.api.AuditVerification;

/**
 * Checks an audit trail in a database, online (the {@code AuditTrail} service, the Gogo command) or
 * offline ({@link AuditVerifyTool}): indexes run 1, 2, 3 ... without gaps, each record's previous
 * hash is its predecessor's hash, each hash recomputes from the content, and every checkpoint's hash
 * is its record's and is signed by a known key (or the pinned one). Reports the first broken index.
 */
final class AuditVerifier {

    private AuditVerifier() {
    }

    /**
     * @param pinnedPublicKey the auditor's trusted public key (hex), or null to trust the keys stored
     *                        in the database (which an attacker with write access could replace)
     */
    static AuditVerification verify(Connection c, String pinnedPublicKey) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        if (pinnedPublicKey != null) {
            keys.put(AuditSigner.keyId(pinnedPublicKey), pinnedPublicKey);
        } else {
            try (PreparedStatement ps = c.prepareStatement("SELECT KEY_ID, PUBLIC_KEY FROM SEC_AUDIT_KEY"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1).strip(), rs.getString(2).strip());
                }
            }
        }
        TreeMap<Long, String[]> checkpoints = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT IDX, HASH, KEY_ID, SIGNATURE FROM SEC_AUDIT_CHECKPOINT ORDER BY IDX");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                checkpoints.put(rs.getLong(1), new String[] {rs.getString(2).strip(), rs.getString(3).strip(), rs.getString(4).strip()});
            }
        }
        long expected = 1;
        String prev = AuditChain.GENESIS;
        long verifiedCheckpoints = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT IDX, AT_MS, SUBJECT, AGENCY, ACTION, RESOURCE, PURPOSE, GRANT_ID, "
                + "OUTCOME, DETAIL, PREV_HASH, HASH FROM SEC_AUDIT ORDER BY IDX")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long idx = rs.getLong(1);
                    if (idx != expected) {
                        return broken(expected - 1, verifiedCheckpoints, expected, idx > expected
                                ? "第 " + expected + " 条记录缺失（被删除） (record " + expected + " is missing: deleted)"
                                : "第 " + idx + " 条记录重复或顺序错乱 (record " + idx + " is duplicated or out of order)");
                    }
                    AuditEvent.Outcome outcome;
                    try {
                        outcome = AuditEvent.Outcome.valueOf(rs.getString(9).strip());
                    } catch (IllegalArgumentException e) {
                        return broken(idx - 1, verifiedCheckpoints, idx, "第 " + idx + " 条记录的结果字段被篡改 (record " + idx + " has an altered outcome)");
                    }
                    AuditEvent e = new AuditEvent(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), outcome, rs.getString(10));
                    String storedPrev = rs.getString(11).strip();
                    String stored = rs.getString(12).strip();
                    if (!storedPrev.equals(prev)) {
                        return broken(idx - 1, verifiedCheckpoints, idx, "第 " + idx + " 条记录与前一条记录的链接断开（删除、插入或顺序调整） (record "
                                + idx + " does not link to its predecessor: deleted, inserted or reordered records)");
                    }
                    if (!AuditChain.hash(prev, idx, rs.getLong(2), e).equals(stored)) {
                        return broken(idx - 1, verifiedCheckpoints, idx, "第 " + idx + " 条记录的内容被修改 (record " + idx + " was edited)");
                    }
                    String[] cp = checkpoints.get(idx);
                    if (cp != null) {
                        String key = keys.get(cp[1]);
                        if (!cp[0].equals(stored)) {
                            return broken(idx - 1, verifiedCheckpoints, idx, "第 " + idx + " 条记录与签名检查点不符（记录链被整体改写） (record " + idx
                                    + " differs from its signed checkpoint: the chain was rewritten)");
                        }
                        if (key == null || !AuditSigner.verify(key, idx, stored, cp[2])) {
                            return broken(idx - 1, verifiedCheckpoints, idx, "第 " + idx + " 条记录处的检查点签名无效 (the checkpoint at record " + idx
                                    + " has an invalid signature" + (key == null ? ": unknown key " + cp[1] : "") + ")");
                        }
                        verifiedCheckpoints++;
                    }
                    prev = stored;
                    expected++;
                }
            }
        }
        Long beyond = checkpoints.ceilingKey(expected);
        if (beyond != null) {
            return broken(expected - 1, verifiedCheckpoints, expected, "检查点 " + beyond + " 之前的记录自第 " + expected + " 条起缺失（被截断） (records from "
                    + expected + " on are missing although checkpoint " + beyond + " signs them: the trail was truncated)");
        }
        return new AuditVerification(true, expected - 1, verifiedCheckpoints, 0, null);
    }

    private static AuditVerification broken(long records, long checkpoints, long index, String reason) {
        return new AuditVerification(false, records, checkpoints, index, reason);
    }
}

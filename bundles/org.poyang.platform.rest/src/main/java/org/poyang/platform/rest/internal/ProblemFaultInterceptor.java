package org.poyang.platform.rest.internal;

import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Gives SOAP faults the same contract as REST problems: a Client/Server fault code, a Chinese and
 * English reason, and a {@code <problem>} detail with the stable type and, like the REST problem's
 * {@code violations}, one {@code <violation>} (field, message, messageEn) per broken rule. Implementation failures that
 * are not {@link ProblemException} are masked behind an incident id, never echoed.
 */
final class ProblemFaultInterceptor extends AbstractSoapInterceptor {

    static final String NS = "urn:poyang:problem";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemFaultInterceptor.class);

    ProblemFaultInterceptor() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception ex = message.getContent(Exception.class);
        if (!(ex instanceof Fault fault)) {
            return;
        }
        ProblemException problem = Problems.find(fault, ProblemException.class);
        PayloadTooLargeException tooLarge = Problems.find(fault, PayloadTooLargeException.class);
        if (problem != null) {
            apply(fault, problem.type(), problem.detail(), null, problem.violations());
        } else if (tooLarge != null) {
            apply(fault, ProblemType.PAYLOAD_TOO_LARGE, tooLarge.describe(), null);
        } else if (Fault.FAULT_CODE_SERVER.equals(fault.getFaultCode()) && fault.getCause() != null
                && Problems.find(fault, XMLStreamException.class) == null) {
            String incident = Problems.newIncident();
            LOG.error("SOAP implementation failure (incident {})", incident, fault.getCause());
            apply(fault, ProblemType.INTERNAL_ERROR,
                    "请联系平台运维并提供事件编号 (contact the platform operators quoting the incident id)", incident);
        } else {
            apply(fault, ProblemType.BAD_REQUEST, fault.getMessage(), null);
        }
    }

    private static void apply(Fault fault, ProblemType type, String detail, String incident) {
        apply(fault, type, detail, incident, java.util.List.of());
    }

    private static void apply(Fault fault, ProblemType type, String detail, String incident,
            java.util.List<org.poyang.platform.rest.Violation> violations) {
        fault.setFaultCode(type.isClientError() ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        fault.setMessage(type.titleZh() + " (" + type.titleEn() + ")" + (detail == null ? "" : ": " + detail));
        Document doc = org.apache.cxf.helpers.DOMUtils.newDocument();
        Element detailEl = doc.createElementNS(null, "detail");
        Element p = doc.createElementNS(NS, "problem");
        p.appendChild(text(doc, "type", type.uri()));
        p.appendChild(text(doc, "status", Integer.toString(type.status())));
        p.appendChild(text(doc, "title", type.titleZh()));
        p.appendChild(text(doc, "titleEn", type.titleEn()));
        if (incident != null) {
            p.appendChild(text(doc, "incident", incident));
        }
        if (violations != null) {
            for (org.poyang.platform.rest.Violation v : violations) {
                Element ve = doc.createElementNS(NS, "violation");
                ve.appendChild(text(doc, "field", v.field()));
                ve.appendChild(text(doc, "message", v.messageZh()));
                ve.appendChild(text(doc, "messageEn", v.messageEn()));
                p.appendChild(ve);
            }
        }
        detailEl.appendChild(p);
        fault.setDetail(detailEl);
    }

    private static Element text(Document doc, String name, String value) {
        Element e = doc.createElementNS(NS, name);
        e.setTextContent(value);
        return e;
    }
}

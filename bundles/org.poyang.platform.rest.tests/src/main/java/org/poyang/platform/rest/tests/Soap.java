package org.poyang.platform.rest.tests;

/** SOAP 1.1 envelopes for raw HTTP calls. */
final class Soap {

    private Soap() {
    }

    static String envelope(String namespace, String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:p=\"" + namespace
                + "\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }
}

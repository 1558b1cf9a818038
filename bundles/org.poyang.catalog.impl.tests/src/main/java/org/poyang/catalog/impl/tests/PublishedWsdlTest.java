package org.poyang.catalog.impl.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The catalog's SOAP contract is stable: the WSDL the running service publishes is, apart from the
 * endpoint address and whitespace, exactly the one in {@code docs/wsdl/catalog-v1.wsdl} that legacy
 * agency systems generate their clients from. A change to the contract fails here until the published
 * file (and, for a breaking change, the namespace version) is updated on purpose.
 */
class PublishedWsdlTest {

    @InjectBundleContext
    BundleContext context;

    @Test
    void servedWsdlEqualsThePublishedContract() throws Exception {
        String base = "http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> served = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                served = client.send(HttpRequest.newBuilder(URI.create(base + "/soap/catalog?wsdl")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (served.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // connector not bound yet
            }
            Thread.sleep(200);
        }
        assertThat(served).isNotNull();
        assertThat(served.statusCode()).isEqualTo(200);
        Path published = Path.of(context.getProperty("poyang.docs.dir"), "wsdl", "catalog-v1.wsdl");
        Document live = canonical(served.body());
        Document doc = canonical(Files.readAllBytes(published));
        assertThat(live.isEqualNode(doc))
                .as("the served WSDL differs from %s; if the change is intended, update the file", published)
                .isTrue();
    }

    private static Document canonical(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        strip(d.getDocumentElement());
        NodeList addresses = d.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "address");
        for (int i = 0; i < addresses.getLength(); i++) {
            ((Element) addresses.item(i)).setAttribute("location", "endpoint");
        }
        d.normalizeDocument();
        return d;
    }

    private static void strip(Node n) {
        for (Node c = n.getFirstChild(); c != null;) {
            Node next = c.getNextSibling();
            if (c.getNodeType() == Node.TEXT_NODE && c.getTextContent().isBlank() || c.getNodeType() == Node.COMMENT_NODE) {
                n.removeChild(c);
            } else {
                strip(c);
            }
            c = next;
        }
    }
}

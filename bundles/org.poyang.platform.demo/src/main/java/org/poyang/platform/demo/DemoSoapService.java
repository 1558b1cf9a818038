package org.poyang.platform.demo;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import java.util.List;
import org.poyang.platform.rest.ProblemException;
import org.poyang.platform.rest.ProblemType;

/** The demo SOAP service, published by the bridge at {@code /soap/demo} with its WSDL at {@code ?wsdl}. */
@WebService(name = "DemoPort", serviceName = "DemoService", targetNamespace = DemoSoapService.NAMESPACE)
public class DemoSoapService {

    /** Target namespace of the demo contract. */
    public static final String NAMESPACE = "urn:poyang:demo:1";

    @WebMethod
    @WebResult(name = "greeting")
    public String greet(@WebParam(name = "name") String name) {
        if (name == null || name.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "name 不能为空 (name is required)");
        }
        return "你好，" + name + "！";
    }

    @WebMethod
    @WebResult(name = "row")
    public List<DemoRow> rows(@WebParam(name = "count") int count) {
        if (count < 0 || count > DemoResource.MAX_ROWS) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "count 须在 0 到 " + DemoResource.MAX_ROWS + " 之间 (count must be between 0 and " + DemoResource.MAX_ROWS + ")");
        }
        return DemoRow.sample(count);
    }
}

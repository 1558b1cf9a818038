/**
 * Casework (办件) support the open and share modules share: a case's content as JSON on the platform's case
 * workflow, finding a case of one type, who may see a case (the one who brought it; whoever oversees the
 * handling agency, Art. 18, 23, 41), an agency's and a person's own cases, and looking an entry up by its
 * resource code with the policy enforcement point's view of it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.poyang.platform.casework;

#!/usr/bin/env python3
"""Smoke test of the standalone profile as a user runs it: the exported jar, a fresh data
directory, real HTTP on loopback. Checks health, the demo REST and SOAP endpoints, OpenAPI, the
Gogo shell, signing in with a demo account and access control, a clean Ctrl-C stop, and that
data written before a restart is there after it.

Usage: smoke.py JAVA HTTP_PORT CONSOLE_PORT
Writes a JUnit XML report to releng/target/test-reports/smoke/TEST-smoke.xml.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.error
import urllib.request
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA, PORT, CONSOLE = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
BASE = f"http://127.0.0.1:{PORT}"
JAR = os.path.join(ROOT, "features", "target", "standalone.jar")
results = []


def http(method, path, body=None, headers=None):
    req = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def http_raw(method, path, body=None, headers=None):
    """Like http, but the answer's body as bytes (a workbook is not text)."""
    req = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def check(name, fn):
    start = time.time()
    try:
        fn()
        results.append((name, time.time() - start, None))
        print(f"  ok    {name}")
    except Exception as e:  # noqa: BLE001 - every failure is reported, none hidden
        results.append((name, time.time() - start, f"{type(e).__name__}: {e}"))
        print(f"  FAIL  {name}: {e}")


def jvm_args():
    """The JVM options ./poyang run starts the jar with: features/config/jvm.options and the
    class-data archive (written at the first stop, mapped by later starts)."""
    out = subprocess.run([os.path.join(ROOT, "releng", "jvm-args"), JAVA, JAR],
                         check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def start(data, extra_config=None):
    log = open(os.path.join(data, "stdout.log"), "ab")
    proc = subprocess.Popen([JAVA, *jvm_args(),
                             f"-Dorg.osgi.service.http.port={PORT}",
                             f"-Dosgi.console=127.0.0.1:{CONSOLE}",
                             f"-Dpoyang.data.dir={data}",
                             f"-Dpoyang.log.dir={data}/logs",
                             f"-Dlaunch.storage.dir={data}/osgi-cache",
                             f"-Dconfigurator.initial=file:{ROOT}/features/config/standalone.json"
                             + (f",file:{extra_config}" if extra_config else ""),
                             f"-Djava.util.logging.config.file={ROOT}/features/config/logging.properties",
                             "-jar", JAR], stdout=log, stderr=subprocess.STDOUT, cwd=data)
    t0 = time.time()
    while time.time() - t0 < 90:
        if proc.poll() is not None:
            raise AssertionError(f"instance exited with {proc.returncode}; see {data}/stdout.log")
        try:
            status, _, _ = http("GET", "/api/health")
            if status == 200:
                return proc, time.time() - t0
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("no 200 from /api/health within 90 s")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc):
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("instance did not stop within 60 s of Ctrl-C")


# Telnet replies the Equinox console waits for before it shows a prompt: echo and
# suppress-go-ahead accepted, window size 80x24 and terminal type VT100 offered.
TELNET_HELLO = (bytes([255, 253, 1, 255, 253, 3, 255, 251, 31, 255, 251, 24])
                + bytes([255, 250, 31, 0, 80, 0, 24, 255, 240])
                + bytes([255, 250, 24, 0]) + b"VT100" + bytes([255, 240]))


def gogo(command, expect):
    with socket.create_connection(("127.0.0.1", CONSOLE), timeout=10) as s:
        s.settimeout(0.5)
        buf = b""
        sent = hello = False
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                buf += s.recv(4096)
            except socket.timeout:
                pass
            if not hello and buf:
                s.sendall(TELNET_HELLO)
                hello = True
            if hello and not sent and b"g! " in buf:
                s.sendall(command.encode() + b"\r\n")
                sent = True
                buf = b""
            if sent and expect.encode() in buf:
                return buf.decode("utf-8", "replace")
        raise AssertionError(f"Gogo did not answer '{command}' with '{expect}'; got {buf[-300:]!r}")


def main():
    if not os.path.isfile(JAR):
        print(f"missing {JAR}: build first (mvn install)")
        return 1
    data = tempfile.mkdtemp(prefix="poyang-smoke-")
    note = f"鄱阳湖 smoke {time.time()}"
    state = {}
    print(f"Smoke test: {JAR} on port {PORT}, data {data}")

    def first_start():
        proc, secs = start(data)
        state["proc"], state["startup"] = proc, secs
        print(f"        first start: {secs:.1f} s to the first 200 on /api/health")

    check("standalone starts and /api/health answers 200", first_start)
    if "proc" not in state:
        return report()

    def health():
        status, headers, body = http("GET", "/api/health")
        assert status == 200, (status, body)
        report_ = json.loads(body)
        assert report_["status"] == "UP", body
        names = {m["name"]: m["state"] for m in report_["modules"]}
        for m in ("org.poyang.platform.rest", "org.poyang.platform.persistence", "org.poyang.platform.calendar",
                  "org.poyang.platform.health", "org.poyang.platform.demo", "org.poyang.catalog.impl"):
            assert names.get(m) == "active", (m, names.get(m))

    def profile_configuration():
        # features/config/standalone.json lists the required modules; the logging fragment is not
        # among them, so it reads required=false only if the Configurator applied the file.
        _, _, body = http("GET", "/api/health")
        required = {m["name"]: m["required"] for m in json.loads(body)["modules"]}
        assert required.get("org.poyang.platform.rest") is True, required
        assert required.get("org.poyang.platform.logging") is False, required

    def rest():
        status, headers, body = http("GET", "/api/demo/greeting?name=%E6%B1%9F%E8%A5%BF")
        assert status == 200 and json.loads(body)["message"] == "你好，江西！", (status, body)

    def soap_wsdl():
        status, _, body = http("GET", "/soap/demo?wsdl")
        assert status == 200 and "wsdl:definitions" in body and "urn:poyang:demo:1" in body, status

    def soap_call():
        env = ('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:d="urn:poyang:demo:1">'
               '<soapenv:Body><d:greet><name>赣州</name></d:greet></soapenv:Body></soapenv:Envelope>')
        status, _, body = http("POST", "/soap/demo", env.encode(), {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})
        assert status == 200 and "你好，赣州！" in body, (status, body)

    def problem_404():
        status, headers, body = http("GET", "/api/no-such-thing")
        assert status == 404 and headers["Content-Type"].startswith("application/problem+json"), (status, headers)
        assert json.loads(body)["type"] == "urn:poyang:problem:not-found"

    def openapi():
        status, _, body = http("GET", "/api/openapi.json")
        doc = json.loads(body)
        assert status == 200 and doc["openapi"].startswith("3."), status
        assert "/api/demo/notes" in doc["paths"] and "/api/health" in doc["paths"], list(doc["paths"])

    def write_note():
        status, _, body = http("POST", "/api/demo/notes", json.dumps({"text": note}).encode(), {"Content-Type": "application/json"})
        assert status == 201, (status, body)

    def shell():
        out = gogo("calendar:deadline 2026-09-30 10", "2026-10-20")
        assert "2026-10-20" in out

    def audit_shell():
        out = gogo("audit:verify", "intact")
        assert "审计日志完整" in out, out[-300:]
        # the field-encryption key rotates from the shell (Art. 31); the new key becomes the active one
        before = re.search(r"active field key\): (\S+)", gogo("keys:active", "active field key")).group(1)
        out = gogo("keys:rotate", "field key rotated")
        after = re.search(r"active field key\): (\S+)", gogo("keys:active", "active field key")).group(1)
        assert before != after and after in out, (before, after, out[-300:])
        assert os.path.isfile(os.path.join(data, "security", "audit-sm2.key")), "no audit signing key in the data directory"

    def demo_catalog_searchable():
        # the demo catalog and its accounts load in the background after start; allow a slow machine
        accounts_file = os.path.join(data, "demo-accounts.properties")
        deadline = time.time() + 90
        while not os.path.isfile(accounts_file) and time.time() < deadline:
            time.sleep(1)
        assert os.path.isfile(accounts_file), "no demo-accounts.properties after 90 s"
        assert oct(os.stat(accounts_file).st_mode & 0o777) == "0o600", oct(os.stat(accounts_file).st_mode)
        passwords = dict(line.strip().split("=", 1) for line in open(accounts_file, encoding="utf-8")
                         if "=" in line and not line.startswith("#"))
        status, _, body = http("POST", "/api/auth/sessions",
                               json.dumps({"login": "officer", "password": passwords["officer"]}).encode(),
                               {"Content-Type": "application/json"})
        assert status == 201, (status, body)
        token = json.loads(body)["token"]
        state["officer"] = token
        q = urllib.parse.quote("企业登记")
        status, _, body = http("GET", f"/api/catalog/entries/search?q={q}&catalog=share",
                               headers={"Authorization": "Bearer " + token})
        assert status == 200 and json.loads(body)["total"] > 0, (status, body[:300])
        status, _, body = http("GET", f"/api/catalog/entries/search?q={q}")
        assert status == 200 and json.loads(body)["facets"]["openType"], body[:300]

    def access_control():
        q = urllib.parse.quote("企业登记")
        status, headers, body = http("GET", f"/api/catalog/entries/search?q={q}&catalog=share")
        assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer"), (status, body[:300])
        assert json.loads(body)["type"] == "urn:poyang:problem:unauthorized", body[:300]
        status, _, body = http("GET", "/api/auth/me", headers={"Authorization": "Bearer pys_forged"})
        assert status == 401, (status, body[:300])
        status, _, body = http("GET", "/api/auth/me", headers={"Authorization": "Bearer " + state["officer"]})
        assert status == 200 and json.loads(body)["roles"] == ["DATA_OFFICER"], (status, body[:300])
        admins = os.path.join(data, "security", "initial-accounts.properties")
        assert oct(os.stat(admins).st_mode & 0o777) == "0o600", oct(os.stat(admins).st_mode)
        logins = sorted(line.split("=", 1)[0] for line in open(admins, encoding="utf-8") if "=" in line and not line.startswith("#"))
        assert logins == ["auditadmin", "secadmin", "sysadmin"], logins

    def aggregation_round_trip():
        # Art. 10, 13: the demo data officer delivers rows for one of its agency's published, openly
        # available entries; a bad batch changes nothing; the public reads the rows back
        auth = {"Authorization": "Bearer " + state["officer"]}
        status, _, body = http("GET", "/api/auth/me", headers=auth)
        agency = json.loads(body)["agency"]
        status, _, body = http("GET", f"/api/catalog/entries?provider={agency}&status=PUBLISHED&limit=200", headers=auth)
        assert status == 200, (status, body[:300])
        listed = json.loads(body)
        entries = listed.get("items", listed) if isinstance(listed, dict) else listed
        simple = {"STRING": "烟测值", "INTEGER": "7", "DECIMAL": "1,234.5", "DATE": "2026年3月5日"}
        entry = next(e for e in entries if e["openType"] == "UNCONDITIONAL"
                     and all(i["dataType"] in simple and i["sensitiveType"] == "NONE" for i in e["items"]))
        code = entry["code"]
        row = {i["name"]: simple[i["dataType"]] for i in entry["items"]}
        json_auth = dict(auth, **{"Content-Type": "application/json"})
        bad = dict(row, **{"不存在的信息项": "x"})
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-1", json.dumps([row, bad]).encode(), json_auth)
        assert status == 422 and "rows[2]" in body, (status, body[:300])
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-1", json.dumps([row]).encode(), json_auth)
        assert status == 200 and json.loads(body)["status"] == "ACCEPTED", (status, body[:300])
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-1", json.dumps([row]).encode(), json_auth)
        assert status == 200 and json.loads(body)["replayed"] is True, (status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{code}/rows")
        page = json.loads(body)
        assert status == 200 and page["total"] == 1, (status, body[:300])
        numbers = [page["rows"][0][i["name"]] for i in entry["items"] if i["dataType"] == "DECIMAL"]
        assert all(n == "1234.5" for n in numbers), page
        state["aggregated"] = code
        # operators see the same batches on the shell
        gogo(f"collect:batches {code}", "smoke-1")

    def legacy_soap_delivery():
        # a legacy agency system pushes rows over SOAP with a WS-Security UsernameToken, as the
        # published contract docs/wsdl/collect-v1.wsdl describes it
        code = state["aggregated"]
        status, _, body = http("GET", "/soap/collect?wsdl")
        assert status == 200 and "deliverBatch" in body, (status, body[:300])
        published = open(os.path.join(ROOT, "docs", "wsdl", "collect-v1.wsdl"), encoding="utf-8").read()
        norm = lambda w: re.sub(r"\s+", " ", re.sub(r'location="[^"]*"', 'location=""', w)).strip()
        assert norm(body) == norm(published), "served WSDL differs from docs/wsdl/collect-v1.wsdl"
        accounts_file = os.path.join(data, "demo-accounts.properties")
        passwords = dict(line.strip().split("=", 1) for line in open(accounts_file, encoding="utf-8")
                         if "=" in line and not line.startswith("#"))
        status, _, body = http("GET", f"/api/catalog/entries/{code}", headers={"Authorization": "Bearer " + state["officer"]})
        items = json.loads(body)["items"]
        simple = {"STRING": "旧系统推送", "INTEGER": "3", "DECIMAL": "2.25", "DATE": "2026-11-27"}
        cells = "".join(f"<cell><item>{i['name']}</item><value>{simple[i['dataType']]}</value></cell>" for i in items)

        def call(password):
            wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
            env = ('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:poyang:collect:1">'
                   f'<soapenv:Header><wsse:Security soapenv:mustUnderstand="1" xmlns:wsse="{wsse}"><wsse:UsernameToken>'
                   f'<wsse:Username>officer</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/'
                   f'oasis-200401-wss-username-token-profile-1.0#PasswordText">{password}</wsse:Password>'
                   '</wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body>'
                   f'<c:deliverBatch><entry>{code}</entry><batchId>smoke-soap-1</batchId><row>{cells}</row></c:deliverBatch>'
                   '</soapenv:Body></soapenv:Envelope>')
            return http("POST", "/soap/collect", env.encode(), {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})

        status, _, body = call("Wrong-Password-1!")
        assert status == 500 and "Fault" in body and "unauthorized" in body, (status, body[:300])
        status, _, body = call(passwords["officer"])
        assert status == 200 and "<status>ACCEPTED</status>" in body, (status, body[:500])
        status, _, body = http("GET", f"/api/collect/entries/{code}/rows?limit=1")
        assert json.loads(body)["total"] == 2, body[:300]

    def csv_delivery():
        # a CSV file from a spreadsheet: GBK sent as UTF-8 is refused with that diagnosis; declared, it is read
        code = state["aggregated"]
        auth = {"Authorization": "Bearer " + state["officer"]}
        status, _, body = http("GET", f"/api/catalog/entries/{code}", headers=auth)
        items = json.loads(body)["items"]
        simple = {"STRING": "表格导入", "INTEGER": "9", "DECIMAL": "3.5", "DATE": "2026/11/27"}
        text = ",".join(i["name"] for i in items) + "\r\n" + ",".join(simple[i["dataType"]] for i in items) + "\r\n"
        gbk = text.encode("gb18030")
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-csv-1", gbk, dict(auth, **{"Content-Type": "text/csv"}))
        assert status == 400 and "GBK" in body, (status, body[:300])
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-csv-1", gbk,
                               dict(auth, **{"Content-Type": "text/csv; charset=GB18030"}))
        assert status == 200 and json.loads(body)["status"] == "ACCEPTED", (status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{code}/rows?limit=1")
        assert json.loads(body)["total"] == 3, body[:300]

    def open_data():
        # Art. 14-19: a citizen account (made by the security administrator) reads a dataset page, is told
        # to download unconditionally open data instead of applying, applies for conditionally open data,
        # the provider approves, and the grant opens the granted item only; the priority list and a model
        # analysis answer, the analysis withholding a cell of fewer than k records
        admins = os.path.join(data, "security", "initial-accounts.properties")
        secrets = dict(line.strip().split("=", 1) for line in open(admins, encoding="utf-8") if "=" in line and not line.startswith("#"))
        status, _, body = http("POST", "/api/auth/sessions", json.dumps({"login": "secadmin", "password": secrets["secadmin"]}).encode(),
                               {"Content-Type": "application/json"})
        assert status == 201, (status, body[:300])
        admin = {"Authorization": "Bearer " + json.loads(body)["token"], "Content-Type": "application/json"}
        password = "Poyang-Open-2026!"
        status, _, body = http("POST", "/api/security/accounts", json.dumps({"login": "smoke-citizen", "displayName": "烟测市民",
                               "type": "NATURAL_PERSON", "roles": ["APPLICANT"], "password": password}).encode(), admin)
        assert status == 201, (status, body[:300])
        status, _, body = http("POST", "/api/auth/sessions", json.dumps({"login": "smoke-citizen", "password": password}).encode(),
                               {"Content-Type": "application/json"})
        citizen = {"Authorization": "Bearer " + json.loads(body)["token"], "Content-Type": "application/json"}
        officer = {"Authorization": "Bearer " + state["officer"], "Content-Type": "application/json"}
        code = state["aggregated"]
        status, _, body = http("GET", f"/api/open/datasets/{code}")
        page = json.loads(body)
        assert status == 200 and page["access"]["applicationNeeded"] is False and page["rows"] >= 1, (status, body[:300])
        form = {"resource": code, "applicant": {"name": "烟测市民", "contact": "smoke@example.cn"}, "purpose": "研究",
                "items": [page["items"][0]], "route": "OPEN_API"}
        status, _, body = http("POST", "/api/open/applications", json.dumps(form).encode(), citizen)
        assert status == 409 and "open-unconditional" in body and "/export" in body, (status, body[:300])
        status, _, body = http("GET", "/api/auth/me", headers=officer)
        agency = json.loads(body)["agency"]
        status, _, body = http("GET", f"/api/catalog/entries?provider={agency}&status=PUBLISHED&limit=200", headers=officer)
        listed = json.loads(body)
        entries = listed.get("items", listed) if isinstance(listed, dict) else listed
        conditional = next(e for e in entries if e["openType"] == "CONDITIONAL" and e["items"])
        item = conditional["items"][0]["name"]
        form = dict(form, resource=conditional["code"], items=[item])
        status, _, body = http("POST", "/api/open/applications", json.dumps(form).encode(), citizen)
        assert status == 201, (status, body[:300])
        application = json.loads(body)
        assert application["state"] == "SUBMITTED" and application["deadline"] > application["receivedOn"], application
        status, _, body = http("GET", f"/api/open/applications?agency={agency}&state=open", headers=officer)
        assert status == 200 and application["id"] in body, (status, body[:300])
        status, _, body = http("POST", f"/api/open/applications/{application['id']}/approval",
                               json.dumps({"method": "接口调用", "time": "批准之日起一年", "requirements": "仅用于研究"}).encode(), officer)
        assert status == 200 and json.loads(body)["state"] == "APPROVED", (status, body[:300])
        grant = json.loads(body)["grant"]
        status, _, body = http("GET", f"/api/collect/entries/{conditional['code']}/rows", headers=citizen)
        assert status == 403, (status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{conditional['code']}/rows?grant={grant}", headers=citizen)
        assert status == 200 and json.loads(body)["columns"] == [item], (status, body[:300])
        # legacy systems: the open data SOAP service answers as its published contract docs/wsdl/open-v1.wsdl says
        status, _, wsdl = http("GET", "/soap/open?wsdl")
        published = open(os.path.join(ROOT, "docs", "wsdl", "open-v1.wsdl"), encoding="utf-8").read()
        norm = lambda w: re.sub(r"\s+", " ", re.sub(r'location="[^"]*"', 'location=""', w)).strip()
        assert status == 200 and norm(wsdl) == norm(published), "served WSDL differs from docs/wsdl/open-v1.wsdl"
        env = ('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="urn:poyang:open:1"><soapenv:Body>'
               f'<o:readRows><code>{code}</code><limit>10</limit></o:readRows></soapenv:Body></soapenv:Envelope>')
        status, _, body = http("POST", "/soap/open", env.encode(), {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'})
        assert status == 200 and f"<total>{page['rows']}</total>" in body and "<cell>" in body, (status, body[:400])
        status, _, body = http("GET", "/api/open/priorities")
        assert status == 200 and len(json.loads(body)) == 4, (status, body[:300])
        status, _, body = http("POST", "/api/open/analyses", json.dumps({"resource": code, "measures": [{"fn": "count"}]}).encode(),
                               {"Content-Type": "application/json"})
        result = json.loads(body)
        assert status == 200 and result["cells"] == [] and result["suppressed"] == 1, (status, body[:300])
        # Art. 16: the management department declares an emergency and opens a not-open entry to everyone
        # until the event is closed
        demo = dict(line.strip().split("=", 1) for line in open(os.path.join(data, "demo-accounts.properties"), encoding="utf-8")
                    if "=" in line and not line.startswith("#"))
        status, _, body = http("POST", "/api/auth/sessions", json.dumps({"login": "reviewer", "password": demo["reviewer"]}).encode(),
                               {"Content-Type": "application/json"})
        reviewer = {"Authorization": "Bearer " + json.loads(body)["token"], "Content-Type": "application/json"}
        closed = next(e for e in entries if e["openType"] == "NOT_OPEN" and e["items"])
        status, _, body = http("GET", f"/api/collect/entries/{closed['code']}/rows")
        assert status in (401, 403), (status, body[:300])
        status, _, body = http("POST", "/api/open/emergencies", json.dumps({"title": "烟测洪涝灾害", "kind": "NATURAL_DISASTER",
                               "refreshHours": 4}).encode(), reviewer)
        assert status == 201, (status, body[:300])
        event = json.loads(body)["id"]
        status, _, body = http("POST", f"/api/open/emergencies/{event}/resources", json.dumps({"resource": closed["code"]}).encode(), reviewer)
        assert status == 200, (status, body[:300])
        link = json.loads(body)["resources"][0]["links"]["api"]
        status, _, body = http("GET", link)
        assert status == 200, (status, body[:300])
        status, _, body = http("POST", f"/api/open/emergencies/{event}/closure", json.dumps({"text": "灾情解除"}).encode(), reviewer)
        assert status == 200 and json.loads(body)["status"] == "CLOSED", (status, body[:300])
        status, _, body = http("GET", link)
        assert status in (401, 403), (status, body[:300])

    def share_data():
        # Art. 21-24: a data officer of another agency (made by the security administrator) searches the share
        # catalog, reads unconditionally shared rows only when stating the duty served, applies for conditionally
        # shared data; the provider approves, and the grant opens the granted item for that purpose only; the
        # SOAP service answers as its published contract docs/wsdl/share-v1.wsdl says; the provider traces a file
        admins = os.path.join(data, "security", "initial-accounts.properties")
        secrets = dict(line.strip().split("=", 1) for line in open(admins, encoding="utf-8") if "=" in line and not line.startswith("#"))
        status, _, body = http("POST", "/api/auth/sessions", json.dumps({"login": "secadmin", "password": secrets["secadmin"]}).encode(),
                               {"Content-Type": "application/json"})
        admin = {"Authorization": "Bearer " + json.loads(body)["token"], "Content-Type": "application/json"}
        officer = {"Authorization": "Bearer " + state["officer"], "Content-Type": "application/json"}
        status, _, body = http("GET", "/api/auth/me", headers=officer)
        provider = json.loads(body)["agency"]
        status, _, body = http("GET", "/api/catalog/agencies")
        other = next(a["creditCode"] for a in json.loads(body) if a["creditCode"] != provider)
        password = "Poyang-Share-2026!"
        status, _, body = http("POST", "/api/security/accounts", json.dumps({"login": "smoke-user-officer", "displayName": "烟测使用单位数据专员",
                               "type": "AGENCY_STAFF", "agency": other, "roles": ["DATA_OFFICER"], "password": password}).encode(), admin)
        assert status == 201, (status, body[:300])
        status, _, body = http("POST", "/api/auth/sessions", json.dumps({"login": "smoke-user-officer", "password": password}).encode(),
                               {"Content-Type": "application/json"})
        user = {"Authorization": "Bearer " + json.loads(body)["token"], "Content-Type": "application/json"}
        status, _, body = http("GET", f"/api/share/catalog?provider={provider}&limit=200", headers=user)
        found = json.loads(body)
        assert status == 200 and found["total"] > 0, (status, body[:300])
        status, _, body = http("GET", f"/api/share/catalog?provider={provider}")
        assert status == 401, (status, body[:300])
        code = state["aggregated"]
        status, _, body = http("GET", f"/api/share/entries/{code}", headers=user)
        entry = json.loads(body)
        assert status == 200 and entry["rows"] >= 1, (status, body[:300])
        if entry["shareType"] == "UNCONDITIONAL":
            status, _, body = http("GET", f"/api/collect/entries/{code}/rows?route=share&limit=5", headers=user)
            assert status == 403 and "Art. 24" in body, (status, body[:300])
            duty = urllib.parse.quote("烟测核验")
            status, _, body = http("GET", f"/api/collect/entries/{code}/rows?route=share&limit=5&purpose={duty}", headers=user)
            assert status == 200 and json.loads(body)["rows"], (status, body[:300])
        conditional = next(h for h in found["hits"] if h["shareType"] == "CONDITIONAL")
        status, _, body = http("GET", f"/api/share/entries/{conditional['code']}", headers=user)
        item = json.loads(body)["items"][0]
        form = {"resource": conditional["code"], "purpose": "烟测资格核验", "legalDuty": "烟测：依法履行资格核验职责", "items": [item],
                "route": "SHARE_API", "contact": "烟测 0791-00000000"}
        status, _, body = http("POST", "/api/share/applications", json.dumps(dict(form, legalDuty=None)).encode(), user)
        assert status == 422 and "legalDuty" in body, (status, body[:300])
        status, _, body = http("POST", "/api/share/applications", json.dumps(form).encode(), user)
        assert status == 201, (status, body[:300])
        application = json.loads(body)
        assert application["state"] == "SUBMITTED" and application["deadline"] > application["receivedOn"], application
        status, _, body = http("POST", f"/api/share/applications/{application['id']}/approval",
                               json.dumps({"conditions": "仅用于烟测核验"}).encode(), officer)
        assert status == 200 and json.loads(body)["state"] == "APPROVED", (status, body[:300])
        grant = json.loads(body)["grant"]
        duty = urllib.parse.quote("烟测资格核验")
        rows = f"/api/collect/entries/{conditional['code']}/rows?route=share&grant={grant}"
        status, _, body = http("GET", rows + f"&purpose={duty}", headers=user)
        assert status == 200 and json.loads(body)["columns"] == [item], (status, body[:300])
        status, _, body = http("GET", rows + "&purpose=" + urllib.parse.quote("别的用途"), headers=user)
        assert status == 403, (status, body[:300])
        status, _, wsdl = http("GET", "/soap/share?wsdl")
        published = open(os.path.join(ROOT, "docs", "wsdl", "share-v1.wsdl"), encoding="utf-8").read()
        norm = lambda w: re.sub(r"\s+", " ", re.sub(r'location="[^"]*"', 'location=""', w)).strip()
        assert status == 200 and norm(wsdl) == norm(published), "served WSDL differs from docs/wsdl/share-v1.wsdl"
        env = ('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="urn:poyang:share:1"><soapenv:Body>'
               f'<s:getApplication><id>{application["id"]}</id></s:getApplication></soapenv:Body></soapenv:Envelope>')
        status, _, body = http("POST", "/soap/share", env.encode(), {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""',
                                                                        "Authorization": user["Authorization"]})
        assert status == 200 and "<state>APPROVED</state>" in body and grant in body, (status, body[:400])
        status, _, body = http("POST", f"/api/share/traces/{conditional['code']}", "序号,金额\n1,12.5\n2,13.75\n".encode(),
                               {"Authorization": officer["Authorization"], "Content-Type": "text/csv"})
        assert status == 200 and json.loads(body)["recipient"] is None, (status, body[:300])

    def xlsx_round_trip():
        # issue 5: an entry's rows exported as an .xlsx workbook and delivered back as one change nothing
        code = state["aggregated"]
        status, headers, workbook = http_raw("GET", f"/api/collect/entries/{code}/export?format=xlsx")
        assert status == 200 and workbook[:2] == b"PK", (status, workbook[:100])
        status, _, body = http("GET", f"/api/collect/entries/{code}/rows?limit=1")
        total = json.loads(body)["total"]
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        auth = {"Authorization": "Bearer " + state["officer"], "Content-Type": xlsx}
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-xlsx", workbook, auth)
        report = json.loads(body)
        assert status == 200 and report["status"] == "ACCEPTED" and report["unchanged"] == total and report["applied"] == 0, (status, body[:300])
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/smoke-xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, auth)
        assert status == 400 and ".xls" in body, (status, body[:300])

    def clean_stop():
        code = stop(state.pop("proc"))
        assert code in (0, 130), f"exit code {code}"
        derby_log = open(os.path.join(data, "derby.log"), encoding="utf-8", errors="replace").read()
        assert "Shutting down instance" in derby_log, "Derby was not shut down cleanly"

    def restart_keeps_data():
        # the restart also turns TLS on, from a second Configurator file as an operator would
        # keep it: key material outside the checkout, readable by its owner only
        tls_dir = tempfile.mkdtemp(prefix="poyang-tls-")
        keystore = os.path.join(tls_dir, "poyang.p12")
        password = os.urandom(12).hex()
        keytool = os.path.join(os.path.dirname(JAVA), "keytool")
        subprocess.run([keytool, "-genkeypair", "-alias", "poyang", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1, O=Poyang smoke", "-ext", "SAN=IP:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", keystore, "-storepass", password], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pem = os.path.join(tls_dir, "poyang.pem")
        subprocess.run([keytool, "-exportcert", "-rfc", "-alias", "poyang", "-keystore", keystore, "-storepass", password,
                        "-file", pem], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tls_port = free_port()
        tls_json = os.path.join(tls_dir, "tls.json")
        with open(tls_json, "w", encoding="utf-8") as f:
            json.dump({":configurator:resource-version": 1, ":configurator:symbolic-name": "poyang.smoke.tls",
                       ":configurator:version": "1.0.0",
                       "org.apache.felix.http": {"org.apache.felix.https.enable": "true",
                                                 "org.osgi.service.http.port": str(PORT),
                                                 "org.osgi.service.http.port.secure": str(tls_port),
                                                 "org.apache.felix.https.keystore": keystore,
                                                 "org.apache.felix.https.keystore.type": "PKCS12",
                                                 "org.apache.felix.https.keystore.password": password,
                                                 "org.apache.felix.https.keystore.key.password": password,
                                                 "org.apache.felix.https.jetty.protocols.included": "TLSv1.3,TLSv1.2",
                                                 "org.apache.felix.http.host": "127.0.0.1"}}, f)
        os.chmod(tls_json, 0o600)
        state["tls"] = (tls_port, pem, tls_dir)
        proc, secs = start(data, tls_json)
        state["proc"] = proc
        print(f"        restart: {secs:.1f} s to the first 200 on /api/health")
        status, _, body = http("GET", "/api/demo/notes")
        assert status == 200 and note in body, (status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{state['aggregated']}/rows")
        assert status == 200 and json.loads(body)["total"] == 3, (status, body[:300])

    def tls():
        import ssl
        tls_port, pem, tls_dir = state["tls"]
        ctx = ssl.create_default_context(cafile=pem)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"https://127.0.0.1:{tls_port}/api/health", context=ctx, timeout=10) as r:
                    assert r.status == 200, r.status
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        with socket.create_connection(("127.0.0.1", tls_port), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls_socket:
                assert tls_socket.version() in ("TLSv1.2", "TLSv1.3"), tls_socket.version()
        shutil.rmtree(tls_dir, ignore_errors=True)

    def kill_during_ingest():
        # issue 5: kill -9 during a large ingest, then restart: every batch acknowledged before the
        # kill is complete, and the batch in flight is either wholly there or wholly absent
        import threading
        code = state["aggregated"]
        auth = {"Authorization": "Bearer " + state["officer"]}
        status, _, body = http("GET", f"/api/catalog/entries/{code}", headers=auth)
        assert status == 200, (status, body[:300])
        items = json.loads(body)["items"]
        per_batch = 20_000

        def batch_rows(b):
            values = {"INTEGER": lambda i: str(i), "DECIMAL": lambda i: f"{i}.5", "DATE": lambda i: "2026-03-05",
                      "STRING": lambda i: f"k{b}-{i}"}
            return [{it["name"]: values[it["dataType"]](i) for it in items} for i in range(per_batch)]

        acked, in_flight = [], []

        def deliver():
            for b in range(1000):
                in_flight[:] = [f"crash-{b}"]
                try:
                    status, _, body = http("POST", f"/api/collect/entries/{code}/batches/crash-{b}",
                                           json.dumps(batch_rows(b)).encode(),
                                           dict(auth, **{"Content-Type": "application/json"}))
                except OSError:
                    return
                if status != 200:
                    return
                acked.append(f"crash-{b}")

        sender = threading.Thread(target=deliver, daemon=True)
        sender.start()
        deadline = time.time() + 120
        while len(acked) < 3 and time.time() < deadline and sender.is_alive():
            time.sleep(0.05)
        assert len(acked) >= 3, f"only {len(acked)} batches acknowledged in 120 s"
        time.sleep(0.3 + (time.time() % 0.5))  # into the middle of the next batch
        proc = state.pop("proc")
        proc.kill()  # SIGKILL: no shutdown hook, no clean Derby shutdown
        proc.wait(timeout=30)
        sender.join(timeout=60)
        acknowledged = list(acked)
        print(f"        killed with {len(acknowledged)} batches acknowledged and {in_flight[0]} in flight")
        proc, secs = start(data)
        state["proc"] = proc
        for b in acknowledged:
            status, _, body = http("GET", f"/api/collect/entries/{code}/batches/{b}", headers=auth)
            report = json.loads(body)
            assert status == 200 and report["status"] == "ACCEPTED" and report["applied"] == per_batch, (b, status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{code}/batches/{in_flight[0]}", headers=auth)
        landed = status == 200
        assert status in (200, 404), (status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{code}/rows?limit=1")
        total = json.loads(body)["total"]
        expected = 3 + per_batch * (len(acknowledged) + (1 if landed else 0))
        assert total == expected, f"{total} rows after the restart, expected {expected}: a batch half-applied or lost"
        # the sender re-sends what it had no answer for: applied now, or recognised as applied
        status, _, body = http("POST", f"/api/collect/entries/{code}/batches/{in_flight[0]}",
                               json.dumps(batch_rows(int(in_flight[0].split("-")[1]))).encode(),
                               dict(auth, **{"Content-Type": "application/json"}))
        assert status == 200 and json.loads(body)["replayed"] is landed, (status, body[:300])
        status, _, body = http("GET", f"/api/collect/entries/{code}/rows?limit=1")
        assert json.loads(body)["total"] == 3 + per_batch * (len(acknowledged) + 1), body[:300]

    def restart_maps_class_archive():
        # releng/jvm-args: the first stop wrote the class-data archive; this start adopted and mapped it
        pid = state["proc"].pid
        with open(f"/proc/{pid}/maps", encoding="utf-8") as f:
            mapped = {line.split()[-1] for line in f if line.rstrip().endswith(".jsa") and "/cds/" in line}
        assert mapped, "the restart mapped no class-data archive from features/target/cds"
        leftovers = [n for n in os.listdir(os.path.join(os.path.dirname(JAR), "cds")) if ".jsa.tmp-" in n]
        assert not leftovers, f"temporary archives left behind: {leftovers}"

    for name, fn in [("health lists every module as active", health),
                     ("the profile's Configurator file is applied", profile_configuration),
                     ("demo REST endpoint answers", rest),
                     ("demo SOAP endpoint publishes its WSDL", soap_wsdl),
                     ("demo SOAP endpoint answers a call", soap_call),
                     ("unknown path is a 404 problem", problem_404),
                     ("OpenAPI document lists the REST endpoints", openapi),
                     ("a note is stored", write_note),
                     ("Gogo shell on loopback runs a command", shell),
                     ("the audit trail verifies intact and the field key rotates from the Gogo shell", audit_shell),
                     ("the demo catalog is loaded and a demo data officer searches the share catalog", demo_catalog_searchable),
                     ("anonymous and forged callers get 401; the administrators' file is owner-only", access_control),
                     ("a data officer delivers a batch; a bad one changes nothing; the public reads the rows; the shell lists it", aggregation_round_trip),
                     ("a legacy system delivers over SOAP with WS-Security, as the published WSDL says", legacy_soap_delivery),
                     ("a CSV file: GBK sent as UTF-8 is refused as such; declared GB18030, it is applied", csv_delivery),
                     ("an XLSX export delivered back as a workbook changes nothing; an old .xls is refused", xlsx_round_trip),
                     ("open data: dataset page, SOAP read as published, application approved into a grant, priorities, an analysis under k withheld, an emergency opening", open_data),
                     ("sharing: share catalog for agencies, purpose on every read, an application approved into a grant bound to its purpose, SOAP as published, a trace", share_data),
                     ("Ctrl-C stops the instance and shuts Derby down cleanly", clean_stop),
                     ("data written before a restart (a note, aggregated rows) is there after it", restart_keeps_data),
                     ("the restart maps the class-data archive the first stop wrote (AppCDS)", restart_maps_class_archive),
                     ("TLS from an operator's configuration file: HTTPS answers with TLS 1.2 or newer", tls),
                     ("kill -9 during a large ingest: acknowledged batches complete after restart, none half-applied", kill_during_ingest)]:
        check(name, fn)
    if "proc" in state:
        stop(state["proc"])
    rc = report()
    if rc == 0:
        shutil.rmtree(data, ignore_errors=True)
    return rc


def report():
    out = os.path.join(ROOT, "releng", "target", "test-reports", "smoke")
    os.makedirs(out, exist_ok=True)
    failures = sum(1 for r in results if r[2])
    with open(os.path.join(out, "TEST-smoke.xml"), "w", encoding="utf-8") as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="poyang.smoke" tests="{len(results)}" '
                f'failures="{failures}" errors="0" skipped="0">\n')
        for name, secs, err in results:
            f.write(f'  <testcase classname="poyang.smoke" name="{escape(name, {chr(34): "&quot;"})}" time="{secs:.3f}">')
            if err:
                f.write(f'<failure message="{escape(err, {chr(34): "&quot;"})}"/>')
            f.write("</testcase>\n")
        f.write("</testsuite>\n")
    print(f"Smoke: {len(results) - failures} passed, {failures} failed")
    return 1 if failures or not results else 0


if __name__ == "__main__":
    sys.exit(main())

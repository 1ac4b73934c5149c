"""Verification oracle for test/x509: pyca/cryptography's cryptography.x509.verification.

Reads a JSON list of cases from stdin: {name, leaf, intermediates, anchors (PEM file
paths), time (epoch seconds), purpose ('serverAuth' | 'clientAuth'), host, maxDepth}.
Prints a JSON list of {name, ok, error}: ok is whether the library's verifier accepts
the leaf (the server verifier with the host as DNSName or IPAddress, or the client
verifier), error its message when it does not.
"""

import datetime
import ipaddress
import json
import sys

from cryptography import x509
from cryptography.x509.verification import DNSName, IPAddress, PolicyBuilder, Store


def load(path):
    with open(path, "rb") as f:
        return x509.load_pem_x509_certificates(f.read())


def verify(case):
    anchors = [cert for path in case["anchors"] for cert in load(path)]
    intermediates = [cert for path in case["intermediates"] for cert in load(path)]
    leaf = load(case["leaf"])[0]
    when = datetime.datetime.fromtimestamp(case["time"], datetime.timezone.utc).replace(tzinfo=None)
    builder = PolicyBuilder().store(Store(anchors)).time(when)
    if "maxDepth" in case:
        builder = builder.max_chain_depth(case["maxDepth"])
    if case["purpose"] == "serverAuth":
        try:
            subject = IPAddress(ipaddress.ip_address(case["host"]))
        except ValueError:
            subject = DNSName(case["host"])
        verifier = builder.build_server_verifier(subject)
    else:
        verifier = builder.build_client_verifier()
    verifier.verify(leaf, intermediates)


results = []
for case in json.load(sys.stdin):
    try:
        verify(case)
        results.append({"name": case["name"], "ok": True})
    except Exception as error:  # the verdict, whatever the reason
        results.append({"name": case["name"], "ok": False, "error": f"{type(error).__name__}: {error}"})
print(json.dumps(results))

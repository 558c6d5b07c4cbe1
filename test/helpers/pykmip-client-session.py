"""Drive PyKMIP's client (Debian python3-pykmip, PyKMIP 0.10) through one session.

Usage: pykmip-client-session.py CONFIG_FILE STEP...

CONFIG_FILE is a PyKMIP client configuration with a [client] section (host, port, certfile,
keyfile, ca_certs, ssl_version). Each STEP is one of:
  create-get-destroy  Create an AES-128 key with ProxyKmipClient, Get it, then Destroy it.
  batch               Send one Request Message with two Query batch items, built with
                      KMIPProxy's own request builder (_build_request_message), as PyKMIP's
                      batch mode (query(batch=True)) queues them.

Prints one JSON object on standard output: {"steps": [...]} with the result of every step in
order. A step that raises is recorded with its error, and the script exits 1 at the end.
"""
import json
import sys
import traceback

from kmip import enums
from kmip.pie.client import ProxyKmipClient


def create_get_destroy(client):
    uid = client.create(enums.CryptographicAlgorithm.AES, 128)
    key = client.get(uid)
    client.destroy(uid)
    return {"uid": uid, "keyLength": len(key.value)}


def batch(client):
    proxy = client.proxy
    proxy.batch_items = []
    proxy.query(batch=True, query_functions=[enums.QueryFunction.QUERY_OPERATIONS])
    proxy.query(batch=True, query_functions=[enums.QueryFunction.QUERY_OBJECTS])
    request = proxy._build_request_message(None, proxy.batch_items)
    proxy.batch_items = []

    response = proxy._send_and_receive_message(request)
    return {"items": [describe_item(item) for item in response.batch_items]}


def describe_item(item):
    def name(field):
        return None if field is None else field.value.name

    return {
        "operation": name(item.operation),
        "resultStatus": name(item.result_status),
        "resultReason": name(item.result_reason),
        "resultMessage": None if item.result_message is None else item.result_message.value,
    }


STEPS = {"create-get-destroy": create_get_destroy, "batch": batch}


def main(argv):
    if len(argv) < 3 or any(step not in STEPS for step in argv[2:]):
        sys.stderr.write("usage: pykmip-client-session.py CONFIG_FILE STEP... (steps: %s)\n" % ", ".join(STEPS))
        return 2

    results = []
    failed = False
    with ProxyKmipClient(config_file=argv[1]) as client:
        for step in argv[2:]:
            try:
                results.append({"step": step, "ok": True, "result": STEPS[step](client)})
            except Exception as error:
                failed = True
                results.append({"step": step, "ok": False, "error": repr(error), "trace": traceback.format_exc()})

    print(json.dumps({"steps": results}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

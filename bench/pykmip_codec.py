#!/usr/bin/python3
"""Time PyKMIP's TTLV codec on the messages of the codec benchmark (bench/codec.ts).

Reads a JSON object on stdin with the message values and the time budget, builds each message
once with PyKMIP's kmip.core classes, and times RequestMessage/ResponseMessage write (encode) and
read (decode) through a BytearrayStream. Prints one JSON object on stdout: for each message its
bytes as hex and, for encode and decode, the iteration count and the seconds they took.

Written for PyKMIP 0.10 (Debian python3-pykmip); run with /usr/bin/python3.
"""

import json
import sys
import time

import kmip
from kmip.core import enums, objects, secrets
from kmip.core.factories.attributes import AttributeFactory
from kmip.core.messages import contents, messages, payloads
from kmip.core.utils import BytearrayStream

KMIP_VERSION = enums.KMIPVersion.KMIP_1_4
ATTRIBUTES = AttributeFactory()


def protocol_version():
    return contents.ProtocolVersion(1, 4)


def request_message(operation, payload):
    header = messages.RequestHeader(
        protocol_version=protocol_version(),
        batch_count=contents.BatchCount(1),
    )
    item = messages.RequestBatchItem(
        operation=contents.Operation(operation),
        request_payload=payload,
    )
    return messages.RequestMessage(request_header=header, batch_items=[item])


def create_request(values):
    """Create a 256-bit AES key usable for Encrypt and Decrypt: 3 attributes."""
    usage = [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT]
    template = objects.TemplateAttribute(attributes=[
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
                                    enums.CryptographicAlgorithm.AES),
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256),
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, usage),
    ])
    payload = payloads.CreateRequestPayload(
        object_type=enums.ObjectType.SYMMETRIC_KEY,
        template_attribute=template,
    )
    return request_message(enums.Operation.CREATE, payload)


def get_attributes_response(values):
    """The Get Attributes response for that key: 9 attributes."""
    stamp = values["time_stamp"]
    usage = [enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT]
    attribute_list = [
        ATTRIBUTES.create_attribute(enums.AttributeType.UNIQUE_IDENTIFIER, values["unique_identifier"]),
        ATTRIBUTES.create_attribute(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SYMMETRIC_KEY),
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_ALGORITHM,
                                    enums.CryptographicAlgorithm.AES),
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_LENGTH, 256),
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, usage),
        ATTRIBUTES.create_attribute(enums.AttributeType.STATE, enums.State.PRE_ACTIVE),
        ATTRIBUTES.create_attribute(enums.AttributeType.INITIAL_DATE, stamp),
        ATTRIBUTES.create_attribute(enums.AttributeType.LAST_CHANGE_DATE, stamp),
        ATTRIBUTES.create_attribute(enums.AttributeType.NAME, values["name"]),
    ]
    payload = payloads.GetAttributesResponsePayload(
        unique_identifier=values["unique_identifier"],
        attributes=attribute_list,
    )
    header = messages.ResponseHeader(
        protocol_version=protocol_version(),
        time_stamp=contents.TimeStamp(stamp),
        batch_count=contents.BatchCount(1),
    )
    item = messages.ResponseBatchItem(
        operation=contents.Operation(enums.Operation.GET_ATTRIBUTES),
        result_status=contents.ResultStatus(enums.ResultStatus.SUCCESS),
        response_payload=payload,
    )
    return messages.ResponseMessage(response_header=header, batch_items=[item])


def register_request(values):
    """Register an X.509 certificate of about 4 KiB with one attribute."""
    usage = [enums.CryptographicUsageMask.VERIFY]
    template = objects.TemplateAttribute(attributes=[
        ATTRIBUTES.create_attribute(enums.AttributeType.CRYPTOGRAPHIC_USAGE_MASK, usage),
    ])
    certificate = secrets.Certificate(
        certificate_type=enums.CertificateType.X_509,
        certificate_value=bytes.fromhex(values["certificate_hex"]),
    )
    payload = payloads.RegisterRequestPayload(
        object_type=enums.ObjectType.CERTIFICATE,
        template_attribute=template,
        managed_object=certificate,
    )
    return request_message(enums.Operation.REGISTER, payload)


BUILDERS = {
    "createRequest": (create_request, messages.RequestMessage),
    "getAttributesResponse": (get_attributes_response, messages.ResponseMessage),
    "registerRequest": (register_request, messages.RequestMessage),
}


def encode(message):
    stream = BytearrayStream()
    message.write(stream, kmip_version=KMIP_VERSION)
    return stream.buffer


def decode(message_class, data):
    message = message_class()
    message.read(BytearrayStream(data), kmip_version=KMIP_VERSION)
    return message


def time_loop(operation, budget_seconds, min_iterations):
    """Run operation until both the time budget and the minimum iteration count are spent."""
    iterations = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < budget_seconds or iterations < min_iterations:
        operation()
        iterations += 1
        elapsed = time.perf_counter() - start
    return {"iterations": iterations, "seconds": elapsed}


def measure(name, values, budget_seconds, min_iterations):
    build, message_class = BUILDERS[name]
    message = build(values)
    data = bytes(encode(message))

    # PyKMIP 0.10 writes a decoded Text String whose length is a multiple of 8 back with 8 bytes
    # of padding (TextString.read_value sets padding_length to 8), so the round trip is reported,
    # not required.
    round_trip = bytes(encode(decode(message_class, data)))

    return {
        "hex": data.hex(),
        "reencodedHex": None if round_trip == data else round_trip.hex(),
        "encode": time_loop(lambda: encode(message), budget_seconds, min_iterations),
        "decode": time_loop(lambda: decode(message_class, data), budget_seconds, min_iterations),
    }


def main():
    spec = json.load(sys.stdin)
    budget = float(spec["seconds"])
    minimum = int(spec["min_iterations"])
    results = {name: measure(name, spec["values"], budget, minimum) for name in spec["messages"]}
    version = "{0}.{1}.{2}".format(*sys.version_info[:3])
    json.dump({"pykmip": kmip.__version__, "python": version, "messages": results}, sys.stdout)


if __name__ == "__main__":
    main()

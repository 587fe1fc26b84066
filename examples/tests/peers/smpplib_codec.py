"""The PDU codec of Python smpplib 2.2.4, the peer of examples/tests/smpp_peers.rs,
without a connection.

Usage: python3 smpplib_codec.py encode
         prints {"name": ..., "hex": ...} for each PDU of the list below, built by smpplib
         with sequence number 7;
       python3 smpplib_codec.py decode HEX...
         prints each PDU as smpplib parses it: command, status, sequence and the fields
         it set (octet strings as {"hex": ...}).
"""

import json
import sys
import warnings

import smpplib.consts as c
import smpplib.gsm
import smpplib.smpp

warnings.simplefilter("ignore", DeprecationWarning)

# A long UCS2 text cut into parts with smpplib's own splitter (UDH, random reference).
LONG_PARTS, LONG_CODING, LONG_ESM = smpplib.gsm.make_parts("Привет, мир! " * 8)

PDUS = {
    "bind_transceiver": ("bind_transceiver", dict(system_id="acme", password="secret",
                         system_type="VMA", interface_version=0x34, addr_ton=1, addr_npi=1,
                         address_range="^44")),
    "bind_transceiver_resp": ("bind_transceiver_resp", dict(system_id="py-smsc",
                              sc_interface_version=0x34)),
    "submit_sm": ("submit_sm", dict(service_type="", source_addr_ton=c.SMPP_TON_ALNUM,
                  source_addr="ACME", dest_addr_ton=c.SMPP_TON_INTL,
                  dest_addr_npi=c.SMPP_NPI_ISDN, destination_addr="447700900123",
                  registered_delivery=c.SMPP_SMSC_DELIVERY_RECEIPT_BOTH,
                  short_message=b"Hello")),
    "submit_sm_long_part": ("submit_sm", dict(destination_addr="447700900123",
                            esm_class=LONG_ESM, data_coding=LONG_CODING,
                            short_message=LONG_PARTS[0])),
    "submit_sm_tlvs": ("submit_sm", dict(destination_addr="447700900123",
                       short_message=b"part", sar_msg_ref_num=0x0102,
                       sar_total_segments=2, sar_segment_seqnum=1,
                       user_message_reference=42)),
    "submit_sm_resp": ("submit_sm_resp", dict(message_id="1000000")),
    "deliver_sm_receipt": ("deliver_sm", dict(source_addr="447700900123",
                           destination_addr="ACME", esm_class=0x04,
                           short_message=b"id:1000000 sub:001 dlvrd:001 submit date:2601011200"
                           b" done date:2601011201 stat:DELIVRD err:000 text:Hello",
                           receipted_message_id="1000000", message_state=2)),
    "deliver_sm_resp": ("deliver_sm_resp", dict()),
    "data_sm": ("data_sm", dict(source_addr="ACME", destination_addr="447700900123",
                message_payload=b"data")),
    "query_sm": ("query_sm", dict(message_id="1000000", source_addr="ACME")),
    "enquire_link": ("enquire_link", dict()),
    "enquire_link_resp": ("enquire_link_resp", dict()),
    "unbind": ("unbind", dict()),
    "unbind_resp": ("unbind_resp", dict()),
    "generic_nack": ("generic_nack", dict(status=c.SMPP_ESME_RINVCMDID)),
}


class Numbering:
    """What smpplib asks of a client when it builds a request: sequence numbers (the
    parsed PDU's own replaces it)."""

    sequence = 0

    def next_sequence(self):
        self.sequence += 1
        return self.sequence


def plain(value):
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    return value


def main():
    if sys.argv[1:2] == ["encode"]:
        for name, (command, fields) in PDUS.items():
            pdu = smpplib.smpp.make_pdu(command, sequence=7, **fields)
            pdu.sequence = 7
            print(json.dumps({"name": name, "hex": pdu.generate().hex()}), flush=True)
        return 0
    if sys.argv[1:2] == ["decode"]:
        for hexed in sys.argv[2:]:
            pdu = smpplib.smpp.parse_pdu(bytes.fromhex(hexed), client=Numbering())
            fields = {
                name: plain(getattr(pdu, name))
                for name in getattr(pdu, "params", {})
                if getattr(pdu, name, None) is not None
            }
            print(json.dumps({"command": pdu.command, "status": pdu.status,
                              "sequence": pdu.sequence, "fields": fields}), flush=True)
        return 0
    print("usage: smpplib_codec.py encode | decode HEX...", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

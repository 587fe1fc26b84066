"""An SMPP client on Python smpplib 2.2.4, the peer of examples/tests/smpp_peers.rs.

It binds to our SMSC as a transceiver (acme/secret), sends an enquire_link, submits one
message asking for a delivery receipt, reads until it has the enquire_link_resp, the
submit_sm_resp, the receipt deliver_sm and two MO deliver_sms (smpplib answers deliver_sm
itself), then unbinds.

With "stay" after the port it only binds and reads until our SMSC closes the connection
(it reports the enquire_link and unbind it receives).

Usage: python3 smpplib_client.py <port> [stay]
Prints one JSON object per line on stdout ({"bind_resp": ...}, {"enquire_link_resp": ...},
{"submit_sm_resp": ...}, {"deliver_sm": ...}, {"unbind_resp": ...}). Exits 0 after
unbind_resp, 1 on any error.
"""

import json
import sys
import warnings

import smpplib.client
import smpplib.consts
import smpplib.exceptions
import smpplib.gsm
import smpplib.smpp


def say(obj):
    print(json.dumps(obj), flush=True)


def text_of(value):
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def gsm_text(octets):
    """GSM 7-bit unpacked octets read with smpplib's own table (an escape 0x1B reads the
    next octet in the extension table, which smpplib keeps from index 0x80)."""
    table = smpplib.gsm.GSM_CHARACTER_TABLE
    out, escape = [], False
    for octet in octets:
        if escape:
            out.append(table[0x80 + octet])
            escape = False
        elif octet == 0x1B:
            escape = True
        else:
            out.append(table[octet])
    return "".join(out)


def short_message_text(pdu):
    if pdu.data_coding == 8:
        return pdu.short_message.decode("utf-16-be")
    if pdu.data_coding == 0 and not pdu.esm_class & 0x3C:
        return gsm_text(pdu.short_message)
    return text_of(pdu.short_message)


class Client(smpplib.client.Client):
    """smpplib's client, reporting the PDUs its read_once handles without a handler."""

    def read_pdu(self):
        pdu = super().read_pdu()
        if pdu.command in ("enquire_link", "unbind"):
            say({"received": pdu.command})
        if pdu.command == "enquire_link_resp":
            say({"enquire_link_resp": {"command_status": pdu.status}})
            self.keepalive = True
        return pdu


def main():
    port = int(sys.argv[1])
    # smpplib's defaults (as its users have them): unknown TLVs are an error; the
    # deprecation warning that says so is not ours to print.
    warnings.simplefilter("ignore", DeprecationWarning)
    # A read that waits this long fails the script (the caller's timeout is longer).
    client = Client("127.0.0.1", port, timeout=8)
    client.keepalive = False
    seen = {"message_id": None, "receipt": None, "mo": 0}

    def on_sent(pdu):
        seen["message_id"] = text_of(pdu.message_id)
        say({"submit_sm_resp": {"command_status": pdu.status, "message_id": seen["message_id"]}})

    def on_received(pdu):
        say({
            "deliver_sm": {
                "esm_class": pdu.esm_class,
                "source_addr": text_of(pdu.source_addr),
                "destination_addr": text_of(pdu.destination_addr),
                "data_coding": pdu.data_coding,
                "text": short_message_text(pdu),
                "receipted_message_id": text_of(pdu.receipted_message_id)
                if pdu.receipted_message_id is not None
                else None,
                "message_state": pdu.message_state,
            }
        })
        # esm_class bits 5-2 = 0001: an MC delivery receipt (SMPP 3.4 §5.2.12); smpplib
        # names no constant for it.
        if pdu.esm_class & 0x3C == 0x04:
            seen["receipt"] = pdu
        else:
            seen["mo"] += 1
        return smpplib.consts.SMPP_ESME_ROK

    client.set_message_sent_handler(on_sent)
    client.set_message_received_handler(on_received)
    client.connect()
    resp = client.bind_transceiver(system_id="acme", password="secret")
    say({"bind_resp": {"command_status": resp.status, "system_id": text_of(resp.system_id)}})
    client.send_pdu(smpplib.smpp.make_pdu("enquire_link", client=client))
    client.send_message(
        source_addr_ton=smpplib.consts.SMPP_TON_ALNUM,
        source_addr="ACME",
        dest_addr_ton=smpplib.consts.SMPP_TON_INTL,
        destination_addr="447700900123",
        short_message=b"Hello from smpplib",
        registered_delivery=smpplib.consts.SMPP_SMSC_DELIVERY_RECEIPT_BOTH,
    )
    while (
        seen["message_id"] is None
        or seen["receipt"] is None
        or seen["mo"] < 2
        or not client.keepalive
    ):
        client.read_once(auto_send_enquire_link=False)
    resp = client.unbind()
    say({"unbind_resp": {"command": resp.command, "command_status": resp.status}})
    client.disconnect()
    return 0 if resp.command == "unbind_resp" and resp.status == 0 else 1


def stay():
    """Binds and then only reads, with smpplib's read_once (which answers enquire_link
    itself and passes over an unbind from the MC without answering it), until the MC
    closes the connection."""
    port = int(sys.argv[1])
    warnings.simplefilter("ignore", DeprecationWarning)
    client = Client("127.0.0.1", port, timeout=8)
    client.connect()
    resp = client.bind_transceiver(system_id="acme", password="secret")
    say({"bind_resp": {"command_status": resp.status, "system_id": text_of(resp.system_id)}})
    try:
        while True:
            client.read_once(auto_send_enquire_link=False)
    except smpplib.exceptions.ConnectionError:
        say({"closed": True})
    return 0


if __name__ == "__main__":
    sys.exit(stay() if sys.argv[2:] == ["stay"] else main())

"""An SMPP client on Python smpplib 2.2.4, the peer of examples/tests/smpp_peers.rs.

It binds to our SMSC as a transceiver (acme/secret), submits one message asking for a
delivery receipt, reads until it has the submit_sm_resp and the receipt deliver_sm
(smpplib answers deliver_sm itself), then unbinds.

Usage: python3 smpplib_client.py <port>
Prints one JSON object per line on stdout ({"bind_resp": ...}, {"submit_sm_resp": ...},
{"deliver_sm": ...}, {"unbind_resp": ...}). Exits 0 after unbind_resp, 1 on any error.
"""

import json
import sys

import smpplib.client
import smpplib.consts


def say(obj):
    print(json.dumps(obj), flush=True)


def text_of(value):
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def main():
    port = int(sys.argv[1])
    # A read that waits this long fails the script (the caller's timeout is longer).
    client = smpplib.client.Client("127.0.0.1", port, timeout=8, allow_unknown_opt_params=True)
    seen = {"message_id": None, "receipt": None}

    def on_sent(pdu):
        seen["message_id"] = text_of(pdu.message_id)
        say({"submit_sm_resp": {"command_status": pdu.status, "message_id": seen["message_id"]}})

    def on_received(pdu):
        say({
            "deliver_sm": {
                "esm_class": pdu.esm_class,
                "source_addr": text_of(pdu.source_addr),
                "destination_addr": text_of(pdu.destination_addr),
                "text": text_of(pdu.short_message),
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
        return smpplib.consts.SMPP_ESME_ROK

    client.set_message_sent_handler(on_sent)
    client.set_message_received_handler(on_received)
    client.connect()
    resp = client.bind_transceiver(system_id="acme", password="secret")
    say({"bind_resp": {"command_status": resp.status, "system_id": text_of(resp.system_id)}})
    client.send_message(
        source_addr_ton=smpplib.consts.SMPP_TON_ALNUM,
        source_addr="ACME",
        dest_addr_ton=smpplib.consts.SMPP_TON_INTL,
        destination_addr="447700900123",
        short_message=b"Hello from smpplib",
        registered_delivery=smpplib.consts.SMPP_SMSC_DELIVERY_RECEIPT_BOTH,
    )
    while seen["message_id"] is None or seen["receipt"] is None:
        client.read_once(auto_send_enquire_link=False)
    resp = client.unbind()
    say({"unbind_resp": {"command": resp.command, "command_status": resp.status}})
    client.disconnect()
    return 0 if resp.command == "unbind_resp" and resp.status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

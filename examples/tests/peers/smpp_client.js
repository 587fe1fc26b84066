// An SMPP client on the `smpp` npm package (node-smpp 0.5.1), the peer of
// examples/tests/smpp_peers.rs: it binds to our SMSC as a transceiver (acme/secret),
// sends an enquire_link, submits one message asking for a delivery receipt, waits for the
// enquire_link_resp, the submit_sm_resp, the receipt deliver_sm and two MO deliver_sms
// (answering each), then unbinds.
//
// With "stay" after the port it only binds, answers what the MC sends (enquire_link,
// unbind: node-smpp leaves both to the application) and reports it, until the MC closes.
//
// Usage: node smpp_client.js <path of the smpp package> <port> [stay]
// Prints one JSON object per line on stdout ({"bind_resp":…}, {"enquire_link_resp":…},
// {"submit_sm_resp":…}, {"deliver_sm":…}, {"unbind_resp":…}; with "stay" {"received":…}
// and {"closed":true}). Exits 0 after unbind_resp (or, with "stay", once the MC closed
// after an unbind), 1 on any error or refusal, 2 after 20 s.
'use strict';
const smpp = require(process.argv[2]);
const port = Number(process.argv[3]);
const stay = process.argv[4] === 'stay';

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const fail = (what) => {
    process.stderr.write(String(what) + '\n');
    process.exit(1);
};
setTimeout(() => {
    process.stderr.write('smpp_client.js: not done within 20 s\n');
    process.exit(2);
}, 20000).unref();

const session = smpp.connect({ host: '127.0.0.1', port: port });
session.on('error', fail);
let messageId = null;
let receipt = false;
let keepalive = false;
let mo = 0;
const unbindWhenDone = () => {
    if (messageId === null || !receipt || !keepalive || mo < 2) return;
    session.unbind((pdu) => {
        say({ unbind_resp: { command_status: pdu.command_status } });
        session.close(() => process.exit(pdu.command_status === 0 ? 0 : 1));
    });
};
session.on('deliver_sm', (pdu) => {
    const text = Buffer.isBuffer(pdu.short_message) ? pdu.short_message.toString('latin1')
        : pdu.short_message.message.toString();
    say({ deliver_sm: { esm_class: pdu.esm_class, source_addr: pdu.source_addr,
                        destination_addr: pdu.destination_addr, data_coding: pdu.data_coding,
                        text: text,
                        receipted_message_id: pdu.receipted_message_id,
                        message_state: pdu.message_state } });
    session.send(pdu.response());
    if (pdu.esm_class & smpp.ESM_CLASS.MC_DELIVERY_RECEIPT) {
        receipt = true;
    } else {
        mo += 1;
    }
    unbindWhenDone();
});
session.on('enquire_link', (pdu) => {
    if (stay) say({ received: 'enquire_link' });
    session.send(pdu.response());
});
let unbound = false;
session.on('unbind', (pdu) => {
    unbound = true;
    say({ received: 'unbind' });
    session.send(pdu.response());
});
session.on('close', () => {
    if (!stay) return;
    say({ closed: true });
    process.exit(unbound ? 0 : 1);
});
session.bind_transceiver({ system_id: 'acme', password: 'secret' }, (pdu) => {
    say({ bind_resp: { command_status: pdu.command_status, system_id: pdu.system_id } });
    if (pdu.command_status !== 0) fail('bind refused: ' + pdu.command_status);
    if (stay) return;
    session.enquire_link((pdu) => {
        say({ enquire_link_resp: { command_status: pdu.command_status } });
        keepalive = true;
        unbindWhenDone();
    });
    session.submit_sm({
        source_addr: 'ACME',
        destination_addr: '447700900123',
        registered_delivery: 1,
        short_message: 'Hello from node',
    }, (pdu) => {
        say({ submit_sm_resp: { command_status: pdu.command_status, message_id: pdu.message_id } });
        if (pdu.command_status !== 0) fail('submit refused: ' + pdu.command_status);
        messageId = pdu.message_id;
        unbindWhenDone();
    });
});

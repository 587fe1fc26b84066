// An SMPP server on the `smpp` npm package (node-smpp 0.5.1), the peer of
// examples/tests/smpp_peers.rs: our ESME binds to it. It accepts one transceiver bind of
// acme/secret, answers each submit_sm with message id "node-<n>", then sends a delivery
// receipt deliver_sm for it (the Appendix B text plus the receipted_message_id and
// message_state TLVs) followed by MO deliver_sms (GSM text, UCS2 text, a long text in two
// UDH parts), and answers unbind. It sends an enquire_link after the bind.
//
// In the mode "throttle" it sends no receipts or MO: it answers the first submit_sm with
// ESME_RTHROTTLED and the others with ids, and after the third submit_sm it unbinds the
// ESME itself.
//
// In the mode "mute" it answers the bind and then nothing at all (a hung MC), until the
// ESME closes the connection.
//
// Usage: node smpp_server.js <path of the smpp package> [throttle | mute]
// Prints one JSON object per line on stdout: {"listening":port} first, then what it saw
// ({"bind":…}, {"enquire_link_resp":…}, {"submit_sm":…}, {"deliver_sm_resp":…},
// {"unbind":…} or {"unbind_resp":…}, {"closed":true}).
// Exits 0 once the session closed after an unbind, 1 on any error, 2 after 20 s.
'use strict';
const smpp = require(process.argv[2]);
const throttle = process.argv[3] === 'throttle';
const mute = process.argv[3] === 'mute';

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const fail = (what) => {
    process.stderr.write(String(what) + '\n');
    process.exit(1);
};
setTimeout(() => fail('smpp_server.js: no unbind within 20 s'), 20000).unref();

// The MOs, one after the other: GSM text (which node-smpp labels data_coding 1), a text
// node-smpp encodes as UCS2 (data_coding 8), and a text in two parts with a UDH
// concatenation header (TS 23.040 §9.2.3.24.1: IEI 0, reference 0x2a, 2 parts).
const MO = [
    { of: 'mo', short_message: 'Hi from node' },
    { of: 'mo-ucs2', short_message: 'Привет, мир' },
    { of: 'mo-part-1', short_message: { udh: Buffer.from([5, 0, 3, 0x2a, 2, 1]), message: 'Two parts, ' } },
    { of: 'mo-part-2', short_message: { udh: Buffer.from([5, 0, 3, 0x2a, 2, 2]), message: 'one message' } },
];
const sendMo = (session, to, n) => {
    if (n >= MO.length) return;
    session.deliver_sm({
        source_addr: '447700900999',
        source_addr_ton: 1,
        source_addr_npi: 1,
        destination_addr: to,
        short_message: MO[n].short_message,
    }, (resp) => {
        say({ deliver_sm_resp: { of: MO[n].of, command_status: resp.command_status } });
        sendMo(session, to, n + 1);
    });
};

let unbound = false;
let submitted = 0;
const server = smpp.createServer((session) => {
    session.on('error', fail);
    session.on('bind_transceiver', (pdu) => {
        say({ bind: { system_id: pdu.system_id, password: pdu.password,
                      interface_version: pdu.interface_version } });
        if (pdu.system_id !== 'acme' || pdu.password !== 'secret') {
            session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
            return;
        }
        session.send(pdu.response({ system_id: 'node-smsc' }));
        if (mute) {
            session.on('pdu', (pdu) => say({ ignored: pdu.command }));
            session.removeAllListeners('enquire_link');
            session.removeAllListeners('submit_sm');
            session.removeAllListeners('unbind');
            return;
        }
        // Our keepalive, answered by the ESME's session on its own.
        session.enquire_link((resp) => {
            say({ enquire_link_resp: { command_status: resp.command_status } });
        });
    });
    session.on('enquire_link', (pdu) => session.send(pdu.response()));
    session.on('submit_sm', (pdu) => {
        submitted += 1;
        const id = 'node-' + submitted;
        const text = Buffer.isBuffer(pdu.short_message) ? pdu.short_message.toString('latin1')
            : pdu.short_message.message.toString();
        if (throttle && submitted === 1) {
            say({ submit_sm: { text: text, command_status: smpp.ESME_RTHROTTLED } });
            session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
            return;
        }
        say({ submit_sm: { source_addr: pdu.source_addr, destination_addr: pdu.destination_addr,
                           registered_delivery: pdu.registered_delivery,
                           data_coding: pdu.data_coding, text: text, message_id: id } });
        session.send(pdu.response({ message_id: id }));
        if (throttle) {
            if (submitted === 3) {
                session.unbind((resp) => {
                    unbound = true;
                    say({ unbind_resp: { command_status: resp.command_status } });
                    session.close();
                });
            }
            return;
        }
        // The receipt: the original recipient is its source, the sender its destination.
        session.deliver_sm({
            source_addr: pdu.destination_addr,
            destination_addr: pdu.source_addr,
            esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
            short_message: 'id:' + id + ' sub:001 dlvrd:001 submit date:2601011200'
                + ' done date:2601011201 stat:DELIVRD err:000 text:' + text.slice(0, 20),
            receipted_message_id: id,
            message_state: smpp.MESSAGE_STATE.DELIVERED,
        }, (resp) => {
            say({ deliver_sm_resp: { of: 'receipt', command_status: resp.command_status } });
            sendMo(session, pdu.source_addr, 0);
        });
    });
    session.on('unbind', (pdu) => {
        unbound = true;
        say({ unbind: true });
        session.send(pdu.response());
        session.close();
    });
    session.on('close', () => {
        say({ closed: true });
        process.exit(unbound || mute ? 0 : 1);
    });
});
server.on('error', fail);
server.listen(0, '127.0.0.1', () => say({ listening: server.address().port }));

// A client on the `smpp` npm package (node-smpp 0.5.1), the peer of
// examples/tests/smpp_peers.rs, that sends what an SMSC must refuse, one request after the
// other: a submit_sm before binding, a second bind, a command the SMSC does not know
// (0x00010200, in the range SMPP 5.0 §4.7.5 reserves for MC vendors), then a data_sm and
// an unbind, which it must accept.
//
// Usage: node smpp_client_misplaced.js <path of the smpp package> <port>
// Prints {"<step>": [response command, command_status, message_id]} per step. Exits 0
// after unbind_resp, 1 on any error, 2 after 20 s.
'use strict';
const smpp = require(process.argv[2]);
const port = Number(process.argv[3]);

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const fail = (what) => {
    process.stderr.write(String(what) + '\n');
    process.exit(1);
};
setTimeout(() => fail('smpp_client_misplaced.js: not done within 20 s'), 20000).unref();
smpp.addCommand('vendor_probe', { id: 0x00010200, params: {} });

const session = smpp.connect({ host: '127.0.0.1', port: port });
session.on('error', fail);
const report = (step, pdu) => {
    const row = [pdu.command, pdu.command_status];
    if (pdu.message_id !== undefined) row.push(pdu.message_id);
    say({ [step]: row });
};
const steps = [
    ['submit_sm_unbound', () => new smpp.PDU('submit_sm', { destination_addr: '447700900123',
        short_message: 'too early' })],
    ['bind', () => new smpp.PDU('bind_transceiver', { system_id: 'acme', password: 'secret' })],
    ['second_bind', () => new smpp.PDU('bind_transceiver', { system_id: 'acme',
        password: 'secret' })],
    ['vendor_probe', () => new smpp.PDU('vendor_probe', {})],
    ['data_sm', () => new smpp.PDU('data_sm', { source_addr: 'ACME',
        destination_addr: '447700900123', message_payload: 'data' })],
    ['unbind', () => new smpp.PDU('unbind', {})],
];
const next = (n) => {
    if (n === steps.length) {
        session.close(() => process.exit(0));
        return;
    }
    const [step, make] = steps[n];
    session.send(make(), (pdu) => {
        report(step, pdu);
        next(n + 1);
    });
};
session.on('connect', () => next(0));

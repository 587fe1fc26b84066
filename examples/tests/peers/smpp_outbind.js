// An MC on the `smpp` npm package (node-smpp 0.5.1), the peer of
// examples/tests/smpp_peers.rs, that turns the connection round (SMPP 5.0 §2.3.2): it
// connects to our ESME, sends outbind (system_id node-smsc, password pw), accepts the
// bind_receiver that answers it, delivers one MO, and answers our unbind.
//
// Usage: node smpp_outbind.js <path of the smpp package> <port> [outbind password]
// Prints {"bind":…}, {"deliver_sm_resp":…}, {"unbind":true}, {"closed":true}. Exits 0
// once closed after an unbind, 1 on any error, 2 after 20 s.
'use strict';
const smpp = require(process.argv[2]);
const port = Number(process.argv[3]);
const password = process.argv[4] || 'pw';

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const fail = (what) => {
    process.stderr.write(String(what) + '\n');
    process.exit(1);
};
setTimeout(() => fail('smpp_outbind.js: not done within 20 s'), 20000).unref();

const session = smpp.connect({ host: '127.0.0.1', port: port });
session.on('error', fail);
let unbound = false;
session.on('connect', () => session.outbind({ system_id: 'node-smsc', password: password }));
const bound = (pdu) => {
    say({ bind: { command: pdu.command, system_id: pdu.system_id, password: pdu.password } });
    session.send(pdu.response({ system_id: 'node-smsc' }));
    session.deliver_sm({ source_addr: '447700900999', destination_addr: 'ACME',
        short_message: 'Hi over outbind' }, (resp) => {
        say({ deliver_sm_resp: { command_status: resp.command_status } });
    });
};
session.on('bind_receiver', bound);
session.on('bind_transceiver', bound);
session.on('bind_transmitter', (pdu) => fail('a transmitter bind answers no outbind: ' + pdu.system_id));
session.on('enquire_link', (pdu) => session.send(pdu.response()));
session.on('unbind', (pdu) => {
    unbound = true;
    say({ unbind: true });
    session.send(pdu.response());
    session.close();
});
session.on('close', () => {
    say({ closed: true });
    process.exit(unbound ? 0 : 1);
});

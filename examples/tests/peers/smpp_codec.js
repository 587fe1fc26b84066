// The PDU codec of the `smpp` npm package (node-smpp 0.5.1), the peer of
// examples/tests/smpp_peers.rs, without a connection.
//
// Usage: node smpp_codec.js <path of the smpp package> encode
//          prints {"name":…,"hex":…} for each PDU of the list below, built by node-smpp;
//        node smpp_codec.js <path of the smpp package> decode HEX…
//          prints each PDU decoded by node-smpp as JSON (octet strings as {"hex":…}).
'use strict';
const smpp = require(process.argv[2]);

const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

// Each built with sequence_number 7; strings are encoded by node-smpp's own rules.
const PDUS = {
    bind_transceiver: ['bind_transceiver', { system_id: 'acme', password: 'secret',
        system_type: 'VMA', interface_version: 0x34, addr_ton: 1, addr_npi: 1,
        address_range: '^44' }],
    bind_transceiver_resp: ['bind_transceiver_resp', { system_id: 'node-smsc',
        sc_interface_version: 0x34 }],
    submit_sm_times: ['submit_sm', { source_addr: 'ACME', source_addr_ton: 5,
        destination_addr: '447700900123', dest_addr_ton: 1, dest_addr_npi: 1,
        schedule_delivery_time: '0430', validity_period: when, registered_delivery: 1,
        short_message: 'Hello' }],
    submit_sm_payload: ['submit_sm', { destination_addr: '447700900123',
        message_payload: 'A text in message_payload', user_message_reference: 42 }],
    submit_sm_ucs2_udh: ['submit_sm', { destination_addr: '447700900123',
        short_message: { udh: Buffer.from([5, 0, 3, 1, 2, 1]), message: 'Привет' } }],
    submit_sm_sar: ['submit_sm', { destination_addr: '447700900123', short_message: 'part',
        sar_msg_ref_num: 0x0102, sar_total_segments: 2, sar_segment_seqnum: 1 }],
    submit_sm_resp: ['submit_sm_resp', { message_id: 'node-1' }],
    submit_multi: ['submit_multi', { dest_address: [
        { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '447700900123' },
        { dl_name: 'list1' }], short_message: 'multi' }],
    submit_multi_resp: ['submit_multi_resp', { message_id: 'm1', unsuccess_sme: [
        { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '44', error_status_code: 11 }] }],
    deliver_sm_receipt: ['deliver_sm', { source_addr: '447700900123',
        destination_addr: 'ACME', esm_class: 4,
        short_message: 'id:node-1 sub:001 dlvrd:001 submit date:2601011200 done date:2601011201 stat:DELIVRD err:000 text:Hello',
        receipted_message_id: 'node-1', message_state: 2 }],
    deliver_sm_resp: ['deliver_sm_resp', {}],
    data_sm: ['data_sm', { source_addr: 'ACME', destination_addr: '447700900123',
        message_payload: 'data', registered_delivery: 1 }],
    data_sm_resp: ['data_sm_resp', { message_id: 'd1' }],
    query_sm: ['query_sm', { message_id: 'node-1', source_addr: 'ACME' }],
    query_sm_resp: ['query_sm_resp', { message_id: 'node-1', final_date: when,
        message_state: 2, error_code: 0 }],
    replace_sm: ['replace_sm', { message_id: 'node-1', source_addr: 'ACME',
        short_message: 'new text' }],
    cancel_sm: ['cancel_sm', { message_id: 'node-1', source_addr: 'ACME',
        destination_addr: '447700900123' }],
    alert_notification: ['alert_notification', { source_addr: '447700900123',
        esme_addr: 'ACME', ms_availability_status: 0 }],
    outbind: ['outbind', { system_id: 'node-smsc', password: 'pw' }],
    enquire_link: ['enquire_link', {}],
    unbind_resp: ['unbind_resp', {}],
    generic_nack: ['generic_nack', { command_status: 3 }],
};

const plain = (value) => {
    if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === 'object') {
        const out = {};
        for (const key of Object.keys(value)) out[key] = plain(value[key]);
        return out;
    }
    return value;
};

const mode = process.argv[3];
if (mode === 'encode') {
    for (const name of Object.keys(PDUS)) {
        const [command, options] = PDUS[name];
        const pdu = new smpp.PDU(command, options);
        pdu.sequence_number = 7;
        say({ name: name, hex: pdu.toBuffer().toString('hex') });
    }
} else if (mode === 'decode') {
    for (const hex of process.argv.slice(4)) {
        const pdu = new smpp.PDU(Buffer.from(hex, 'hex'));
        say(plain(pdu));
    }
} else {
    process.stderr.write('usage: smpp_codec.js <smpp> encode | decode HEX...\n');
    process.exit(1);
}

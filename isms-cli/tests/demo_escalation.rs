//! `isms demo`'s escalation section (issue 7): the alarm escalates to level 2 and is
//! acknowledged there, by the level-2 recipient, with every status as the engine reports
//! it; replies that must not act are reported as such.

mod common;

use common::{isms, success};

#[test]
fn the_demo_escalates_an_alarm_to_level_2_where_it_is_acknowledged() {
    let out = success(&isms(&["demo"], None));
    let start = out
        .find("== 4. The escalation queue")
        .expect("the escalation section");
    let section = &out[start..];
    let section = &section[..section[3..].find("\n== ").map_or(section.len(), |i| i + 3)];
    let expect_in_order = [
        "SMS to Alice",
        "SMS to Bob",
        "duplicate of message 0001",
        "08:05:00 nobody answered",
        "SMS to Carol",
        "escalated to level 2",
        "level 2  Carol  NOT_YET_ACK",
        "Dave replies \"0001\": ignored",
        "a stranger replies \"0001\": ignored",
        "Carol replies \"ok 0001, on my way\": acknowledges message 0001",
        "acknowledged by Carol at level 2",
        "Bob replies \"0001 sorry, was driving\": ignored",
        "level 1  Alice  ACK_TIME_OVER",
        "level 2  Carol  ACK",
        "level 3  Dave   NOT_SENT",
        "0 SMS, the procedure stays ended",
    ];
    let mut at = 0;
    for want in expect_in_order {
        let found = section[at..]
            .find(want)
            .unwrap_or_else(|| panic!("{want:?} after byte {at} of:\n{section}"));
        at += found + want.len();
    }
    assert!(
        !section.contains("SMS to Dave"),
        "level 3 is never paged:\n{section}"
    );
}

use super::*;
use crate::alphabet::NationalLanguage;

fn part(reference: ConcatReference, total: u8, sequence: u8, payload: &[u8]) -> IncomingPart {
    IncomingPart {
        concatenation: Concatenation {
            reference,
            total,
            sequence,
        },
        dcs: Dcs::GSM7,
        tables: Tables::DEFAULT,
        payload: payload.to_vec(),
    }
}

fn events<K: Eq + Hash + Clone>(r: &mut Reassembler<K>) -> Vec<Event<K>> {
    std::iter::from_fn(|| r.poll_event()).collect()
}

const R: ConcatReference = ConcatReference::Eight(1);

/// Any instant will do: the machine only compares instants it was given.
#[allow(
    clippy::disallowed_methods,
    reason = "tests need an arbitrary origin for virtual time; only offsets from it matter"
)]
fn origin() -> Instant {
    Instant::now()
}

#[test]
fn any_order_completes_once() {
    let mut r = Reassembler::new(Settings::default());
    let now = origin();
    r.handle_part(now, 1u32, part(R, 3, 3, b"c")).unwrap();
    r.handle_part(now, 1u32, part(R, 3, 1, b"a")).unwrap();
    assert!(events(&mut r).is_empty());
    assert_eq!((r.pending_sets(), r.pending_bytes()), (1, 2));
    r.handle_part(now, 1u32, part(R, 3, 2, b"b")).unwrap();
    let e = events(&mut r);
    assert_eq!(e.len(), 1);
    let Event::Complete(m) = &e[0] else {
        panic!("{e:?}")
    };
    assert_eq!(m.content, Content::Text("abc".into()));
    assert_eq!((m.originator, m.reference, m.total), (1, R, 3));
    assert_eq!((r.pending_sets(), r.pending_bytes()), (0, 0));
    assert_eq!(r.poll_timeout(), None);
}

#[test]
fn duplicates_and_conflicts_are_reported() {
    let mut r = Reassembler::new(Settings::default());
    let now = origin();
    r.handle_part(now, "a", part(R, 2, 1, b"x")).unwrap();
    r.handle_part(now, "a", part(R, 2, 1, b"x")).unwrap();
    r.handle_part(now, "a", part(R, 2, 1, b"y")).unwrap();
    assert_eq!(
        events(&mut r),
        [
            Event::Duplicate {
                originator: "a",
                reference: R,
                total: 2,
                sequence: 1
            },
            Event::Conflicting {
                originator: "a",
                reference: R,
                total: 2,
                sequence: 1
            }
        ]
    );
    r.handle_part(now, "a", part(R, 2, 2, b"z")).unwrap();
    let e = events(&mut r);
    assert!(matches!(&e[..], [Event::Complete(m)] if m.content == Content::Text("xz".into())));
}

/// TS 23.040 §9.2.3.24.1: sequence 0 or above the total is invalid; "1 of 1" is fine.
#[test]
fn sequence_bounds() {
    let mut r = Reassembler::new(Settings::default());
    let now = origin();
    assert_eq!(
        r.handle_part(now, 0, part(R, 2, 0, b"x")),
        Err(ReassemblyError::InvalidSequence {
            sequence: 0,
            total: 2
        })
    );
    assert_eq!(
        r.handle_part(now, 0, part(R, 2, 3, b"x")),
        Err(ReassemblyError::InvalidSequence {
            sequence: 3,
            total: 2
        })
    );
    assert!(r.handle_part(now, 0, part(R, 0, 1, b"x")).is_err());
    r.handle_part(now, 0, part(R, 1, 1, b"solo")).unwrap();
    assert!(
        matches!(&events(&mut r)[..], [Event::Complete(m)] if m.content == Content::Text("solo".into()))
    );
    assert_eq!(r.pending_sets(), 0);
}

#[test]
fn reference_width_and_total_are_part_of_the_key() {
    let mut r = Reassembler::new(Settings::default());
    let now = origin();
    r.handle_part(now, 0, part(ConcatReference::Eight(5), 2, 1, b"a"))
        .unwrap();
    r.handle_part(now, 0, part(ConcatReference::Sixteen(5), 2, 2, b"b"))
        .unwrap();
    r.handle_part(now, 0, part(ConcatReference::Eight(5), 3, 2, b"c"))
        .unwrap();
    r.handle_part(now, 1, part(ConcatReference::Eight(5), 2, 2, b"d"))
        .unwrap();
    assert!(events(&mut r).is_empty());
    assert_eq!(r.pending_sets(), 4);
}

#[test]
fn incomplete_sets_expire() {
    let settings = Settings {
        timeout: Duration::from_secs(60),
        ..Settings::default()
    };
    let mut r = Reassembler::new(settings);
    let t0 = origin();
    r.handle_part(t0, 0, part(R, 3, 2, b"b")).unwrap();
    r.handle_part(t0 + Duration::from_secs(10), 1, part(R, 2, 1, b"x"))
        .unwrap();
    assert_eq!(r.poll_timeout(), Some(t0 + Duration::from_secs(60)));
    // Spurious: nothing happens.
    r.handle_timeout(t0 + Duration::from_secs(59));
    assert!(events(&mut r).is_empty());
    assert_eq!(r.pending_sets(), 2);
    r.handle_timeout(t0 + Duration::from_secs(60));
    assert_eq!(
        events(&mut r),
        [Event::Expired {
            originator: 0,
            reference: R,
            total: 3,
            received: vec![2]
        }]
    );
    assert_eq!(r.poll_timeout(), Some(t0 + Duration::from_secs(70)));
    r.handle_timeout(t0 + Duration::from_secs(3600));
    assert_eq!(events(&mut r).len(), 1);
    assert_eq!(
        (r.pending_sets(), r.pending_bytes(), r.poll_timeout()),
        (0, 0, None)
    );
}

#[test]
fn oldest_set_is_evicted_for_room() {
    let settings = Settings {
        max_sets: 2,
        ..Settings::default()
    };
    let mut r = Reassembler::new(settings);
    let t0 = origin();
    for (i, o) in ["a", "b", "c"].into_iter().enumerate() {
        r.handle_part(t0 + Duration::from_secs(i as u64), o, part(R, 2, 1, b"xy"))
            .unwrap();
    }
    assert_eq!(
        events(&mut r),
        [Event::Evicted {
            originator: "a",
            reference: R,
            total: 2,
            received: vec![1]
        }]
    );
    assert_eq!(r.pending_sets(), 2);

    let settings = Settings {
        max_bytes: 5,
        ..Settings::default()
    };
    let mut r = Reassembler::new(settings);
    r.handle_part(t0, "a", part(R, 3, 1, b"aa")).unwrap();
    r.handle_part(t0, "b", part(R, 3, 1, b"bb")).unwrap();
    r.handle_part(t0, "b", part(R, 3, 2, b"bb")).unwrap();
    assert!(matches!(
        &events(&mut r)[..],
        [Event::Evicted {
            originator: "a",
            ..
        }]
    ));
    assert_eq!(r.pending_bytes(), 4);
    // Completing a set needs no room.
    r.handle_part(t0, "b", part(R, 3, 3, b"bb")).unwrap();
    // A set that cannot fit even alone is dropped and its part refused.
    r.handle_part(t0, "c", part(R, 3, 1, b"cc")).unwrap();
    assert!(matches!(
        r.handle_part(t0, "c", part(R, 3, 2, b"cccc")),
        Err(ReassemblyError::OverCapacity { payload: 4, .. })
    ));
    let e = events(&mut r);
    assert!(matches!(&e[0], Event::Complete(_)));
    assert!(matches!(
        &e[1],
        Event::Evicted {
            originator: "c",
            ..
        }
    ));
    assert_eq!((r.pending_sets(), r.pending_bytes()), (0, 0));
}

/// A careless sender split a surrogate pair across two UCS2 parts; the whole still
/// decodes, because the parts are joined before decoding.
#[test]
fn split_surrogate_pair_decodes() {
    let mut r = Reassembler::new(Settings::default());
    let now = origin();
    let whale = "🐳"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect::<Vec<u8>>();
    let mut p1 = part(R, 2, 1, &whale[..2]);
    let mut p2 = part(R, 2, 2, &whale[2..]);
    p1.dcs = Dcs::UCS2;
    p2.dcs = Dcs::UCS2;
    r.handle_part(now, 0, p2).unwrap();
    r.handle_part(now, 0, p1).unwrap();
    assert!(
        matches!(&events(&mut r)[..], [Event::Complete(m)] if m.content == Content::Text("🐳".into()))
    );
}

#[test]
fn tables_per_part_and_binary() {
    let mut r = Reassembler::new(Settings::default());
    let now = origin();
    let turkish = Tables::new(NationalLanguage::Default, NationalLanguage::Turkish);
    let mut septets = Vec::new();
    turkish.encode_into("ş", &mut septets).unwrap();
    let mut p1 = part(R, 2, 1, &septets);
    p1.tables = turkish;
    r.handle_part(now, 0, p1).unwrap();
    r.handle_part(now, 0, part(R, 2, 2, b"!")).unwrap();
    assert!(
        matches!(&events(&mut r)[..], [Event::Complete(m)] if m.content == Content::Text("ş!".into()))
    );

    let mut b1 = part(R, 2, 1, &[0x00, 0xFF]);
    let mut b2 = part(R, 2, 2, &[0x80]);
    b1.dcs = Dcs::EIGHT_BIT;
    b2.dcs = Dcs::from_byte(0xF5);
    r.handle_part(now, 0, b2).unwrap();
    r.handle_part(now, 0, b1).unwrap();
    assert!(
        matches!(&events(&mut r)[..], [Event::Complete(m)] if m.content == Content::Binary(vec![0x00, 0xFF, 0x80]))
    );
}

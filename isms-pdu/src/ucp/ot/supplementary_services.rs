//! OT 03, call input with supplementary services (EMI-UCP 4.x §4.4): one recipient, NPL
//! legitimisation codes (GA), and options for repetition, priority, urgency, reverse
//! charging and deferred delivery.
//!
//! The layout is the spec examples' (seven fields between the GA list and DD); Wireshark
//! adds an `LRP` field the examples do not have.

use super::{DecodeError, EncodeError, Reader, Sink, count_field};

/// OT 03: `RAd/OAdC/AC/NPL/GA:s/RP/PR/LPR/UM/LUM/RC/LRC/DD/DDT/MT/NMsg|AMsg`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SupplementaryServicesCallInput<S = String> {
    /// RAd, the recipient.
    pub rad: S,
    /// OAdC, the originator.
    pub oadc: S,
    /// AC, the authentication code.
    pub ac: S,
    /// NPL, the number of GA entries, as sent; must count `ga`.
    pub npl: S,
    /// GA:s, the legitimisation codes.
    pub ga: Vec<S>,
    /// RP: 1 repetition requested.
    pub rp: S,
    /// PR: 1 priority requested.
    pub pr: S,
    /// LPR, legitimisation code for priority.
    pub lpr: S,
    /// UM: 1 urgent message.
    pub um: S,
    /// LUM, legitimisation code for urgent message.
    pub lum: S,
    /// RC: 1 reverse charging.
    pub rc: S,
    /// LRC, legitimisation code for reverse charging.
    pub lrc: S,
    /// DD: 1 deferred delivery.
    pub dd: S,
    /// DDT, deferred delivery time `DDMMYYHHmm`.
    pub ddt: S,
    /// MT: 2 numeric, 3 alphanumeric.
    pub mt: S,
    /// NMsg or AMsg, by MT.
    pub msg: S,
}

impl<S> SupplementaryServicesCallInput<S> {
    /// Each field with its spec name, in the order they are sent (`GA` once per entry).
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &S)> {
        [
            ("RAd", &self.rad),
            ("OAdC", &self.oadc),
            ("AC", &self.ac),
            ("NPL", &self.npl),
        ]
        .into_iter()
        .chain(self.ga.iter().map(|g| ("GA", g)))
        .chain([
            ("RP", &self.rp),
            ("PR", &self.pr),
            ("LPR", &self.lpr),
            ("UM", &self.um),
            ("LUM", &self.lum),
            ("RC", &self.rc),
            ("LRC", &self.lrc),
            ("DD", &self.dd),
            ("DDT", &self.ddt),
            ("MT", &self.mt),
            ("Msg", &self.msg),
        ])
    }

    /// The same operation with every field converted by `f`.
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> SupplementaryServicesCallInput<T> {
        SupplementaryServicesCallInput {
            rad: f(self.rad),
            oadc: f(self.oadc),
            ac: f(self.ac),
            npl: f(self.npl),
            ga: self.ga.into_iter().map(&mut f).collect(),
            rp: f(self.rp),
            pr: f(self.pr),
            lpr: f(self.lpr),
            um: f(self.um),
            lum: f(self.lum),
            rc: f(self.rc),
            lrc: f(self.lrc),
            dd: f(self.dd),
            ddt: f(self.ddt),
            mt: f(self.mt),
            msg: f(self.msg),
        }
    }

    /// A view borrowing every field.
    pub fn as_ref(&self) -> SupplementaryServicesCallInput<&str>
    where
        S: AsRef<str>,
    {
        SupplementaryServicesCallInput {
            rad: self.rad.as_ref(),
            oadc: self.oadc.as_ref(),
            ac: self.ac.as_ref(),
            npl: self.npl.as_ref(),
            ga: self.ga.iter().map(AsRef::as_ref).collect(),
            rp: self.rp.as_ref(),
            pr: self.pr.as_ref(),
            lpr: self.lpr.as_ref(),
            um: self.um.as_ref(),
            lum: self.lum.as_ref(),
            rc: self.rc.as_ref(),
            lrc: self.lrc.as_ref(),
            dd: self.dd.as_ref(),
            ddt: self.ddt.as_ref(),
            mt: self.mt.as_ref(),
            msg: self.msg.as_ref(),
        }
    }

    pub(crate) fn visit(&self, sink: &mut dyn Sink) -> Result<(), EncodeError>
    where
        S: AsRef<str>,
    {
        if self.npl.as_ref().parse::<usize>().ok() != Some(self.ga.len()) {
            return Err(EncodeError::Inconsistent {
                field: "NPL",
                reason: "NPL must be the number of GA entries",
            });
        }
        for (name, value) in self.fields() {
            sink.field(name, value.as_ref())?;
        }
        Ok(())
    }
}

impl<'a> SupplementaryServicesCallInput<&'a str> {
    /// An owned copy.
    pub fn to_owned(&self) -> SupplementaryServicesCallInput<String> {
        self.clone().map(String::from)
    }

    pub(crate) fn decode(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        reader.expect(15);
        let rad = reader.next("RAd")?;
        let oadc = reader.next("OAdC")?;
        let ac = reader.next("AC")?;
        let (offset, npl) = reader.next_at("NPL")?;
        let count = count_field(offset, "NPL", npl)?;
        reader.expect(count + 11);
        let mut ga = Vec::with_capacity(count.min(reader.remaining()));
        for _ in 0..count {
            ga.push(reader.next("GA")?);
        }
        Ok(SupplementaryServicesCallInput {
            rad,
            oadc,
            ac,
            npl,
            ga,
            rp: reader.next("RP")?,
            pr: reader.next("PR")?,
            lpr: reader.next("LPR")?,
            um: reader.next("UM")?,
            lum: reader.next("LUM")?,
            rc: reader.next("RC")?,
            lrc: reader.next("LRC")?,
            dd: reader.next("DD")?,
            ddt: reader.next("DDT")?,
            mt: reader.next("MT")?,
            msg: reader.next("Msg")?,
        })
    }
}

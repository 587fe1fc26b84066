//! OT 02, multiple address call input operation (EMI-UCP 4.x §4.3): one message to NPL
//! recipients. The positive result's SM lists `AdC:SCTS` per recipient, comma-separated.

use super::{DecodeError, EncodeError, Reader, Sink, count_field};

/// OT 02: `NPL/RAd:s/OAdC/AC/MT/NMsg|AMsg`, with NPL recipient addresses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MultipleAddressCallInput<S = String> {
    /// NPL, the number of recipients, as sent; must count `rad`.
    pub npl: S,
    /// RAd:s, the recipients.
    pub rad: Vec<S>,
    /// OAdC, the originator.
    pub oadc: S,
    /// AC, the authentication code.
    pub ac: S,
    /// MT: 2 numeric, 3 alphanumeric.
    pub mt: S,
    /// NMsg or AMsg, by MT.
    pub msg: S,
}

impl<S> MultipleAddressCallInput<S> {
    /// Each field with its spec name, in the order they are sent (`RAd` once per
    /// recipient).
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &S)> {
        core::iter::once(("NPL", &self.npl))
            .chain(self.rad.iter().map(|r| ("RAd", r)))
            .chain([
                ("OAdC", &self.oadc),
                ("AC", &self.ac),
                ("MT", &self.mt),
                ("Msg", &self.msg),
            ])
    }

    /// The same operation with every field converted by `f`.
    pub fn map<T>(self, mut f: impl FnMut(S) -> T) -> MultipleAddressCallInput<T> {
        MultipleAddressCallInput {
            npl: f(self.npl),
            rad: self.rad.into_iter().map(&mut f).collect(),
            oadc: f(self.oadc),
            ac: f(self.ac),
            mt: f(self.mt),
            msg: f(self.msg),
        }
    }

    /// A view borrowing every field.
    pub fn as_ref(&self) -> MultipleAddressCallInput<&str>
    where
        S: AsRef<str>,
    {
        MultipleAddressCallInput {
            npl: self.npl.as_ref(),
            rad: self.rad.iter().map(AsRef::as_ref).collect(),
            oadc: self.oadc.as_ref(),
            ac: self.ac.as_ref(),
            mt: self.mt.as_ref(),
            msg: self.msg.as_ref(),
        }
    }

    pub(crate) fn visit(&self, sink: &mut dyn Sink) -> Result<(), EncodeError>
    where
        S: AsRef<str>,
    {
        if self.npl.as_ref().parse::<usize>().ok() != Some(self.rad.len()) {
            return Err(EncodeError::Inconsistent {
                field: "NPL",
                reason: "NPL must be the number of RAd entries",
            });
        }
        for (name, value) in self.fields() {
            sink.field(name, value.as_ref())?;
        }
        Ok(())
    }
}

impl<'a> MultipleAddressCallInput<&'a str> {
    /// An owned copy.
    pub fn to_owned(&self) -> MultipleAddressCallInput<String> {
        self.clone().map(String::from)
    }

    pub(crate) fn decode(reader: &mut Reader<'a>) -> Result<Self, DecodeError> {
        reader.expect(5);
        let (offset, npl) = reader.next_at("NPL")?;
        let count = count_field(offset, "NPL", npl)?;
        reader.expect(count + 4);
        // The count is the peer's: reserve no more than the fields that are there.
        let mut rad = Vec::with_capacity(count.min(reader.remaining()));
        for _ in 0..count {
            rad.push(reader.next("RAd")?);
        }
        Ok(MultipleAddressCallInput {
            npl,
            rad,
            oadc: reader.next("OAdC")?,
            ac: reader.next("AC")?,
            mt: reader.next("MT")?,
            msg: reader.next("Msg")?,
        })
    }
}

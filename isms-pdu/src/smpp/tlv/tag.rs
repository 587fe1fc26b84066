//! TLV tags (SMPP 5.0 §4.8.4 Table 4-62, SMPP 3.4 §5.3.2). The named constants and
//! [`Tag::name`] are generated with the typed values in [`super::value`], from one list.

use core::fmt;

/// A TLV tag, standard, vendor-specific or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Tag(pub u16);

impl Tag {
    /// In the range SMPP 5.0 §4.8.1 reserves for MC vendors (0x1400–0x3FFF), where
    /// regulators' tags also live (India's DLT `PE_ID` 0x1400 and `Template_ID` 0x1401).
    pub const fn is_vendor_specific(self) -> bool {
        matches!(self.0, 0x1400..=0x3FFF)
    }

    /// Whether SMPP 5.0 defines the tag.
    pub const fn is_standard(self) -> bool {
        self.name().is_some()
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "0x{:04X}", self.0),
        }
    }
}

impl From<u16> for Tag {
    fn from(v: u16) -> Self {
        Tag(v)
    }
}

impl From<Tag> for u16 {
    fn from(v: Tag) -> Self {
        v.0
    }
}

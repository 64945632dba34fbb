//! The audit log is append-only and hash-chained: each entry's hash is an HMAC-SHA256, under a
//! key the database never holds, of its content and the previous entry's hash, so changing,
//! removing or recomputing any entry breaks the chain for anyone without the key. Signed
//! checkpoints of the head, kept apart from the log, show where the chain ended, so deleting the
//! newest entries (or all of them) is detected too. Entries written before the chain was keyed
//! (up to `unkeyed_until`) keep their plain SHA-256 hash.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry records. `details` is JSON without free text or secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContent<'a> {
    pub seq: i64,
    pub organisation_id: &'a str,
    pub at: &'a str,
    pub actor_id: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub details: &'a str,
}

impl EntryContent<'_> {
    /// Fields are length-prefixed so no two different entries serialise the same way.
    fn feed(&self, prev_hash: &str, mut update: impl FnMut(&[u8])) {
        for field in [
            prev_hash,
            &self.seq.to_string(),
            self.organisation_id,
            self.at,
            self.actor_id,
            self.action,
            self.subject,
            self.details,
        ] {
            update(&(field.len() as u64).to_be_bytes());
            update(field.as_bytes());
        }
    }
}

/// The key of the chain's HMAC. Its `Debug` never shows the key.
#[derive(Clone)]
pub struct ChainKey(Hmac<Sha256>);

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(..)")
    }
}

impl ChainKey {
    /// HMAC takes a key of any length; the error exists only in the trait's signature.
    pub fn new(secret: &[u8]) -> Result<ChainKey, hmac::digest::InvalidLength> {
        <Hmac<Sha256> as Mac>::new_from_slice(secret).map(ChainKey)
    }

    /// A value that identifies the key without revealing it (to tell two keys apart).
    pub fn fingerprint(&self) -> String {
        let mut mac = self.0.clone();
        mac.update(b"chorus audit chain key fingerprint");
        hex::encode(&mac.finalize().into_bytes()[..8])
    }
}

/// Hash of an entry chained to `prev_hash`, keyed.
pub fn entry_hash(key: &ChainKey, prev_hash: &str, entry: &EntryContent<'_>) -> String {
    let mut mac = key.0.clone();
    entry.feed(prev_hash, |bytes| mac.update(bytes));
    hex::encode(mac.finalize().into_bytes())
}

/// Hash of an entry written before the chain was keyed: plain SHA-256.
pub fn unkeyed_entry_hash(prev_hash: &str, entry: &EntryContent<'_>) -> String {
    let mut hasher = Sha256::new();
    entry.feed(prev_hash, |bytes| hasher.update(bytes));
    hex::encode(hasher.finalize())
}

/// Where a chain first fails to verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq} does not follow the one before it (an entry was removed or reordered)")]
    Gap { seq: i64 },
    #[error("entry {seq} was changed after it was written")]
    Altered { seq: i64 },
    #[error(
        "the log ends at entry {last_seq} but a signed checkpoint saw entry {checkpoint_seq} \
         (the newest entries were deleted)"
    )]
    Truncated { last_seq: i64, checkpoint_seq: i64 },
    #[error(
        "the log is empty but a signed checkpoint saw {checkpoint_seq} entries (it was emptied)"
    )]
    Emptied { checkpoint_seq: i64 },
    #[error(
        "entry {seq} is not the one the signed checkpoint of {at} saw (the chain was rewritten)"
    )]
    Rewritten { seq: i64, at: String },
    #[error(
        "the checkpoint at entry {seq} does not carry a valid signature (it was forged or changed)"
    )]
    BadCheckpoint { seq: i64 },
}

/// The newest entry of a verified chain (seq 0 and `GENESIS` before the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub entries: u64,
    pub seq: i64,
    pub hash: String,
}

impl Head {
    pub fn genesis() -> Head {
        Head {
            entries: 0,
            seq: 0,
            hash: GENESIS.to_owned(),
        }
    }
}

/// Checks a chain in order, continuing from `from` (the genesis, or a verified earlier head):
/// (content, prev_hash, hash) per entry. Entries up to `unkeyed_until` carry the unkeyed hash.
pub fn verify<'a>(
    key: &ChainKey,
    unkeyed_until: i64,
    from: Head,
    entries: impl IntoIterator<Item = (EntryContent<'a>, &'a str, &'a str)>,
) -> Result<Head, ChainBreak> {
    let mut head = from;
    for (content, prev_hash, hash) in entries {
        if content.seq != head.seq + 1 || prev_hash != head.hash {
            return Err(ChainBreak::Gap { seq: content.seq });
        }
        let expected = if content.seq <= unkeyed_until {
            unkeyed_entry_hash(prev_hash, &content)
        } else {
            entry_hash(key, prev_hash, &content)
        };
        if expected != hash {
            return Err(ChainBreak::Altered { seq: content.seq });
        }
        head = Head {
            entries: head.entries + 1,
            seq: content.seq,
            hash: hash.to_owned(),
        };
    }
    Ok(head)
}

/// A signed statement that an organisation's chain had reached entry `seq`, with hash `hash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint<'a> {
    pub organisation_id: &'a str,
    pub seq: i64,
    pub hash: &'a str,
    pub at: &'a str,
}

impl Checkpoint<'_> {
    fn message(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for field in [
            "chorus audit checkpoint v1",
            self.organisation_id,
            &self.seq.to_string(),
            self.hash,
            self.at,
        ] {
            out.extend_from_slice(&(field.len() as u64).to_be_bytes());
            out.extend_from_slice(field.as_bytes());
        }
        out
    }
}

/// The Ed25519 key that signs checkpoints. Anyone with its public half (printed in the export)
/// can check a checkpoint; only the server can make one.
#[derive(Clone)]
pub struct CheckpointKey(SigningKey);

impl std::fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CheckpointKey(public {})", self.public_hex())
    }
}

impl CheckpointKey {
    /// Derived from a configured secret of any length.
    pub fn from_secret(secret: &[u8]) -> CheckpointKey {
        let seed: [u8; 32] = Sha256::new()
            .chain_update(b"chorus audit checkpoint key v1")
            .chain_update(secret)
            .finalize()
            .into();
        CheckpointKey(SigningKey::from_bytes(&seed))
    }

    pub fn public_hex(&self) -> String {
        hex::encode(self.0.verifying_key().as_bytes())
    }

    /// The signature, hex.
    pub fn sign(&self, checkpoint: &Checkpoint<'_>) -> String {
        hex::encode(self.0.sign(&checkpoint.message()).to_bytes())
    }

    pub fn verifies(&self, checkpoint: &Checkpoint<'_>, signature_hex: &str) -> bool {
        signature_valid(&self.0.verifying_key(), checkpoint, signature_hex)
    }
}

fn signature_valid(key: &VerifyingKey, checkpoint: &Checkpoint<'_>, signature_hex: &str) -> bool {
    let Ok(bytes) = hex::decode(signature_hex) else {
        return false;
    };
    let Ok(signature) = Signature::from_slice(&bytes) else {
        return false;
    };
    key.verify(&checkpoint.message(), &signature).is_ok()
}

/// Checks a verified chain against its signed checkpoints: each must be genuine, and the chain
/// must still hold the entry it saw, with the same hash. `hash_at(seq)` reads the chain.
pub fn check_checkpoints<'a, 'h>(
    key: &CheckpointKey,
    head: &Head,
    hash_at: impl Fn(i64) -> Option<&'h str>,
    checkpoints: impl IntoIterator<Item = (Checkpoint<'a>, &'a str)>,
) -> Result<(), ChainBreak> {
    for (checkpoint, signature) in checkpoints {
        let seq = checkpoint.seq;
        if !key.verifies(&checkpoint, signature) {
            return Err(ChainBreak::BadCheckpoint { seq });
        }
        if head.entries == 0 {
            return Err(ChainBreak::Emptied {
                checkpoint_seq: seq,
            });
        }
        if seq > head.seq {
            return Err(ChainBreak::Truncated {
                last_seq: head.seq,
                checkpoint_seq: seq,
            });
        }
        if hash_at(seq) != Some(checkpoint.hash) {
            return Err(ChainBreak::Rewritten {
                seq,
                at: checkpoint.at.to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (EntryContent<'static>, String, String);

    fn key() -> ChainKey {
        ChainKey::new(b"test chain key").unwrap()
    }

    fn content(seq: i64, action: &'static str) -> EntryContent<'static> {
        EntryContent {
            seq,
            organisation_id: "org",
            at: "2026-11-23T00:00:00Z",
            actor_id: "officer",
            action,
            subject: "feedback:1",
            details: "{}",
        }
    }

    /// A chain whose first `unkeyed` entries carry the old unkeyed hash.
    fn chain(actions: &[&'static str], unkeyed: i64) -> Vec<Row> {
        let mut prev = GENESIS.to_owned();
        let mut out = Vec::new();
        for (i, action) in actions.iter().enumerate() {
            let content = content(i as i64 + 1, action);
            let hash = if content.seq <= unkeyed {
                unkeyed_entry_hash(&prev, &content)
            } else {
                entry_hash(&key(), &prev, &content)
            };
            out.push((content, prev.clone(), hash.clone()));
            prev = hash;
        }
        out
    }

    fn check(entries: &[Row], unkeyed: i64) -> Result<Head, ChainBreak> {
        verify(
            &key(),
            unkeyed,
            Head::genesis(),
            entries
                .iter()
                .map(|(c, p, h)| (c.clone(), p.as_str(), h.as_str())),
        )
    }

    const ACTIONS: [&str; 3] = ["approve", "reject", "read_original"];

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(check(&chain(&ACTIONS, 0), 0).map(|h| h.entries), Ok(3));
    }

    #[test]
    fn old_unkeyed_entries_still_verify_and_the_keyed_chain_follows_them() {
        let entries = chain(&ACTIONS, 2);
        assert_eq!(check(&entries, 2).map(|h| h.seq), Ok(3));
        assert_eq!(check(&entries, 0), Err(ChainBreak::Altered { seq: 1 }));
        assert_eq!(check(&entries, 3), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn a_changed_entry_is_detected() {
        let mut entries = chain(&ACTIONS, 0);
        entries[1].0.action = "approve";
        assert_eq!(check(&entries, 0), Err(ChainBreak::Altered { seq: 2 }));
    }

    #[test]
    fn a_chain_recomputed_without_the_key_is_detected() {
        let mut entries = chain(&ACTIONS, 0);
        entries[1].0.action = "approve";
        let mut prev = entries[0].2.clone();
        for (content, prev_hash, hash) in entries.iter_mut().skip(1) {
            *prev_hash = prev.clone();
            *hash = unkeyed_entry_hash(&prev, content);
            prev = hash.clone();
        }
        assert_eq!(check(&entries, 0), Err(ChainBreak::Altered { seq: 2 }));
        let other = ChainKey::new(b"a guessed key").unwrap();
        assert_ne!(other.fingerprint(), key().fingerprint());
    }

    #[test]
    fn a_deleted_entry_is_detected() {
        let mut entries = chain(&ACTIONS, 0);
        entries.remove(1);
        assert_eq!(check(&entries, 0), Err(ChainBreak::Gap { seq: 3 }));
        let mut first_gone = chain(&ACTIONS, 0);
        first_gone.remove(0);
        assert_eq!(check(&first_gone, 0), Err(ChainBreak::Gap { seq: 2 }));
    }

    fn checkpoints_check(entries: &[Row], signed_at_seq: i64) -> Result<(), ChainBreak> {
        let signer = CheckpointKey::from_secret(b"checkpoint secret");
        let full = chain(&ACTIONS, 0);
        let hash = full[signed_at_seq as usize - 1].2.clone();
        let checkpoint = Checkpoint {
            organisation_id: "org",
            seq: signed_at_seq,
            hash: &hash,
            at: "2026-11-23T01:00:00Z",
        };
        let signature = signer.sign(&checkpoint);
        let head = check(entries, 0)?;
        let hash_at = |seq: i64| {
            entries
                .iter()
                .find(|(c, _, _)| c.seq == seq)
                .map(|(_, _, h)| h.as_str())
        };
        check_checkpoints(
            &signer,
            &head,
            hash_at,
            [(checkpoint.clone(), signature.as_str())],
        )
    }

    #[test]
    fn checkpoints_catch_a_truncated_or_emptied_log() {
        let entries = chain(&ACTIONS, 0);
        assert_eq!(checkpoints_check(&entries, 3), Ok(()));
        assert_eq!(checkpoints_check(&entries, 2), Ok(()));
        assert_eq!(
            checkpoints_check(&entries[..1], 3),
            Err(ChainBreak::Truncated {
                last_seq: 1,
                checkpoint_seq: 3
            })
        );
        assert_eq!(
            checkpoints_check(&[], 2),
            Err(ChainBreak::Emptied { checkpoint_seq: 2 })
        );
    }

    #[test]
    fn a_forged_or_altered_checkpoint_is_detected() {
        let signer = CheckpointKey::from_secret(b"checkpoint secret");
        let forger = CheckpointKey::from_secret(b"not the secret");
        let checkpoint = Checkpoint {
            organisation_id: "org",
            seq: 2,
            hash: GENESIS,
            at: "2026-11-23T01:00:00Z",
        };
        assert!(signer.verifies(&checkpoint, &signer.sign(&checkpoint)));
        assert!(!signer.verifies(&checkpoint, &forger.sign(&checkpoint)));
        assert!(!signer.verifies(&checkpoint, "not hex"));
        let moved = Checkpoint {
            seq: 1,
            ..checkpoint.clone()
        };
        let head = Head::genesis();
        assert_eq!(
            check_checkpoints(
                &signer,
                &head,
                |_| None,
                [(moved, signer.sign(&checkpoint).as_str())]
            ),
            Err(ChainBreak::BadCheckpoint { seq: 1 })
        );
    }
}

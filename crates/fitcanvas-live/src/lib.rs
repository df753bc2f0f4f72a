//! Live co-editing: one canvas shared between desktops through a Yjs document (yrs), so that
//! Fitcanvas speaks the same sync protocol as Yjs servers and clients.
//!
//! The pure part lives here and needs no network: [`schema`] maps a canvas onto a `Y.Doc` and
//! back, [`reconcile`] turns what peers changed into typed edits, [`order`] keeps orders as
//! fractional keys and the model's [`ids`] keeps new ids unique across desktops. [`Replica`] ties them
//! together. The network (`client`, behind the `network` feature) only moves bytes.

#[cfg(feature = "network")]
pub mod client;
#[cfg(feature = "network")]
pub mod hub;
#[cfg(feature = "network")]
pub mod invite;
pub mod kept;
pub mod order;
pub mod presence;
pub mod reconcile;
pub mod schema;
pub mod text_merge;

use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, ReadTxn, StateVector, Transact, Update};

use fitcanvas_model::canvas::Canvas;
use fitcanvas_model::edit::{Applied, Edit};
use fitcanvas_model::ids;
use schema::Roots;

/// The origin of transactions made from this desktop's own edits.
pub const LOCAL_ORIGIN: &str = "fitcanvas-local";
/// The origin of transactions that apply what came from peers.
pub const REMOTE_ORIGIN: &str = "fitcanvas-remote";
/// The largest update accepted from a peer or server: a 300-note canvas is about 100 KiB.
pub const MAX_UPDATE_BYTES: usize = 16 << 20;

/// Why an update from a peer was refused. The document and the canvas are unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LiveError {
    #[error("the update is {0} bytes, more than the {MAX_UPDATE_BYTES} accepted")]
    TooLarge(usize),
    #[error("the update is malformed: {0}")]
    Malformed(String),
}

/// This desktop's copy of a shared canvas's document.
pub struct Replica {
    doc: Doc,
    roots: Roots,
    client: u64,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica")
            .field("client", &self.client)
            .finish()
    }
}

impl Replica {
    /// An empty document for Yjs client id `client` (53 bits), to be filled by a peer.
    pub fn empty(client: u64) -> Replica {
        let doc = schema::new_doc(client);
        let roots = Roots::of(&doc);
        Replica {
            doc,
            roots,
            client: client & ((1 << ids::CLIENT_ID_BITS) - 1),
        }
    }

    /// A document holding `canvas`, for the desktop that shares it first.
    pub fn share(canvas: &Canvas, client: u64) -> Replica {
        let replica = Replica::empty(client);
        {
            let mut txn = replica.doc.transact_mut_with(LOCAL_ORIGIN);
            schema::write_all(&mut txn, &replica.roots, canvas, replica.client);
        }
        replica
    }

    /// The document as this desktop last kept it ([`Replica::state`]), to carry on after a
    /// restart: offline edits made before it are merged on the next sync.
    pub fn restore(client: u64, state: &[u8]) -> Result<Replica, LiveError> {
        let mut replica = Replica::empty(client);
        replica.apply_update(state)?;
        Ok(replica)
    }

    pub fn client(&self) -> u64 {
        self.client
    }

    /// The suffix this desktop's new ids carry (see [`ids`]).
    pub fn id_suffix(&self) -> String {
        ids::suffix(self.client)
    }

    pub fn doc(&self) -> &Doc {
        &self.doc
    }

    /// Gives a new evidence entry in `edit` an id from this desktop's range, so that two
    /// desktops adding evidence to one note at the same moment do not both pick "one more".
    pub fn prepare(&self, edit: Edit, canvas: &Canvas) -> Edit {
        match edit {
            Edit::AddEvidence {
                note,
                index,
                evidence,
            } if evidence.id().0 == 0 => {
                let evidence = match canvas.item(&note) {
                    Some(item) => evidence.with_id(ids::next_entry(item, self.client)),
                    None => evidence,
                };
                Edit::AddEvidence {
                    note,
                    index,
                    evidence,
                }
            }
            Edit::Batch { edits } => Edit::Batch {
                edits: edits.into_iter().map(|e| self.prepare(e, canvas)).collect(),
            },
            other => other,
        }
    }

    /// Records a local edit, already applied to `canvas` and answered with `applied`, and
    /// answers the Yjs update to send to peers (empty when nothing changed).
    pub fn local(&mut self, edit: &Edit, applied: &Applied, canvas: &Canvas) -> Vec<u8> {
        if !applied.changed() {
            return Vec::new();
        }
        let mut txn = self.doc.transact_mut_with(LOCAL_ORIGIN);
        schema::write_edit(
            &mut txn,
            &self.roots,
            canvas,
            edit,
            &applied.touched,
            self.client,
        );
        txn.encode_update_v1()
    }

    /// Makes the document hold `canvas` entirely (after edits that were not recorded one by
    /// one). Answers the update to send.
    pub fn local_all(&mut self, canvas: &Canvas) -> Vec<u8> {
        let mut txn = self.doc.transact_mut_with(LOCAL_ORIGIN);
        schema::write_all(&mut txn, &self.roots, canvas, self.client);
        txn.encode_update_v1()
    }

    /// Merges an update from a peer. A malformed or oversized one is refused and changes
    /// nothing.
    pub fn apply_update(&mut self, update: &[u8]) -> Result<(), LiveError> {
        if update.len() > MAX_UPDATE_BYTES {
            return Err(LiveError::TooLarge(update.len()));
        }
        let update = Update::decode_v1(update).map_err(|e| LiveError::Malformed(e.to_string()))?;
        let mut txn = self.doc.transact_mut_with(REMOTE_ORIGIN);
        txn.apply_update(update)
            .map_err(|e| LiveError::Malformed(e.to_string()))?;
        Ok(())
    }

    /// The canvas the document holds now.
    pub fn canvas(&self) -> Canvas {
        let txn = self.doc.transact();
        schema::hydrate(&txn, &self.roots)
    }

    /// The edits that bring `canvas` (what the window shows) up to the document: apply them in
    /// order with [`Canvas::apply`], outside the undo history.
    pub fn catch_up(&self, canvas: &Canvas) -> Vec<Edit> {
        reconcile::edits_toward(canvas, &self.canvas())
    }

    /// This document's state vector (sync step 1).
    pub fn state_vector(&self) -> Vec<u8> {
        self.doc.transact().state_vector().encode_v1()
    }

    /// What a peer whose state vector is `remote` lacks (sync step 2).
    pub fn diff(&self, remote: &[u8]) -> Result<Vec<u8>, LiveError> {
        let sv = StateVector::decode_v1(remote).map_err(|e| LiveError::Malformed(e.to_string()))?;
        Ok(self.doc.transact().encode_state_as_update_v1(&sv))
    }

    /// The whole document as one update, to keep beside the recovery file.
    pub fn state(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }
}

//! The share link: the automerge-repo URL of a ledger (`automerge:` + base58check of its 16-byte
//! document id), and the Rectify address that carries it with the server's.
//!
//! A ledger's document id is its `ledger_id` (a uuid v4) as bytes, so every copy of a ledger,
//! however it arrived (a file, the server), is the same document on the server: joining by link
//! on a browser that already holds the ledger merges into it.

use sha2::{Digest, Sha256};

/// A ledger on a sync server: where, and which document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLink {
    /// `ws://…` or `wss://…`; empty when the link named only the document
    pub server: String,
    /// the automerge-repo document id (16 bytes)
    pub document_id: [u8; 16],
}

/// The document id of a ledger: its uuid's bytes (the first 16 bytes of the SHA-256 of the id
/// for an id that is not a uuid, which no Rectify ledger has).
pub fn document_id_of(ledger_id: &str) -> [u8; 16] {
    match uuid::Uuid::parse_str(ledger_id) {
        Ok(id) => *id.as_bytes(),
        Err(_) => {
            let hash = Sha256::digest(ledger_id.as_bytes());
            let mut out = [0; 16];
            out.copy_from_slice(&hash[..16]);
            out
        }
    }
}

/// The ledger id a document id stands for (the uuid it was made from).
pub fn ledger_id_of(document_id: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*document_id).to_string()
}

fn checksum(bytes: &[u8]) -> [u8; 4] {
    let twice = Sha256::digest(Sha256::digest(bytes));
    [twice[0], twice[1], twice[2], twice[3]]
}

impl ShareLink {
    pub fn of_ledger(server: &str, ledger_id: &str) -> ShareLink {
        ShareLink {
            server: server.trim().to_string(),
            document_id: document_id_of(ledger_id),
        }
    }

    /// `automerge:…`, as automerge-repo's `stringifyAutomergeUrl` writes it.
    pub fn automerge_url(&self) -> String {
        let mut bytes = self.document_id.to_vec();
        bytes.extend_from_slice(&checksum(&self.document_id));
        format!("automerge:{}", bs58::encode(bytes).into_string())
    }

    /// The part of a Rectify address after `#` that opens this ledger from this server.
    pub fn hash(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("server", &self.server)
            .append_pair("doc", &self.automerge_url())
            .finish();
        format!("#/sync?{query}")
    }

    /// Read a pasted link: a Rectify address (`…#/sync?server=…&doc=automerge:…`) or a bare
    /// `automerge:` URL. None when no well-formed document id is in it.
    pub fn parse(text: &str) -> Option<ShareLink> {
        let text = text.trim();
        let query = text.split_once("#/sync?").map(|(_, q)| q).unwrap_or("");
        let mut server = String::new();
        let mut doc = None;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "server" => server = value.into_owned(),
                "doc" => doc = Some(value.into_owned()),
                _ => {}
            }
        }
        let doc = doc.unwrap_or_else(|| text.to_string());
        let encoded = doc.trim().strip_prefix("automerge:")?;
        // (automerge-repo URLs may carry heads after a '#')
        let encoded = encoded.split(['#', '/', '?']).next().unwrap_or("");
        let bytes = bs58::decode(encoded).into_vec().ok()?;
        let (id, sum) = bytes.split_at_checked(16)?;
        if sum.len() != 4 || checksum(id) != sum {
            return None;
        }
        let document_id: [u8; 16] = id.try_into().ok()?;
        Some(ShareLink {
            server,
            document_id,
        })
    }

    /// The ledger id this link names.
    pub fn ledger_id(&self) -> String {
        ledger_id_of(&self.document_id)
    }
}
